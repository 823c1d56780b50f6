import { changedFields, redact, type AuditEntry, type AuditTarget } from '../domain/audit';
import { accountIds } from '../ports';
import type { AuditFilter } from '../ports/audit';
import type { AppContext, Caller } from './context';

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
} satisfies Record<string, AuditSnapshotOf>;

/**
 * What the trail keeps of a target: one of the snapshots above by name, or the area's own, given
 * by its route (a news post, a review, a shop's photos, a counter resident: shared/app/shop-pages,
 * shop-photos, counter), so that the router does not carry every area's code into every function.
 */
export type AuditSnapshotOf = (ctx: AppContext, id: string) => Promise<unknown>;
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
