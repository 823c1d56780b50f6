import { changedFields, redact, type AuditEntry, type AuditTarget } from '../domain/audit';
import { accountIds } from '../ports';
import type { AuditFilter } from '../ports/audit';
import type { AppContext, Caller } from './context';
import { newsSnapshot, reviewSnapshot } from './shop-pages';
import { shopPhotosSnapshot } from './shop-photos';
import { counterResidentSnapshot } from './counter';

/**
 * What the trail keeps of each kind of target before and after a staff action: the record itself,
 * and the money the ledger holds for it. Receipts are kept compact (status, decision, amounts):
 * never the OCR text of a resident's ticket.
 */
export const auditSnapshots = {
  campaign: async (ctx, id) => {
    const campaign = await ctx.campaigns.get(id);
    if (!campaign) return undefined;
    const money = await ctx.ledger.campaignStats(id);
    return { ...campaign, fundedCents: money.fundedCents, creditedCents: money.creditedCents, remainingCents: money.remainingCents, returnedCents: money.returnedCents };
  },
  merchant: async (ctx, id) => ctx.merchants.get(id),
  /** A shop's deposit for its welcome bonuses, as the ledger holds it. */
  merchantFunds: async (ctx, id) => {
    const funds = await ctx.ledger.getAccount(accountIds.merchantFunds(id));
    return { depositAvailableCents: funds?.balanceCents ?? 0 };
  },
  receipt: async (ctx, id) => {
    const r = await ctx.receipts.get(id);
    if (!r) return undefined;
    return {
      status: r.status,
      residentId: r.residentId,
      ...(r.decision ? { merchantId: r.decision.merchantId, totalCents: r.decision.totalCents, purchaseDate: r.decision.purchaseDate, campaignId: r.decision.campaignId } : {}),
      ...(r.cashbackCents !== undefined ? { cashbackCents: r.cashbackCents } : {}),
      ...(r.rejection ? { rejection: r.rejection.code } : {}),
      ...(r.reviewDecision ? { review: r.reviewDecision } : {}),
    };
  },
  payout: async (ctx, id) => {
    const batch = await ctx.payouts.getBatch(id);
    if (!batch) return undefined;
    const items = await ctx.payouts.listItems(id);
    return { status: batch.status, itemCount: batch.itemCount, totalCents: batch.totalCents, items: Object.fromEntries(items.map((i) => [i.itemId, i.status])) };
  },
  /** A news post (issue #20). */
  news: newsSnapshot,
  /** A review's moderation and reply, without the resident's words or id. */
  review: reviewSnapshot,
  /** A shop's photos: their order, statuses and alt texts (issue #20). */
  shopPhotos: shopPhotosSnapshot,
  /** A resident registered at the counter: who registered them, their balance, when their IBAN changed; never their name or reference. */
  counterResident: counterResidentSnapshot,
} satisfies Record<string, (ctx: AppContext, id: string) => Promise<unknown>>;

export type AuditSnapshot = keyof typeof auditSnapshots;

export interface StaffAction {
  action: string;
  route: string;
  target: AuditTarget;
  status: number;
  input?: unknown;
  before?: unknown;
  after?: unknown;
}

/** Appends one staff action to the trail, with what changed. */
export async function recordStaffAction(ctx: AppContext, caller: Caller, action: StaffAction): Promise<AuditEntry> {
  const diff = action.before !== undefined || action.after !== undefined ? changedFields(action.before, action.after) : undefined;
  const entry: AuditEntry = {
    auditId: ctx.newId(),
    at: ctx.clock.now().toISOString(),
    actor: caller.sub,
    action: action.action,
    route: action.route,
    target: action.target,
    status: action.status,
    ...(action.input !== undefined ? { input: redact(action.input) } : {}),
    ...(diff ? diff : {}),
  };
  await ctx.audit.append(entry);
  return entry;
}

/** GET /v1/admin/audit: the trail, newest first, filtered. */
export async function listAudit(ctx: AppContext, filter: AuditFilter, limit: number, cursor?: string) {
  return ctx.audit.list(filter, limit, cursor);
}
