import * as z from '../schema';
import type { Receipt, ReceiptStatus } from './receipt';
import type { Rejection } from './rejections';

/**
 * Counter mode, "au guichet" (issue #19): a resident who has no smartphone is served by city
 * staff. Staff register them (name, a reference such as a library card number, an optional
 * e-mail), send receipts on their behalf, record their IBAN and print their statement. The
 * resident then has a wallet, receipts and payouts like any other, under an id the system makes:
 * `guichet-<uuid>`. A Cognito `sub` is a bare UUID (hexadecimal digits and dashes), so an id that
 * begins with "guichet-" can never be one; the HTTP layer also refuses any token whose `sub` looks
 * like a counter id, so that nobody signs in as a counter resident.
 */

export const COUNTER_RESIDENT_PREFIX = 'guichet-';

/** At most this many receipts are listed on the one-page statement (the newest); the totals count them all. */
export const STATEMENT_MAX_RECEIPTS = 20;
/** At most this many payouts (a year of monthly batches) are listed on the statement, the newest. */
export const STATEMENT_MAX_PAYOUTS = 12;

export function isCounterResidentId(id: string): boolean {
  return id.startsWith(COUNTER_RESIDENT_PREFIX) && /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

export function counterResidentId(uniqueId: string): string {
  return `${COUNTER_RESIDENT_PREFIX}${uniqueId}`;
}

/**
 * A reference as it is compared: upper case, without spaces, dots or dashes, so that "bm 0042-17"
 * and "BM004217" are the same library card. What is left is letters and digits only.
 */
export function normaliseReference(reference: string): string {
  return reference
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.\-/]+/g, '');
}

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 .\-/]{0,39}$/;

/** A reference as staff type it (1 to 40 letters and digits, with spaces, dots, dashes or slashes between). */
export const CounterReference = z
  .pipe(z.string().check(z.trim(), z.regex(REFERENCE, 'expected 1 to 40 letters or digits (spaces, dots, dashes and slashes allowed between them)')), z.transform(normaliseReference))
  .check(z.refine((r) => r.length >= 1, 'expected at least one letter or digit'));

/** POST /v1/admin/residents: what staff type at the counter. */
export const CounterResidentInput = z.strictObject({
  fullName: z.described(
    z.string().check(
      z.trim(),
      z.minLength(2, 'expected the resident’s full name'),
      z.maxLength(120),
      z.refine((s) => /\p{L}/u.test(s), 'expected a name with letters'),
    ),
    { example: 'Jeanne Moreau' },
  ),
  reference: z.described(CounterReference, { description: 'unique in the city, such as a library card number; compared without case, spaces, dots or dashes', example: 'BM-0042-17' }),
  email: z.described(z.optional(z.email().check(z.maxLength(254))), { description: 'optional: the resident may have no e-mail at all', example: 'jeanne.moreau@example.fr' }),
});
export type CounterResidentInput = z.infer<typeof CounterResidentInput>;

export interface CounterResident {
  /** `guichet-<uuid>`: never a Cognito `sub`. */
  residentId: string;
  fullName: string;
  /** Normalised (see normaliseReference): unique in the city. */
  reference: string;
  email?: string;
  /** The staff member who registered the resident (their token's `sub`), and when. */
  registeredBy: string;
  registeredAt: string;
}

export function newCounterResident(input: CounterResidentInput, uniqueId: string, staff: string, now: Date): CounterResident {
  return {
    residentId: counterResidentId(uniqueId),
    fullName: input.fullName.replace(/\s+/g, ' '),
    reference: input.reference,
    ...(input.email ? { email: input.email.toLowerCase() } : {}),
    registeredBy: staff,
    registeredAt: now.toISOString(),
  };
}

/**
 * What the append-only audit trail keeps of a counter resident: nothing that names them (no name,
 * reference or e-mail), since an erasure cannot take it back from the trail. Their id, once the
 * registration is erased, points to nothing.
 */
export function counterResidentTrace(r: CounterResident) {
  return { registeredBy: r.registeredBy, registeredAt: r.registeredAt, withEmail: r.email !== undefined };
}

// ------------------------------------------------------------------------------------- statement

export interface StatementReceipt {
  receiptId: string;
  createdAt: string;
  status: ReceiptStatus;
  merchantName?: string;
  purchaseDate?: string;
  totalCents?: number;
  cashbackCents?: number;
  rejection?: Rejection;
  /** Sent at the counter by staff (rather than by the resident themself). */
  sentAtCounter: boolean;
}

export interface StatementPayout {
  payoutId: string;
  period: string;
  requestedExecutionDate: string;
  amountCents: number;
  /** PENDING: sent to the bank; POSTED: paid; VOIDED: returned by the bank (the money went back to the wallet). */
  status: string;
}

export interface Statement {
  statementAt: string;
  resident: { residentId: string; fullName: string; reference: string; registeredAt: string };
  wallet: { balanceCents: number; pendingPayoutCents: number; paidOutCents: number; currency: 'EUR' };
  /** The payout account, IBAN masked; null when none is recorded. */
  payoutAccount: { iban: string; holderName: string } | null;
  totals: {
    receipts: number;
    credited: number;
    inProgress: number;
    rejected: number;
    /** Cashback of the credited receipts, in all. */
    creditedCents: number;
  };
  /** The newest receipts, at most STATEMENT_MAX_RECEIPTS. */
  receipts: StatementReceipt[];
  /** True when older receipts are counted in `totals` but not listed. */
  moreReceipts: boolean;
  /** Payouts to the resident, newest first, at most STATEMENT_MAX_PAYOUTS. */
  payouts: StatementPayout[];
  /** True when older payouts are left out. */
  morePayouts: boolean;
}

export function statementReceipt(r: Receipt): StatementReceipt {
  const d = r.decision;
  const total = d?.totalCents ?? r.extraction?.totalCents?.value;
  const date = d?.purchaseDate ?? r.extraction?.purchaseDate?.value;
  return {
    receiptId: r.receiptId,
    createdAt: r.createdAt,
    status: r.status,
    ...(d ? { merchantName: d.merchantName } : {}),
    ...(date ? { purchaseDate: date } : {}),
    ...(total !== undefined ? { totalCents: total } : {}),
    ...(r.status === 'CREDITED' && r.cashbackCents !== undefined ? { cashbackCents: r.cashbackCents } : {}),
    ...(r.rejection ? { rejection: r.rejection } : {}),
    sentAtCounter: r.sentAtCounter !== undefined,
  };
}

/**
 * The one-page statement of a resident's wallet: balances as the ledger holds them, counts and
 * the cashback of every receipt, the newest receipts listed, and the newest payouts: bounded, so
 * that it prints on one page. `receipts` in any order; `payouts` newest first.
 */
export function buildStatement(input: {
  at: Date;
  resident: CounterResident;
  wallet: Statement['wallet'];
  payoutAccount: Statement['payoutAccount'];
  receipts: readonly Receipt[];
  payouts: readonly StatementPayout[];
}): Statement {
  const newest = [...input.receipts].sort((a, b) => (a.createdAt === b.createdAt ? b.receiptId.localeCompare(a.receiptId) : b.createdAt.localeCompare(a.createdAt)));
  const count = (s: readonly ReceiptStatus[]) => newest.filter((r) => s.includes(r.status)).length;
  const credited = newest.filter((r) => r.status === 'CREDITED');
  return {
    statementAt: input.at.toISOString(),
    resident: { residentId: input.resident.residentId, fullName: input.resident.fullName, reference: input.resident.reference, registeredAt: input.resident.registeredAt },
    wallet: input.wallet,
    payoutAccount: input.payoutAccount,
    totals: {
      receipts: newest.length,
      credited: credited.length,
      inProgress: count(['AWAITING_UPLOAD', 'PROCESSING', 'IN_REVIEW']),
      rejected: count(['REJECTED']),
      creditedCents: credited.reduce((sum, r) => sum + (r.cashbackCents ?? 0), 0),
    },
    receipts: newest.slice(0, STATEMENT_MAX_RECEIPTS).map(statementReceipt),
    moreReceipts: newest.length > STATEMENT_MAX_RECEIPTS,
    payouts: input.payouts.slice(0, STATEMENT_MAX_PAYOUTS),
    morePayouts: input.payouts.length > STATEMENT_MAX_PAYOUTS,
  };
}
