import { localDate } from '../domain/dates';
import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import { parseIban } from '../payouts/iban';
import { buildPain001, buildPayoutCsv, type PayoutBatchFile } from '../payouts/pain001';
import type { PayoutBatch, PayoutItem } from '../ports';
import type { AppContext } from './context';
import { itemIdOf } from './payout-accounts';
export { getPayoutAccount, itemIdOf, setPayoutAccount } from './payout-accounts';

export type { PayoutSettings } from '../ports/payouts';
import type { PayoutSettings } from '../ports/payouts';

export class PayoutConfigError extends DomainError {
  override readonly name = 'PayoutConfigError';
  constructor(message: string) {
    super('PAYOUTS_NOT_CONFIGURED', message, 500);
  }
}

/** The next weekday after `date` (banks execute SEPA transfers on TARGET2 business days). */
export function nextBusinessDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}


function summary(batch: PayoutBatch) {
  return { payoutId: batch.payoutId, itemCount: batch.itemCount, totalCents: batch.totalCents };
}

/**
 * The payout run (scheduled, or `cabas payouts run`). One batch per period (the month, Europe/Paris):
 * a second run for the same period returns the same batch; a run that stopped halfway resumes it.
 * Each wallet at or above the threshold with a payout account becomes one item: its balance moves
 * to payouts in transit (pending) and the wallet is held until the item is posted or voided.
 */
export async function runPayouts(ctx: AppContext, settings: PayoutSettings): Promise<{ payoutId: string; itemCount: number; totalCents: number } | null> {
  const now = ctx.clock.now();
  const today = localDate(now);
  const period = today.slice(0, 7);
  const payoutId = `PAYOUT-${period}`;
  const existing = await ctx.payouts.getBatch(payoutId);
  if (existing && existing.status !== 'BUILDING') return summary(existing);
  const batch =
    existing ??
    (await ctx.payouts.createBatch({
      payoutId,
      period,
      status: 'BUILDING',
      createdAt: now.toISOString(),
      requestedExecutionDate: nextBusinessDay(today),
      itemCount: 0,
      totalCents: 0,
    }));
  if (batch.status !== 'BUILDING') return summary(batch);

  for await (const wallet of ctx.ledger.walletsWithBalance(settings.thresholdCents)) {
    const residentId = wallet.residentId;
    if (!residentId) continue;
    if (wallet.inPayout && wallet.inPayout !== payoutId) continue; // held by an unsettled batch
    const account = await ctx.payouts.getAccount(residentId);
    if (!account) continue;
    const itemId = itemIdOf(payoutId, residentId);
    const item = await ctx.payouts.putItem({
      payoutId,
      itemId,
      residentId,
      amountCents: wallet.balanceCents,
      status: 'RESERVING',
      creditor: { name: account.holderName, iban: account.iban, ...(account.bic ? { bic: account.bic } : {}) },
      updatedAt: now.toISOString(),
    });
    if (item.status !== 'RESERVING') continue;
    const outcome = await ctx.ledger.reservePayout({ payoutId, itemId, residentId, amountCents: item.amountCents }, now);
    if (outcome === 'REFUSED') await ctx.payouts.markItemSkipped(payoutId, itemId);
  }

  // Items left RESERVING by a run that stopped between creating them and reserving: settle them now.
  const items = await ctx.payouts.listItems(payoutId);
  for (const item of items.filter((i) => i.status === 'RESERVING')) {
    const outcome = await ctx.ledger.reservePayout({ payoutId, itemId: item.itemId, residentId: item.residentId, amountCents: item.amountCents }, now);
    if (outcome === 'REFUSED') await ctx.payouts.markItemSkipped(payoutId, item.itemId);
  }
  const pending = (await ctx.payouts.listItems(payoutId)).filter((i) => i.status === 'PENDING').sort((a, b) => a.itemId.localeCompare(b.itemId));
  if (pending.length === 0) {
    await ctx.payouts.deleteBatch(payoutId);
    return null;
  }
  const file = payoutFile(batch, pending, settings);
  const fileKey = `payouts/${payoutId}.pain.001.001.09.xml`;
  const csvKey = `payouts/${payoutId}.csv`;
  await ctx.documents.put(fileKey, buildPain001(file), 'application/xml');
  await ctx.documents.put(csvKey, buildPayoutCsv(file, { bom: true }), 'text/csv; charset=utf-8');
  const totalCents = pending.reduce((s, i) => s + i.amountCents, 0);
  await ctx.payouts.markReady(payoutId, { itemCount: pending.length, totalCents, fileKey, csvKey });
  return { payoutId, itemCount: pending.length, totalCents };
}

function payoutFile(batch: PayoutBatch, items: PayoutItem[], settings: PayoutSettings): PayoutBatchFile {
  const debtor = settings.debtor;
  if (!debtor) throw new PayoutConfigError('The city’s payer account (CABAS_CITY_NAME, CABAS_DEBTOR_IBAN, CABAS_DEBTOR_POSTCODE, CABAS_DEBTOR_TOWN) is not configured.');
  const iban = parseIban(debtor.iban);
  if (!iban.ok) throw new PayoutConfigError(`The city’s IBAN is not valid: ${iban.reason}`);
  return {
    messageId: batch.payoutId,
    createdAt: new Date(batch.createdAt),
    requestedExecutionDate: batch.requestedExecutionDate,
    debtor: { name: debtor.name, iban: iban.iban, ...(debtor.bic ? { bic: debtor.bic } : {}), address: { postcode: debtor.postcode, townName: debtor.town, country: 'FR' } },
    items: items.map((i) => ({
      endToEndId: i.itemId,
      amountCents: i.amountCents,
      creditor: i.creditor,
      remittance: `${debtor.name} - cashback commerces locaux ${batch.period}`,
    })),
  };
}

export async function listPayouts(ctx: AppContext, limit: number, cursor?: string) {
  const page = await ctx.payouts.listBatches(limit, cursor);
  return {
    items: page.items.map((b) => ({ payoutId: b.payoutId, status: b.status, itemCount: b.itemCount, totalCents: b.totalCents, createdAt: b.createdAt, requestedExecutionDate: b.requestedExecutionDate })),
    nextCursor: page.nextCursor,
  };
}

async function mustGetBatch(ctx: AppContext, payoutId: string) {
  const batch = await ctx.payouts.getBatch(payoutId);
  if (!batch) throw new NotFoundError('PAYOUT_NOT_FOUND', 'No such payout batch.');
  return batch;
}

export async function payoutDocument(ctx: AppContext, payoutId: string, which: 'file' | 'csv') {
  const batch = await mustGetBatch(ctx, payoutId);
  const key = which === 'file' ? batch.fileKey : batch.csvKey;
  if (!key) throw new ConflictError('PAYOUT_NOT_READY', 'This batch is still being built.');
  const body = await ctx.documents.get(key);
  if (body === undefined) throw new NotFoundError('PAYOUT_FILE_NOT_FOUND', 'The batch file is missing from storage.');
  return body;
}

/** POST /v1/admin/payouts/{id}/settle: the bank executed the batch; every pending item is posted. */
export async function settlePayout(ctx: AppContext, payoutId: string) {
  const batch = await mustGetBatch(ctx, payoutId);
  if (batch.status === 'BUILDING') throw new ConflictError('PAYOUT_NOT_READY', 'This batch is still being built.');
  const now = ctx.clock.now();
  for (const item of await ctx.payouts.listItems(payoutId)) {
    if (item.status === 'PENDING') await ctx.ledger.postPayout({ payoutId, itemId: item.itemId, residentId: item.residentId, amountCents: item.amountCents }, now);
  }
  await ctx.payouts.markSettled(payoutId, now);
  return { payoutId, status: 'SETTLED' as const };
}

/** POST /v1/admin/payouts/{id}/items/{itemId}/reject: the bank returned it; the money goes back to the wallet. */
export async function rejectPayoutItem(ctx: AppContext, payoutId: string, itemId: string, reason: string) {
  await mustGetBatch(ctx, payoutId);
  const item = await ctx.payouts.getItem(payoutId, itemId);
  if (!item) throw new NotFoundError('PAYOUT_ITEM_NOT_FOUND', 'No such item in this batch.');
  if (item.status === 'VOIDED') return { payoutId, itemId, status: 'VOIDED' as const };
  if (item.status !== 'PENDING') throw new ConflictError('PAYOUT_ITEM_NOT_PENDING', `This item is ${item.status}; only a pending item can be rejected.`);
  await ctx.ledger.voidPayout({ payoutId, itemId, residentId: item.residentId, amountCents: item.amountCents }, reason, ctx.clock.now());
  return { payoutId, itemId, status: 'VOIDED' as const };
}

/** Wallets whose balance reaches the payout threshold, and what paying them would move. */
export async function walletsDue(ctx: AppContext, thresholdCents: number) {
  let count = 0;
  let totalCents = 0;
  for await (const wallet of ctx.ledger.walletsWithBalance(thresholdCents)) {
    count++;
    totalCents += wallet.balanceCents;
  }
  return { thresholdCents, count, totalCents };
}

/** The payout settings of a function from its configuration. */
export function payoutSettingsFrom(config: {
  payoutThresholdCents: number;
  cityName?: string | undefined;
  debtorIban?: string | undefined;
  debtorBic?: string | undefined;
  debtorPostcode?: string | undefined;
  debtorTown?: string | undefined;
}): PayoutSettings {
  const { cityName, debtorIban, debtorPostcode, debtorTown } = config;
  return {
    thresholdCents: config.payoutThresholdCents,
    ...(cityName && debtorIban && debtorPostcode && debtorTown
      ? { debtor: { name: cityName, iban: debtorIban, postcode: debtorPostcode, town: debtorTown, ...(config.debtorBic ? { bic: config.debtorBic } : {}) } }
      : {}),
  };
}
