import type { FraudPolicy } from '../fraud-policy';
import type { Merchant } from '../merchant';
import { euros } from '../money';
import { describeOpeningHours, isOpenAt, parseOpeningHours } from '../opening-hours';

/** How many receipts the tallies counted, this one included. */
export interface VelocityCounts {
  /** Receipts this resident sent today. */
  residentToday: number;
  /** Purchases by this resident at this shop on the purchase day. */
  residentAtShop: number;
  /** Receipts of this shop on the purchase day, all residents. */
  shopDay: number;
}

export interface SuspicionFacts {
  merchant: Pick<Merchant, 'showcase'>;
  purchaseDate: string;
  purchaseTime: string | undefined;
  totalCents: number;
  lineItems: ReadonlyArray<{ amountCents: number }>;
}

/**
 * Signs that call for a human look rather than a rejection: a resident sending unusually many
 * receipts, many purchases at one shop on one day by one resident or by everyone, line items that
 * do not add up to the total, a purchase outside the shop's known opening hours. In French, for staff.
 */
export function fraudSuspicions(policy: FraudPolicy, f: SuspicionFacts, counts: VelocityCounts): string[] {
  const reasons: string[] = [];
  if (counts.residentToday > policy.maxReceiptsPerResidentPerDay) reasons.push(`${counts.residentToday} tickets envoyés aujourd'hui par ce résident (limite ${policy.maxReceiptsPerResidentPerDay})`);
  if (counts.residentAtShop > policy.maxReceiptsPerResidentPerShopPerDay) reasons.push(`${counts.residentAtShop} achats le ${f.purchaseDate} dans ce commerce par ce résident (limite ${policy.maxReceiptsPerResidentPerShopPerDay})`);
  if (counts.shopDay > policy.maxReceiptsPerShopPerDay) reasons.push(`${counts.shopDay} tickets du ${f.purchaseDate} pour ce commerce, tous résidents confondus (limite ${policy.maxReceiptsPerShopPerDay})`);
  const lines = linesMismatch(policy, f.lineItems, f.totalCents);
  if (lines) reasons.push(lines);
  const hours = outsideOpeningHours(policy, f);
  if (hours) reasons.push(hours);
  return reasons;
}

/**
 * Lines worth more than the total cannot be (two lines suffice to say so); lines worth less may
 * only mean the parser missed some, so it takes three lines to doubt an inflated total.
 */
export function linesMismatch(policy: FraudPolicy, lines: ReadonlyArray<{ amountCents: number }>, totalCents: number): string | undefined {
  const sum = lines.reduce((acc, l) => acc + l.amountCents, 0);
  const gap = Math.abs(sum - totalCents);
  const enoughLines = sum > totalCents ? lines.length >= 2 : lines.length >= 3;
  if (enoughLines && gap > policy.lineMismatchCents && gap > totalCents * policy.lineMismatchShare) {
    return `Les lignes du ticket font ${euros(sum)} pour un total de ${euros(totalCents)}`;
  }
  return undefined;
}

/** A purchase made while the shop is closed; hours are known only when the shop's text reads with confidence. */
export function outsideOpeningHours(policy: FraudPolicy, f: Pick<SuspicionFacts, 'merchant' | 'purchaseDate' | 'purchaseTime'>): string | undefined {
  const hoursText = f.merchant.showcase?.openingHours;
  if (!hoursText || !f.purchaseTime) return undefined;
  const hours = parseOpeningHours(hoursText);
  if (!hours.ok || isOpenAt(hours.hours, f.purchaseDate, f.purchaseTime, policy.openingHoursToleranceMinutes)) return undefined;
  return `Achat à ${f.purchaseTime.slice(0, 5)} le ${f.purchaseDate}, en dehors des horaires du commerce (${describeOpeningHours(hours.hours)})`;
}

/**
 * Softer signs of the same purchase, for staff rather than a rejection: the same resident paying
 * the same amount at the same shop that day (`byResident`: the receipt that holds that claim); or
 * anyone (`byAnyone`), when this ticket shows neither a time nor a number that would tell two
 * purchases apart. Each holder is this receipt's id when it is the first.
 */
export function sameAmountSuspicion(
  receiptId: string,
  holders: { byResident: string; byAnyone: string },
  f: { totalCents: number; purchaseTime?: string; ticketNumber?: string },
): string | undefined {
  if (holders.byResident !== receiptId) {
    return `Même montant (${euros(f.totalCents)}) le même jour dans ce commerce que le ticket ${holders.byResident} du même résident`;
  }
  if (holders.byAnyone !== receiptId && !f.purchaseTime && !f.ticketNumber) {
    return `Même commerce, même jour et même montant que le ticket ${holders.byAnyone}, sans heure ni numéro de ticket pour les distinguer`;
  }
  return undefined;
}
