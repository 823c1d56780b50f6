import { chooseCampaign, kindOf, type Campaign, type CampaignVerdict, type ReceiptFacts } from './campaign';
import type { FraudPolicy } from './fraud-policy';
import type { Extraction } from '../receipts/extraction';

/**
 * What the match stage and staff review decide alike about a purchase whose shop, date and total
 * are known: a date in the future is refused, else the campaigns' rules choose (with every rule
 * traced). One function, so that a receipt approved by staff meets exactly the rules an automatic
 * one does.
 */
export function decidePurchase(campaigns: Campaign[], facts: ReceiptFacts): CampaignVerdict {
  if (facts.purchaseDate > facts.today) return { ok: false, code: 'FUTURE_DATE', trace: [] };
  // Parking campaigns refund parking tickets (shared/domain/parking.ts), never a shop's purchase.
  return chooseCampaign(campaigns.filter((c) => kindOf(c) !== 'PARKING'), facts);
}

/**
 * Why the readings of a receipt are not enough to pay it without a person: the total or the date
 * missing, or read below the city's confidence. In French, for staff. Empty: the readings hold.
 */
export function readingDoubts(policy: FraudPolicy, e: Pick<Extraction, 'totalCents' | 'purchaseDate'>): string[] {
  const reasons: string[] = [];
  if (!e.totalCents) reasons.push('Montant total non lu');
  else if (e.totalCents.confidence < policy.minTotalConfidence) reasons.push(`Montant total incertain (${e.totalCents.value} centimes)`);
  if (!e.purchaseDate) reasons.push("Date d'achat non lue");
  else if (e.purchaseDate.confidence < policy.minDateConfidence) reasons.push(`Date d'achat incertaine (${e.purchaseDate.value})`);
  return reasons;
}

/** Nothing that identifies a purchase was read: not a receipt, or not legible at all. */
export function nothingRead(e: Extraction): boolean {
  return !e.totalCents && !e.purchaseDate && !e.siret && !e.siren && !e.shopSign;
}
