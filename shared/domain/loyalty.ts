import * as z from '../schema';
import { decimalEuros } from './money';

/**
 * The loyalty reward (campaign kind `LOYALTY`): a shop-funded bonus on every Nth credited purchase
 * of a resident at the shop within a period ("5 EUR on every 5th purchase this quarter").
 *
 * The ledger holds, per (campaign, resident, window), a **tally**: `count`, the resident's credited
 * purchases in the window that the campaign counted, and `rewarded`, how many of them reached a
 * bonus (paid, or due but not payable). The credit's own transaction reads the tally, decides with
 * `loyaltyStep`, and writes it back with a condition on the values read: two receipts racing can
 * never both be the 5th, nor skip it (the loser reads again). The campaign is tied to one shop, so
 * (campaign, resident, window) is (campaign, resident, shop, period).
 *
 * Rules, in order:
 * - a purchase counts when the campaign's rules accept it (its shop, dates, days and hours,
 *   minimum) and the receipt is credited (at least one cent paid by any operation, the bonus
 *   included); a refused receipt counts nothing;
 * - its position is `count + 1`; a bonus is due when the position reaches `(rewarded + 1) x N`:
 *   the Nth, 2Nth... credited purchase of the window;
 * - a due bonus is paid whole from the campaign's budget (the shop's deposit), cut only to what is
 *   left of the purchase once the other operations paid (never more than the purchase); a budget
 *   that cannot cover it pays nothing (`UNFUNDED`), and the purchase still counts and still uses
 *   its milestone: the next bonus is due N purchases later, as for everyone;
 * - a reversal takes the receipt's bonus back and gives its tally back: `count - 1`, and
 *   `rewarded - 1` when that purchase had reached a bonus. Later purchases keep their positions
 *   and their bonuses: reversing an ordinary purchase after a bonus delays the next one by one
 *   purchase (the bonus stays paid for N purchases, one of them undone), reversing the rewarded
 *   purchase makes the next credited purchase the rewarded one.
 *
 * Windows are calendar periods of the purchase date (a local Europe/Paris date): `MONTH` (2026-06),
 * `QUARTER` (2026-Q2), `YEAR` (2026) or the whole `CAMPAIGN` (ALL). The tally is an item of its own
 * (pk `TALLY#<campaignId>#<holderId>`), so another per-resident, per-window count (a parking
 * allowance per day) can use the same machinery with another rule.
 */

export const LoyaltyPeriod = z.enum(['MONTH', 'QUARTER', 'YEAR', 'CAMPAIGN']);
export type LoyaltyPeriod = z.infer<typeof LoyaltyPeriod>;

/** The window a purchase of this local date falls in. */
export function loyaltyWindowKey(period: LoyaltyPeriod, purchaseDate: string): string {
  switch (period) {
    case 'MONTH':
      return purchaseDate.slice(0, 7);
    case 'QUARTER':
      return `${purchaseDate.slice(0, 4)}-Q${Math.floor((Number(purchaseDate.slice(5, 7)) - 1) / 3) + 1}`;
    case 'YEAR':
      return purchaseDate.slice(0, 4);
    case 'CAMPAIGN':
      return 'ALL';
  }
}

/** The period a window key belongs to (its shape says it). */
export function periodOfWindow(windowKey: string): LoyaltyPeriod {
  if (windowKey === 'ALL') return 'CAMPAIGN';
  if (/^\d{4}-Q[1-4]$/.test(windowKey)) return 'QUARTER';
  if (/^\d{4}-\d{2}$/.test(windowKey)) return 'MONTH';
  return 'YEAR';
}

/** A tally as stored in the ledger (zeros when absent). */
export interface Tally {
  count: number;
  rewarded: number;
}

/** The ledger item a loyalty credit reads and advances: whose, which window, the rule's N. */
export interface TallyCounter {
  holderId: string;
  windowKey: string;
  /** The bonus is due on every Nth counted purchase of the window. */
  everyNth: number;
}

/** What the next counted purchase is, given the tally as it is. */
export function loyaltyStep(tally: Tally, everyNth: number): { position: number; nextDue: number; due: boolean } {
  const position = tally.count + 1;
  const nextDue = (tally.rewarded + 1) * everyNth;
  return { position, nextDue, due: position >= nextDue };
}

/**
 * What a credit did with a loyalty tally, kept on the receipt (the explanation, and what a
 * reversal gives back): `COUNTED` (not a bonus position), `PAID`, `UNFUNDED` (due, but the
 * shop's money for the campaign could not cover it) or `PURCHASE_COVERED` (due, but the other
 * operations had already paid the whole purchase).
 */
export interface LoyaltyMark {
  campaignId: string;
  holderId: string;
  windowKey: string;
  everyNth: number;
  position: number;
  /** The position at which the bonus was due as the tally stood. */
  nextDue: number;
  outcome: 'COUNTED' | 'PAID' | 'UNFUNDED' | 'PURCHASE_COVERED';
  /** PAID: what was paid; otherwise the bonus the campaign grants. */
  bonusCents: number;
}

/** Whether the purchase used a bonus milestone (a reversal then gives it back). */
export const reachedBonus = (m: Pick<LoyaltyMark, 'outcome'>) => m.outcome !== 'COUNTED';

const PERIOD_WORDS: Record<LoyaltyPeriod, string> = { MONTH: 'ce mois-ci', QUARTER: 'ce trimestre', YEAR: 'cette année', CAMPAIGN: 'pendant l’opération' };
const PERIOD_NOUN: Record<LoyaltyPeriod, string> = { MONTH: 'mois', QUARTER: 'trimestre', YEAR: 'an', CAMPAIGN: 'opération' };

/** 1 -> "1er", 5 -> "5e". */
export const ordinalFr = (n: number) => (n === 1 ? '1er' : `${n}e`);

/** Cents as residents read them: 500 -> "5,00 €". */
export const eurosFr = (cents: number) => `${decimalEuros(cents).replace('.', ',')} €`;

/** The rule in one line: "bonus fidélité de 5,00 € tous les 5 achats par trimestre". */
export function describeLoyalty(bonusCents: number, everyNth: number, period: LoyaltyPeriod): string {
  return `bonus fidélité de ${eurosFr(bonusCents)} tous les ${everyNth} achats ${period === 'CAMPAIGN' ? 'pendant l’opération' : `par ${PERIOD_NOUN[period]}`}`;
}

/** What the receipt says to the resident about a loyalty campaign, in French. */
export function loyaltyNote(m: LoyaltyMark): string {
  return loyaltyText(periodOfWindow(m.windowKey), m);
}

function loyaltyText(p: LoyaltyPeriod, m: Pick<LoyaltyMark, 'everyNth' | 'position' | 'nextDue' | 'outcome' | 'bonusCents'>): string {
  const period = PERIOD_WORDS[p];
  const bonus = `${ordinalFr(m.position)} achat : bonus fidélité de ${eurosFr(m.bonusCents)}`;
  switch (m.outcome) {
    case 'PAID':
      return bonus;
    case 'UNFUNDED':
      return `${bonus} non versé, le commerce n’a plus de fonds pour cette opération`;
    case 'PURCHASE_COVERED':
      return `${bonus} non versé, l’achat est déjà entièrement remboursé`;
    case 'COUNTED': {
      // Purchases since the last bonus; after a reversal the count may be behind the next milestone.
      const onCard = m.everyNth - (m.nextDue - m.position);
      return onCard >= 1
        ? `Fidélité : ${ordinalFr(onCard)} achat sur ${m.everyNth} ${period}`
        : `Fidélité : ${ordinalFr(m.position)} achat ${period}, prochain bonus au ${ordinalFr(m.nextDue)}`;
    }
  }
}

/** The trace's words at match time, from the tally read then (the credit decides on the tally it writes). */
export function loyaltyForecast(tally: Tally | undefined, everyNth: number, bonusCents: number, period: LoyaltyPeriod): { due: boolean; detail: string } {
  if (!tally) return { due: false, detail: `${describeLoyalty(bonusCents, everyNth, period)} ; rang de l’achat décidé au crédit` };
  const step = loyaltyStep(tally, everyNth);
  const note = loyaltyText(period, { everyNth, position: step.position, nextDue: step.nextDue, outcome: step.due ? 'PAID' : 'COUNTED', bonusCents });
  return { due: step.due, detail: `${note} (prévu ; vérifié au crédit)` };
}
