import * as z from 'zod';

/** Money is integer cents, never floats. */
export const Cents = z.number().int().nonnegative().max(1_000_000_000_00);
export const PositiveCents = z.number().int().positive().max(1_000_000_000_00);

/** floor(amount x bps / 10000) without floating point: rounding always in the budget's favour. */
export function applyRateBps(amountCents: number, rateBps: number): number {
  return Number((BigInt(amountCents) * BigInt(rateBps)) / 10_000n);
}

/** An amount for people to read: `1234` -> `12.34 EUR`. */
export const euros = (cents: number) => `${(cents / 100).toFixed(2)} EUR`;
