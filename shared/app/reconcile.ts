import type { Account, Transfer } from '../ports';
import { ALL_SCOPE, COUNTER_NAMES, bucketId, compareBuckets, recomputeBuckets, type BucketKey, type Counters, type CreditedReceiptFacts } from '../domain/figures';
import type { Receipt } from '../domain/receipt';
import type { AppContext } from './context';

export interface ReconcileReport {
  ok: boolean;
  accounts: number;
  transfers: number;
  creditedReceipts: number;
  totalDebitsCents: number;
  totalCreditsCents: number;
  problems: string[];
}

/**
 * Proves the ledger invariants of docs/contracts.md (section 3) from what is stored: every balance equals the
 * sum of its transfers, debits equal credits, no campaign budget (nor a shop's deposit) is
 * overdrawn, and every credited receipt has one cashback transfer per paying campaign, adding up
 * to the amount it shows; each reversal undoes one cashback of the same amount.
 */
export async function reconcileLedger(ctx: Pick<AppContext, 'ledger' | 'receipts'>): Promise<ReconcileReport> {
  const problems: string[] = [];
  const accounts = new Map<string, Account>();
  for await (const a of ctx.ledger.allAccounts()) accounts.set(a.accountId, a);
  const sums = new Map<string, { debits: number; credits: number }>();
  const cashbackByReceipt = new Map<string, Transfer[]>();
  const reversedReceipts = new Set<string>();
  const transferAmounts = new Map<string, number>();
  const reversals = new Map<string, number>();
  let transfers = 0;
  let totalDebits = 0;
  let totalCredits = 0;
  const sum = (id: string) => {
    let s = sums.get(id);
    if (!s) sums.set(id, (s = { debits: 0, credits: 0 }));
    return s;
  };
  for await (const t of ctx.ledger.allTransfers()) {
    transfers++;
    if (!Number.isInteger(t.amountCents) || t.amountCents <= 0) problems.push(`transfer ${t.transferId}: amount ${t.amountCents} is not a positive number of cents`);
    if (t.debitAccountId === t.creditAccountId) problems.push(`transfer ${t.transferId}: debits and credits the same account`);
    sum(t.debitAccountId).debits += t.amountCents;
    sum(t.creditAccountId).credits += t.amountCents;
    totalDebits += t.amountCents;
    totalCredits += t.amountCents;
    transferAmounts.set(t.transferId, t.amountCents);
    if (t.kind === 'REVERSAL' && t.receiptId) {
      reversedReceipts.add(t.receiptId);
      reversals.set(t.transferId, t.amountCents);
    }
    if (t.kind === 'CASHBACK' && t.receiptId) {
      const list = cashbackByReceipt.get(t.receiptId) ?? [];
      list.push(t);
      cashbackByReceipt.set(t.receiptId, list);
    }
  }
  if (totalDebits !== totalCredits) problems.push(`debits ${totalDebits} != credits ${totalCredits}`);
  for (const id of new Set([...accounts.keys(), ...sums.keys()])) {
    const a = accounts.get(id);
    const s = sums.get(id) ?? { debits: 0, credits: 0 };
    if (!a) {
      problems.push(`account ${id}: has transfers but no stored account`);
      continue;
    }
    if (a.debitsCents !== s.debits) problems.push(`account ${id}: stored debits ${a.debitsCents} != transfers ${s.debits}`);
    if (a.creditsCents !== s.credits) problems.push(`account ${id}: stored credits ${a.creditsCents} != transfers ${s.credits}`);
    if (a.balanceCents !== s.credits - s.debits) problems.push(`account ${id}: stored balance ${a.balanceCents} != credits - debits ${s.credits - s.debits}`);
    if (a.kind === 'CAMPAIGN_BUDGET' && a.balanceCents < 0) problems.push(`account ${id}: campaign budget overdrawn (${a.balanceCents})`);
    if (a.kind === 'MERCHANT_FUNDS' && a.balanceCents < 0) problems.push(`account ${id}: shop deposit overdrawn (${a.balanceCents})`);
  }
  let creditedReceipts = 0;
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await ctx.receipts.listByStatus('CREDITED', 100, cursor, 'summary');
    for (const r of page.items) {
      creditedReceipts++;
      seen.add(r.receiptId);
      const ts = cashbackByReceipt.get(r.receiptId) ?? [];
      const moved = ts.reduce((sum, t) => sum + t.amountCents, 0);
      const campaigns = new Set(ts.map((t) => t.campaignId));
      if (ts.length === 0) problems.push(`receipt ${r.receiptId}: CREDITED with no cashback transfer`);
      else if (campaigns.size !== ts.length) problems.push(`receipt ${r.receiptId}: more than one cashback transfer from one campaign`);
      else if (moved !== r.cashbackCents) problems.push(`receipt ${r.receiptId}: shows ${r.cashbackCents} but its transfers moved ${moved}`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // Every transfer shows in both accounts' histories, and each history adds up to its balance.
  const entrySums = new Map<string, number>();
  const entriesByTransfer = new Map<string, number[]>();
  for await (const e of ctx.ledger.allEntries()) {
    entrySums.set(e.accountId, (entrySums.get(e.accountId) ?? 0) + e.amountCents);
    const list = entriesByTransfer.get(e.transferId) ?? [];
    list.push(e.amountCents);
    entriesByTransfer.set(e.transferId, list);
  }
  for (const [id, a] of accounts) {
    if ((entrySums.get(id) ?? 0) !== a.balanceCents) problems.push(`account ${id}: history adds up to ${entrySums.get(id) ?? 0}, balance is ${a.balanceCents}`);
  }
  for (const [transferId, amount] of transferAmounts) {
    const list = entriesByTransfer.get(transferId) ?? [];
    if (list.length !== 2 || !list.includes(amount) || !list.includes(-amount)) problems.push(`transfer ${transferId}: entries ${JSON.stringify(list)} do not match its amount ${amount}`);
  }
  for (const transferId of entriesByTransfer.keys()) {
    if (!transferAmounts.has(transferId)) problems.push(`entries of unknown transfer ${transferId}`);
  }
  // Each reversal `reversal:X` undoes the cashback `cashback:X` of the same amount.
  for (const [transferId, amount] of reversals) {
    const undone = transferId.replace(/^reversal:/, 'cashback:');
    if (transferAmounts.get(undone) !== amount) problems.push(`transfer ${transferId}: reversal of ${amount} does not match the cashback ${undone}`);
  }
  for (const receiptId of cashbackByReceipt.keys()) {
    if (!seen.has(receiptId) && !reversedReceipts.has(receiptId)) problems.push(`receipt ${receiptId}: has a cashback transfer but is neither CREDITED nor reversed`);
  }
  problems.push(...(await reconcileFigures(ctx, cashbackByReceipt)));
  return { ok: problems.length === 0, accounts: accounts.size, transfers, creditedReceipts, totalDebitsCents: totalDebits, totalCreditsCents: totalCredits, problems };
}

/** Every receipt in a status, oldest first. */
async function* receiptsIn(ctx: Pick<AppContext, 'receipts'>, status: 'CREDITED' | 'REJECTED' | 'IN_REVIEW'): AsyncIterable<Receipt> {
  let cursor: string | undefined;
  do {
    const page = await ctx.receipts.listByStatus(status, 100, cursor, 'summary');
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * The figures' counters (docs/ledger.md, "Figures") against the receipts and the transfers: each
 * credited receipt's cashback as its transfers moved it, its sales, its week, its shop and its
 * resident's first and second purchases; refused and in-review receipts by week of upload. The
 * programme's counters are checked whole; a campaign's, all but its refused receipts (the campaign
 * a refusal was counted in is not kept on the receipt).
 */
async function reconcileFigures(ctx: Pick<AppContext, 'ledger' | 'receipts'>, cashbackByReceipt: ReadonlyMap<string, Transfer[]>): Promise<string[]> {
  const credited: CreditedReceiptFacts[] = [];
  for await (const r of receiptsIn(ctx, 'CREDITED')) {
    if (!r.decision) continue;
    credited.push({
      receiptId: r.receiptId,
      residentId: r.residentId,
      merchantId: r.decision.merchantId,
      purchaseDate: r.decision.purchaseDate,
      totalCents: r.decision.totalCents,
      credits: (cashbackByReceipt.get(r.receiptId) ?? []).map((t) => ({ campaignId: t.campaignId ?? '', amountCents: t.amountCents })),
    });
  }
  const refused: Array<{ createdAt: string }> = [];
  for await (const r of receiptsIn(ctx, 'REJECTED')) refused.push({ createdAt: r.createdAt });
  const inReview: Array<{ createdAt: string; campaignId?: string }> = [];
  for await (const r of receiptsIn(ctx, 'IN_REVIEW')) {
    const campaignId = (r as Receipt & { reviewCampaignId?: string }).reviewCampaignId;
    inReview.push({ createdAt: r.createdAt, ...(campaignId ? { campaignId } : {}) });
  }
  const expected = recomputeBuckets({ credited, refused, inReview });
  const stored = new Map<string, { key: BucketKey; counters: Counters }>();
  for await (const b of ctx.ledger.allFigureBuckets()) stored.set(bucketId(b.key), b);
  const pick = (m: ReadonlyMap<string, { key: BucketKey; counters: Counters }>, all: boolean) => new Map([...m].filter(([, b]) => (b.key.scope === ALL_SCOPE) === all));
  return [
    ...compareBuckets(pick(stored, true), pick(expected, true)),
    ...compareBuckets(pick(stored, false), pick(expected, false), COUNTER_NAMES.filter((n) => n !== 'refusedReceipts')),
  ];
}
