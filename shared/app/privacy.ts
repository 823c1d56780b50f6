/**
 * Residents' rights over their data (GDPR articles 15, 17 and 20) and the retention of receipts'
 * personal data. What Cabas holds, why, for how long and what an erasure leaves is described for
 * the city's DPO in docs/privacy.md; keep the two in step.
 *
 * - `exportResidentData`: everything held about the caller, in one JSON document (GET /v1/me/export).
 * - `eraseResident`: the caller's erasure (DELETE /v1/me): photos, payout account and household
 *   membership deleted, receipts' personal data erased, and everything else keyed by the resident
 *   (receipts, wallet and its history, counters) moved to a random pseudonym that nothing links
 *   back to the resident once the erasure is over. The ledger keeps every transfer, so the
 *   accounts still balance. Refused (409 PAYOUT_IN_FLIGHT) while a payout to the resident is in
 *   flight; idempotent and resumable (a call that ran out of time answers IN_PROGRESS).
 * - `erasePersonalDataOfOldReceipts`: the scheduled retention of receipts' personal data.
 */
import { ConflictError } from '../domain/errors';
import { claimKeys } from '../domain/fraud/claim-keys';
import { rejection } from '../domain/rejections';
import { ledgerRefsOf, receiptErasure, redactForeign, redactStaff, residentFraudKeysOf, versionOf } from '../domain/privacy';
import type { Receipt, ReceiptStatus } from '../domain/receipt';
import { reviewWithModeration } from '../domain/reviews';
import { hashBands, RECOMMENDED_BANDS } from '../domain/fraud/photo-hash';
import { accountIds, type LedgerEntry, type PayoutBatch } from '../ports';
import type { AppContext, Caller } from './context';
import { MAX_HOUSEHOLD_MEMBERS } from './households';
import { itemIdOf as payoutItemId } from './payout-accounts';

/** Photo links in an export live this long (as staff's image links). */
export const EXPORT_LINK_TTL_SECONDS = 900;

/** Where a resident's sign-in data is (a resident served at the counter has none: shared/app/counter.ts). */
export const SIGN_IN_NOTE = 'Votre adresse e-mail et votre mot de passe sont conservés par le service de connexion de la ville (Amazon Cognito), pas dans ces données.';

/** An erased resident's records move to `erased-<random id>`: no function of the resident's id. */
export const PSEUDONYM_PREFIX = 'erased-';

/**
 * The pseudonym of an erasure in progress is held as a claim on the resident's id
 * (`claimKeys.erasure`), so that a call that stopped is resumed with the same pseudonym; it is
 * forgotten when the erasure is complete, after which nothing links the resident to it.
 */
const erasureClaim = claimKeys.erasure;

/** An erasure call stops taking on receipts after this long (the API function has 10 seconds). */
const ERASURE_TIME_BUDGET_MS = 6_000;

const FINAL: ReadonlySet<ReceiptStatus> = new Set(['CREDITED', 'REJECTED']);

const DAY_MS = 86_400_000;

// ------------------------------------------------------------------------------------------ export

export interface ExportedReceipt extends Omit<Receipt, 'review'> {
  review?: NonNullable<Receipt['review']>;
  /** A short-lived link to the photo; null once it is deleted (erasure, retention) or when none was sent. */
  image: { url: string; expiresAt: string } | null;
}

export interface ResidentExport {
  format: 'cabas.resident-export/1';
  exportedAt: string;
  residentId: string;
  /** When the photo links stop working: ask for a new export after that. */
  linksExpireAt: string;
  receipts: ExportedReceipt[];
  wallet: {
    accountId: string;
    balanceCents: number;
    pendingPayoutCents: number;
    paidOutCents: number;
    currency: 'EUR';
    /** Every movement, newest first. */
    movements: LedgerEntry[];
  } | null;
  /** The IBAN in full: it is the resident's own. */
  payoutAccount: { iban: string; holderName: string; bic?: string; updatedAt: string } | null;
  payouts: Array<{
    payoutId: string;
    period: string;
    requestedExecutionDate: string;
    itemId: string;
    amountCents: number;
    status: string;
    creditor: { name: string; iban: string; bic?: string };
    voidReason?: string;
    updatedAt: string;
  }>;
  household: { householdId: string; joinCode: string | null; memberCount: number; maxMembers: number } | null;
  /** The resident's own cap counters (cashback or purchase cents used per campaign and window). */
  capCounters: Array<{ campaignId: string; windowKey: string; usedCents: number }>;
  /** The resident's loyalty tallies (purchases counted, bonuses reached) per campaign and period. */
  loyaltyTallies: Array<{ campaignId: string; windowKey: string; count: number; rewarded: number }>;
  /** Shops where a credited purchase of the resident is recorded (a shop's welcome bonus is paid once). */
  customerOf: string[];
  /** The resident's reviews of shops, with their moderation and the shop's reply. */
  reviews: Array<ReturnType<typeof reviewWithModeration>>;
  /** What else is held, in French, for the resident. */
  notes: string[];
}

async function allPages<T>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/**
 * GET /v1/me/export: everything Cabas holds about the caller, in one document. Another resident's
 * data never appears: look-alike photos of other residents' receipts are left out and their
 * receipt ids blanked in review reasons; staff are named "[services de la ville]".
 */
export async function exportResidentData(ctx: AppContext, caller: Caller): Promise<ResidentExport> {
  const residentId = caller.sub;
  const now = ctx.clock.now();
  const [receipts, wallet, payoutAccount, householdId, batches] = await Promise.all([
    allPages((cursor) => ctx.receipts.listByResident(residentId, 100, cursor)),
    ctx.ledger.getAccount(accountIds.wallet(residentId)),
    ctx.payouts.getAccount(residentId),
    ctx.households.householdOf(residentId),
    allPages<PayoutBatch>((cursor) => ctx.payouts.listBatches(100, cursor)),
  ]);
  const reviews = await ctx.reviews.byResident(residentId);
  const own = new Set(receipts.map((r) => r.receiptId));

  const exported = await Promise.all(receipts.map((r) => exportReceipt(ctx, r, own)));
  const movements = wallet ? await allPages((cursor) => ctx.ledger.entries(wallet.accountId, 500, cursor)) : [];
  const items = await Promise.all(batches.map(async (b) => ({ batch: b, item: await ctx.payouts.getItem(b.payoutId, payoutItemId(b.payoutId, residentId)) })));
  const household = householdId ? await ctx.households.get(householdId) : undefined;

  const windows = new Map<string, { campaignId: string; windowKey: string }>();
  for (const r of receipts) {
    for (const c of r.credits ?? []) {
      if (c.cap?.holderId === residentId) windows.set(`${c.campaignId}#${c.cap.windowKey}`, { campaignId: c.campaignId, windowKey: c.cap.windowKey });
    }
  }
  const capCounters = await Promise.all([...windows.values()].map(async (w) => ({ ...w, usedCents: await ctx.ledger.capUsage(w.campaignId, residentId, w.windowKey) })));
  const tallyWindows = new Map((receipts.flatMap((r) => r.loyalty ?? []).filter((m) => m.holderId === residentId).map((m) => [`${m.campaignId}#${m.windowKey}`, m] as const)));
  const loyaltyTallies = await Promise.all([...tallyWindows.values()].map(async (m) => ({ campaignId: m.campaignId, windowKey: m.windowKey, ...(await ctx.ledger.tally(m.campaignId, residentId, m.windowKey)) })));
  const shops = [...new Set(receipts.flatMap((r) => ledgerRefsOf(r).merchantIds))];
  const customerOf = (await Promise.all(shops.map(async (m) => ((await ctx.ledger.isCustomer(m, residentId)) ? m : undefined)))).filter((m): m is string => m !== undefined);

  return {
    format: 'cabas.resident-export/1',
    exportedAt: now.toISOString(),
    residentId,
    linksExpireAt: new Date(now.getTime() + EXPORT_LINK_TTL_SECONDS * 1000).toISOString(),
    receipts: exported,
    wallet: wallet
      ? { accountId: wallet.accountId, balanceCents: wallet.balanceCents, pendingPayoutCents: wallet.pendingPayoutCents, paidOutCents: wallet.paidOutCents, currency: 'EUR', movements }
      : null,
    payoutAccount: payoutAccount
      ? { iban: payoutAccount.iban, holderName: payoutAccount.holderName, ...(payoutAccount.bic ? { bic: payoutAccount.bic } : {}), updatedAt: payoutAccount.updatedAt }
      : null,
    payouts: items
      .filter(({ item }) => item?.residentId === residentId)
      .map(({ batch, item }) => ({
        payoutId: batch.payoutId,
        period: batch.period,
        requestedExecutionDate: batch.requestedExecutionDate,
        itemId: item!.itemId,
        amountCents: item!.amountCents,
        status: item!.status,
        creditor: item!.creditor,
        ...(item!.voidReason ? { voidReason: item!.voidReason } : {}),
        updatedAt: item!.updatedAt,
      })),
    household: householdId
      ? { householdId, joinCode: household?.joinCode ?? null, memberCount: household?.memberCount ?? 0, maxMembers: MAX_HOUSEHOLD_MEMBERS }
      : null,
    capCounters,
    loyaltyTallies,
    customerOf,
    reviews: reviews.map(reviewWithModeration),
    notes: [
      SIGN_IN_NOTE,
      'Les compteurs anti-fraude (tickets envoyés par jour, par commerce et par jour) et l’empreinte visuelle de vos photos (pour repérer une photo renvoyée) sont calculés à partir des tickets ci-dessus.',
      'Les liens vers vos photos expirent à linksExpireAt ; une photo déjà supprimée (durée de conservation écoulée) n’a pas de lien ou répond « introuvable ».',
    ],
  };
}

async function exportReceipt(ctx: AppContext, r: Receipt, own: ReadonlySet<string>): Promise<ExportedReceipt> {
  const stored = r as Receipt & { reversal?: { by?: string } };
  const staff = [r.reviewDecision?.by, stored.reversal?.by].filter((s): s is string => !!s);
  const { review, ...rest } = stored;
  const out: ExportedReceipt = { ...rest, image: null };
  if (review) {
    out.review = {
      ...review,
      reasons: review.reasons.map((text) => redactForeign(text, own, staff)),
      ...(review.lookAlikes ? { lookAlikes: review.lookAlikes.filter((l) => own.has(l.receiptId)) } : {}),
    };
  }
  if (r.reviewDecision) out.reviewDecision = { ...r.reviewDecision, by: '[services de la ville]' };
  if (stored.reversal) (out as { reversal?: object }).reversal = { ...stored.reversal, by: '[services de la ville]' };
  if (r.decision) out.decision = { ...r.decision, explanation: r.decision.explanation.map((e) => redactStaff(e, staff)) };
  if (!r.personalDataErasedAt) {
    // Once read, the photo as read (what was paid and shown to staff): the write-once upload, or
    // the kept copy of a receipt announced before uploads were write-once.
    const url = r.status === 'AWAITING_UPLOAD' ? await ctx.images.presignDownload(r.objectKey, EXPORT_LINK_TTL_SECONDS) : await ctx.images.presignKeptDownload(r, EXPORT_LINK_TTL_SECONDS);
    out.image = { url, expiresAt: new Date(ctx.clock.now().getTime() + EXPORT_LINK_TTL_SECONDS * 1000).toISOString() };
  }
  return out;
}

// ----------------------------------------------------------------------------------------- erasure

export interface ErasureResult {
  /** IN_PROGRESS: the call ran out of time; call again to go on (nothing is undone meanwhile). */
  status: 'ERASED' | 'IN_PROGRESS';
  /** Receipts erased by this call (their photos deleted, their personal data erased, moved to the pseudonym). */
  receiptsErased: number;
  payoutAccountDeleted: boolean;
  leftHousehold: boolean;
  /** The wallet's balance at erasure: owed to the resident and forfeited, or owed by the resident and written off. */
  forfeitedCents: number;
  writtenOffCents: number;
}

function payoutInFlight(): ConflictError {
  return new ConflictError(
    'PAYOUT_IN_FLIGHT',
    'A payout to your bank account is in progress: your data can be erased once the bank has confirmed or returned it (a few days). Try again then.',
  );
}

/** A payout batch holds the wallet (pending), or is reserving it in the batch being built. */
async function assertNoPayoutInFlight(ctx: AppContext, residentId: string): Promise<void> {
  const wallet = await ctx.ledger.getAccount(accountIds.wallet(residentId));
  if (wallet?.inPayout || (wallet?.pendingPayoutCents ?? 0) !== 0) throw payoutInFlight();
  const recent = await ctx.payouts.listBatches(12);
  for (const b of recent.items.filter((batch) => batch.status !== 'SETTLED')) {
    const item = await ctx.payouts.getItem(b.payoutId, payoutItemId(b.payoutId, residentId));
    if (item?.residentId === residentId && (item.status === 'RESERVING' || item.status === 'PENDING')) throw payoutInFlight();
  }
}

/**
 * DELETE /v1/me: erases the caller (GDPR article 17), in this order, each step idempotent:
 * 1. refused with 409 PAYOUT_IN_FLIGHT while a payout to the resident is pending, before anything
 *    changes: the bank must confirm or return it first;
 * 2. the payout account (IBAN, holder name) is deleted, the resident leaves their household, and
 *    their reviews of shops are deleted (with the shops' replies);
 * 3. receipts still in the pipeline or in review are withdrawn (REJECTED, `WITHDRAWN`), so that no
 *    stage credits or decides them afterwards;
 * 4. each receipt: its photo deleted, the fraud counters keyed by the resident deleted, its cap
 *    counters, customer and campaign markers and photo index entries moved to the pseudonym, its
 *    personal data erased and the receipt itself moved to the pseudonym (kept: shop, amounts, dates,
 *    status, campaign, credits, for the accounts and the city's statistics);
 * 5. past payout items name the pseudonym (their creditor stays: the city's payment records);
 * 6. the wallet is renamed to the pseudonym with its whole history (transfers are never deleted,
 *    so every account still balances), then closed: a balance still owed to the resident is
 *    forfeited to the city, a debt left by a reversal is written off (transfer `wallet-close:...`);
 * 7. the link to the pseudonym is forgotten. A later sign-in with the same `sub` starts afresh.
 *
 * A second call finds nothing left and answers ERASED.
 */
export async function eraseResident(ctx: AppContext, caller: Caller, opts: { timeBudgetMs?: number } = {}): Promise<ErasureResult> {
  const residentId = caller.sub;
  const deadline = Date.now() + (opts.timeBudgetMs ?? ERASURE_TIME_BUDGET_MS);
  await assertNoPayoutInFlight(ctx, residentId);
  const pseudonym = await ctx.claims.claim(erasureClaim(residentId), `${PSEUDONYM_PREFIX}${ctx.newId()}`);
  const result: ErasureResult = { status: 'IN_PROGRESS', receiptsErased: 0, payoutAccountDeleted: false, leftHousehold: false, forfeitedCents: 0, writtenOffCents: 0 };

  if (await ctx.payouts.getAccount(residentId)) {
    await ctx.payouts.deleteAccount(residentId);
    result.payoutAccountDeleted = true;
  }
  if (await ctx.households.householdOf(residentId)) {
    await ctx.households.leave(residentId);
    result.leftHousehold = true;
  }
  // Reviews are the resident's own words, signed with a name they chose: deleted, with the shop's reply.
  for (const review of await ctx.reviews.byResident(residentId)) await ctx.reviews.delete(review.merchantId, residentId);

  // Every receipt first, withdrawing those still on their way: after this no credit, cap counter
  // or customer record can appear under the resident (the credit's transaction requires PROCESSING).
  const receipts = await allPages((cursor) => ctx.receipts.listByResident(residentId, 100, cursor));
  for (const r of receipts) {
    if (!FINAL.has(r.status)) await withdraw(ctx, r.receiptId, residentId);
  }
  const moved = new Set<string>();
  for (const r of receipts) {
    if (Date.now() >= deadline) return result;
    if (await pseudonymiseReceipt(ctx, r.receiptId, residentId, pseudonym, moved)) result.receiptsErased++;
  }
  if ((await ctx.receipts.listByResident(residentId, 1)).items.length > 0) return result; // sent meanwhile: the next call takes them

  for (const b of await allPages<PayoutBatch>((cursor) => ctx.payouts.listBatches(100, cursor))) {
    const itemId = payoutItemId(b.payoutId, residentId);
    const item = await ctx.payouts.getItem(b.payoutId, itemId);
    if (item?.residentId !== residentId) continue;
    if (!(await ctx.payouts.reassignItem(b.payoutId, itemId, pseudonym))) throw payoutInFlight();
  }

  if ((await ctx.ledger.renameWallet(residentId, pseudonym)) === 'IN_PAYOUT') throw payoutInFlight();
  const closed = await ctx.ledger.closeWallet(pseudonym, ctx.clock.now());
  if (closed === 'IN_PAYOUT') throw payoutInFlight();
  if (closed !== 'ALREADY_CLOSED') {
    result.forfeitedCents = Math.max(0, closed.closedCents);
    result.writtenOffCents = Math.max(0, -closed.closedCents);
  }

  await ctx.claims.forget({ claims: [erasureClaim(residentId)], tallies: [] });
  result.status = 'ERASED';
  return result;
}

/** A receipt still in the pipeline or in review ends REJECTED `WITHDRAWN`; one that moved on meanwhile is left as it is. */
async function withdraw(ctx: AppContext, receiptId: string, residentId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await ctx.receipts.get(receiptId);
    if (!r || r.residentId !== residentId || FINAL.has(r.status)) return;
    const now = ctx.clock.now();
    if (r.status === 'IN_REVIEW') {
      await ctx.receipts.rejectReview(receiptId, rejection('WITHDRAWN'), { action: 'REJECT', by: 'resident', at: now.toISOString(), reason: 'Données effacées à la demande du résident' }, now);
    } else {
      await ctx.receipts.reject(receiptId, rejection('WITHDRAWN'), now, r.decision?.campaignId);
    }
  }
  throw new Error(`Receipt ${receiptId} kept changing while it was withdrawn; the erasure will be retried`);
}

/** Step 4 of the erasure for one receipt; false when it was not the resident's (any more). */
async function pseudonymiseReceipt(ctx: AppContext, receiptId: string, residentId: string, pseudonym: string, moved: Set<string>): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await ctx.receipts.get(receiptId);
    if (!r || r.residentId !== residentId) return false;
    if (!FINAL.has(r.status)) {
      await withdraw(ctx, receiptId, residentId);
      continue;
    }
    await ctx.images.delete(r.objectKey);
    await ctx.claims.forget(residentFraudKeysOf(r));
    const refs = ledgerRefsOf(r);
    const todo = {
      campaignIds: refs.campaignIds.filter((id) => !moved.has(`campaign:${id}`)),
      merchantIds: refs.merchantIds.filter((id) => !moved.has(`merchant:${id}`)),
    };
    if (todo.campaignIds.length + todo.merchantIds.length > 0) {
      await ctx.ledger.rekeyResidentRecords(residentId, pseudonym, todo);
      for (const id of todo.campaignIds) moved.add(`campaign:${id}`);
      for (const id of todo.merchantIds) moved.add(`merchant:${id}`);
    }
    // The photo's look-alike index entries stay (another resident sending the same picture is
    // still found), naming the pseudonym. All 16 bands: the match stage indexes the first
    // `lookAlikeIndexBands` (14 by default), a city may have changed it; absent entries are skipped.
    if (r.perceptualHash) await ctx.fingerprints.reassign(receiptId, r.createdAt, hashBands(r.perceptualHash, RECOMMENDED_BANDS), pseudonym);
    if (await ctx.receipts.erasePersonalData(receiptId, versionOf(r), receiptErasure(r, ctx.clock.now().toISOString(), pseudonym))) return true;
  }
  throw new Error(`Receipt ${receiptId} kept changing during its erasure; the erasure will be retried`);
}

// --------------------------------------------------------------------------------------- retention

export interface RetentionSettings {
  /** Days after its final decision (credited or rejected) that a receipt keeps its personal data. */
  receiptPersonalDataRetentionDays: number;
}

export interface RetentionRun {
  /** Receipts decided before this instant had their personal data erased. */
  cutoff: string;
  erased: number;
  /** False when the run stopped for time: the next run goes on. */
  complete: boolean;
}

/**
 * The retention of receipts' personal data (scheduled daily): every receipt credited or rejected
 * more than `receiptPersonalDataRetentionDays` ago has its photo deleted and its personal data
 * erased as at an erasure (shared/domain/privacy.ts), for all residents; the receipt stays with the
 * resident. Receipts still in review or in the pipeline wait for their decision. Idempotent and
 * resumable: erased receipts leave the list it reads, so a run that stopped is simply run again.
 */
export async function erasePersonalDataOfOldReceipts(ctx: AppContext, settings: RetentionSettings, opts: { timeBudgetMs?: number; pageSize?: number } = {}): Promise<RetentionRun> {
  const deadline = Date.now() + (opts.timeBudgetMs ?? 240_000);
  const cutoff = new Date(ctx.clock.now().getTime() - settings.receiptPersonalDataRetentionDays * DAY_MS).toISOString();
  let erased = 0;
  for (const status of ['CREDITED', 'REJECTED'] as const) {
    const seen = new Set<string>();
    for (let idle = 0; idle < 3; ) {
      if (Date.now() > deadline) return { cutoff, erased, complete: false };
      const due = (await ctx.receipts.listPersonalDataDue(status, cutoff, opts.pageSize ?? 100)).filter((r) => !seen.has(r.receiptId));
      if (due.length === 0) {
        // The index may still show receipts erased a moment ago (it is eventually consistent).
        idle++;
        if (idle < 3) await new Promise((resolve) => setTimeout(resolve, 100 * idle));
        continue;
      }
      idle = 0;
      for (const r of due) {
        seen.add(r.receiptId);
        if (await erasePersonalDataOf(ctx, r)) erased++;
        if (Date.now() > deadline) return { cutoff, erased, complete: false };
      }
    }
  }
  return { cutoff, erased, complete: true };
}

/** One receipt's retention: its photo, then its personal data; false when there was nothing (left) to erase. */
async function erasePersonalDataOf(ctx: AppContext, receipt: Receipt): Promise<boolean> {
  let r: Receipt | undefined = receipt;
  for (let attempt = 0; attempt < 5 && r; attempt++) {
    if (r.personalDataErasedAt || !FINAL.has(r.status)) return false;
    await ctx.images.delete(r.objectKey);
    if (await ctx.receipts.erasePersonalData(r.receiptId, versionOf(r), receiptErasure(r, ctx.clock.now().toISOString()))) return true;
    r = await ctx.receipts.get(r.receiptId);
  }
  return false;
}

/** The scheduled privacy job (the payout function, `{ job: "privacy" }`; the local stack daily). */
export function runPrivacyJob(ctx: AppContext, settings: RetentionSettings): Promise<RetentionRun> {
  return erasePersonalDataOfOldReceipts(ctx, settings);
}
