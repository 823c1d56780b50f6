import { createHash } from 'node:crypto';
import { NotFoundError } from '../domain/errors';
import { formatIbanMasked, parsePayoutAccountInput } from '../payouts/iban';
import type { AppContext, Caller } from './context';

/** PUT /v1/me/payout-account: the IBAN is checked (ISO 13616 mod 97, SEPA country and length). */
export async function setPayoutAccount(ctx: AppContext, caller: Caller, body: unknown) {
  const input = parsePayoutAccountInput(body);
  await ctx.payouts.putAccount(caller.sub, { iban: input.iban, holderName: input.holderName, ...(input.bic ? { bic: input.bic } : {}), updatedAt: ctx.clock.now().toISOString() });
  return maskedAccount(input.iban, input.holderName, input.bic);
}

export async function getPayoutAccount(ctx: AppContext, caller: Caller) {
  const account = await ctx.payouts.getAccount(caller.sub);
  if (!account) throw new NotFoundError('PAYOUT_ACCOUNT_NOT_FOUND', 'No payout account yet: PUT /v1/me/payout-account.');
  return maskedAccount(account.iban, account.holderName, account.bic);
}

function maskedAccount(iban: string, holderName: string, bic?: string) {
  return { iban: formatIbanMasked(iban), holderName, ...(bic ? { bic } : {}) };
}

/** Deterministic, short enough for a SEPA EndToEndId (<= 35), in the allowed characters. */
export function itemIdOf(payoutId: string, residentId: string): string {
  return `${payoutId}-${createHash('sha256').update(residentId).digest('hex').slice(0, 12)}`;
}
