import * as z from '../schema';

/** Money is integer cents, never floats. */
export const Cents = z.int().check(z.nonnegative(), z.maximum(1_000_000_000_00));
export const PositiveCents = z.int().check(z.positive(), z.maximum(1_000_000_000_00));

/** floor(amount x bps / 10000) without floating point: rounding always in the budget's favour. */
export function applyRateBps(amountCents: number, rateBps: number): number {
  return Number((BigInt(amountCents) * BigInt(rateBps)) / 10_000n);
}

/**
 * Integer cents as a decimal amount of euros, by integer arithmetic (no float ever rounds it): a dot
 * and two decimals, signed: `12345` -> `"123.45"`, `5` -> `"0.05"`, `-150` -> `"-1.50"`. The one
 * formatter of amounts: the bank's pain.001 file, the accountant's CSV and the traces all use it.
 */
export function decimalEuros(cents: number | bigint): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const negative = cents < 0;
  const digits = (negative ? -BigInt(cents) : BigInt(cents)).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** An amount for people to read in traces and messages: `1234` -> `12.34 EUR`. */
export const euros = (cents: number) => `${decimalEuros(cents)} EUR`;
