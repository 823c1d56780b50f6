/**
 * Counter mode, "au guichet" (issue #19): city staff serve a resident who has no smartphone. The
 * resident is registered by staff and gets an id of its own (`guichet-<uuid>`, never a Cognito
 * `sub`: shared/domain/counter-resident.ts); from there every operation is the resident's own one,
 * run for that id: a receipt is `createReceipt` (same checks, same limits, same pipeline), the
 * payout account is `setPayoutAccount` (same IBAN checks), export and erasure are the resident's
 * rights of shared/app/privacy.ts. These operations only ever act on a counter resident's id: an
 * app resident's id is answered 404 COUNTER_RESIDENT_NOT_FOUND, so staff cannot act for a resident
 * who signs in themself. The routes (shared/http/counter-routes.ts) record every call, with the
 * staff member, in the audit trail.
 */
import {
  buildStatement,
  counterResidentTrace,
  isCounterResidentId,
  newCounterResident,
  normaliseReference,
  type CounterResident,
  type CounterResidentInput,
  type StatementPayout,
} from '../domain/counter-resident';
import { NotFoundError } from '../domain/errors';
import { formatIbanMasked } from '../payouts/iban';
import type { Page, PayoutBatch } from '../ports';
import type { AppContext, Caller } from './context';
import { setPayoutAccount, itemIdOf } from './payout-accounts';
import { eraseResident, exportResidentData, SIGN_IN_NOTE, type ErasureResult, type ResidentExport } from './privacy';
import { createReceipt, getWallet, type CreateReceiptBody } from './resident';
import type * as z from '../schema';

/** How the resident's own export names city staff (as for every resident). */
const STAFF_NAME = '[services de la ville]';

/** The resident as the operations they share with app residents see them. */
const asResident = (residentId: string): Caller => ({ sub: residentId, isAdmin: false });

function notFound(): NotFoundError {
  return new NotFoundError('COUNTER_RESIDENT_NOT_FOUND', 'No resident registered at the counter has this id (a resident who uses the app is served there).');
}

/** The counter resident with this id; 404 for any other id, an app resident's included. */
export async function counterResident(ctx: AppContext, residentId: string): Promise<CounterResident> {
  const r = isCounterResidentId(residentId) ? await ctx.counterResidents.get(residentId) : undefined;
  if (!r) throw notFound();
  return r;
}

export function counterResidentView(r: CounterResident) {
  return { residentId: r.residentId, fullName: r.fullName, reference: r.reference, ...(r.email ? { email: r.email } : {}), registeredBy: r.registeredBy, registeredAt: r.registeredAt };
}

/** POST /v1/admin/residents: registers a resident at the counter (409 COUNTER_REFERENCE_TAKEN when the reference is held). */
export async function registerCounterResident(ctx: AppContext, staff: Caller, input: CounterResidentInput) {
  const resident = newCounterResident(input, ctx.newId(), staff.sub, ctx.clock.now());
  await ctx.counterResidents.create(resident);
  return counterResidentView(resident);
}

/** GET /v1/admin/residents: the one holding a reference, or every counter resident, newest first. */
export async function findCounterResidents(ctx: AppContext, query: { reference?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<ReturnType<typeof counterResidentView>>> {
  if (query.reference !== undefined) {
    const found = await ctx.counterResidents.byReference(normaliseReference(query.reference));
    return { items: found ? [counterResidentView(found)] : [], nextCursor: null };
  }
  const page = await ctx.counterResidents.list(query.limit, query.cursor);
  return { items: page.items.map(counterResidentView), nextCursor: page.nextCursor };
}

/** GET /v1/admin/residents/{id}: the registration, the wallet and the payout account (IBAN masked). */
export async function getCounterResident(ctx: AppContext, residentId: string) {
  const r = await counterResident(ctx, residentId);
  const [wallet, account] = await Promise.all([getWallet(ctx, asResident(residentId)), ctx.payouts.getAccount(residentId)]);
  return { ...counterResidentView(r), wallet, payoutAccount: account ? { iban: formatIbanMasked(account.iban), holderName: account.holderName } : null };
}

/** POST /v1/admin/residents/{id}/receipts: the resident's POST /v1/receipts, sent by staff and marked so. */
export async function sendReceiptAtCounter(ctx: AppContext, staff: Caller, residentId: string, body: z.infer<typeof CreateReceiptBody>) {
  await counterResident(ctx, residentId);
  return createReceipt(ctx, asResident(residentId), body, { sentAtCounterBy: staff.sub });
}

/** PUT /v1/admin/residents/{id}/payout-account: the resident's IBAN, checked as on PUT /v1/me/payout-account. */
export async function setCounterPayoutAccount(ctx: AppContext, residentId: string, body: unknown) {
  await counterResident(ctx, residentId);
  return setPayoutAccount(ctx, asResident(residentId), body);
}

async function allPages<T>(read: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** The payouts to a resident, newest batch first. */
async function payoutsOf(ctx: AppContext, residentId: string): Promise<StatementPayout[]> {
  const batches = await allPages<PayoutBatch>((cursor) => ctx.payouts.listBatches(100, cursor));
  const items = await Promise.all(batches.map(async (b) => ({ batch: b, item: await ctx.payouts.getItem(b.payoutId, itemIdOf(b.payoutId, residentId)) })));
  return items
    .filter(({ item }) => item?.residentId === residentId && item.status !== 'SKIPPED')
    .map(({ batch, item }) => ({ payoutId: batch.payoutId, period: batch.period, requestedExecutionDate: batch.requestedExecutionDate, amountCents: item!.amountCents, status: item!.status }));
}

/** GET /v1/admin/residents/{id}/statement: everything the one-page statement shows. */
export async function counterStatement(ctx: AppContext, residentId: string) {
  const resident = await counterResident(ctx, residentId);
  const [wallet, account, receipts, payouts] = await Promise.all([
    getWallet(ctx, asResident(residentId)),
    ctx.payouts.getAccount(residentId),
    allPages((cursor) => ctx.receipts.listByResident(residentId, 100, cursor)),
    payoutsOf(ctx, residentId),
  ]);
  return buildStatement({
    at: ctx.clock.now(),
    resident,
    wallet,
    payoutAccount: account ? { iban: formatIbanMasked(account.iban), holderName: account.holderName } : null,
    receipts,
    payouts,
  });
}

export interface CounterResidentExport extends ResidentExport {
  /** What staff recorded at the counter; staff named as in the rest of the export. */
  registration: { fullName: string; reference: string; email?: string; registeredAt: string; registeredBy: string };
}

/**
 * GET /v1/admin/residents/{id}/export: the resident's GET /v1/me/export, handed over by staff (on
 * paper or by e-mail), with the registration made at the counter. Staff are named as in every
 * export; the note about sign-in data is left out (a counter resident never signs in).
 */
export async function exportCounterResident(ctx: AppContext, residentId: string): Promise<CounterResidentExport> {
  const r = await counterResident(ctx, residentId);
  const data = await exportResidentData(ctx, asResident(residentId));
  return {
    ...data,
    receipts: data.receipts.map((receipt) => (receipt.sentAtCounter ? { ...receipt, sentAtCounter: { ...receipt.sentAtCounter, by: STAFF_NAME } } : receipt)),
    registration: { fullName: r.fullName, reference: r.reference, ...(r.email ? { email: r.email } : {}), registeredAt: r.registeredAt, registeredBy: STAFF_NAME },
    notes: [
      'Vous avez été inscrit au guichet par les services de la ville : votre nom, votre référence et, si vous l’avez donnée, votre adresse e-mail sont conservés ici (registration) jusqu’à l’effacement de vos données.',
      ...data.notes.filter((n) => n !== SIGN_IN_NOTE),
    ],
  };
}

/**
 * DELETE /v1/admin/residents/{id}: the resident's DELETE /v1/me (same steps, same refusal while a
 * payout is in flight, same pseudonym for what the accounts keep), then the registration itself
 * (name, reference, e-mail) is deleted and the reference freed. IN_PROGRESS asks to call again;
 * once erased the id is unknown (404).
 */
export async function eraseCounterResident(ctx: AppContext, residentId: string): Promise<ErasureResult & { registrationDeleted: boolean }> {
  await counterResident(ctx, residentId);
  const result = await eraseResident(ctx, asResident(residentId));
  if (result.status !== 'ERASED') return { ...result, registrationDeleted: false };
  await ctx.counterResidents.delete(residentId);
  return { ...result, registrationDeleted: true };
}

/** What the audit trail keeps of a counter resident before and after a staff action: no name, reference or e-mail. */
export async function counterResidentSnapshot(ctx: AppContext, residentId: string) {
  const r = isCounterResidentId(residentId) ? await ctx.counterResidents.get(residentId) : undefined;
  if (!r) return undefined;
  const [wallet, account] = await Promise.all([getWallet(ctx, asResident(residentId)), ctx.payouts.getAccount(residentId)]);
  return { ...counterResidentTrace(r), balanceCents: wallet.balanceCents, payoutAccountUpdatedAt: account?.updatedAt ?? null };
}
