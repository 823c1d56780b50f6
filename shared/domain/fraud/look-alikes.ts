import { hammingDistance } from './photo-hash';
import type { LookAlike } from '../receipt';
import { anotherPurchase, compared, readingsOf, type TicketReadings } from './readings';
import type { Extraction } from '../../receipts/extraction';

/**
 * Earlier receipts rejected because their reading found no participating shop: a better photo of
 * the same ticket is welcome, not a suspicion. (Photos that could not be read at all are not
 * indexed. Any other earlier receipt counts, those rejected by staff included.)
 */
const RETAKE_ALLOWED: ReadonlySet<string> = new Set(['MERCHANT_NOT_FOUND']);

/** Look-alike photos compared in detail per receipt, the closest first. */
export const MAX_LOOK_ALIKES = 5;

export interface IndexedPhoto {
  receiptId: string;
  hash: string;
  readings?: TicketReadings;
}

/**
 * The index entries worth reading in full: within the city's distance of the photo as sent or
 * turned (`views`), not this receipt, not another sale of the same till by the readings kept in
 * the index (a busy shop has many tickets that look alike), the closest first.
 */
export function lookAlikeLeads<T extends IndexedPhoto>(self: { receiptId: string; views: string[]; readings: TicketReadings }, candidates: T[], maxDistance: number): Array<T & { distance: number }> {
  const size = self.views[0]?.length;
  return candidates
    .filter((c) => c.receiptId !== self.receiptId && c.hash.length === size)
    .map((c) => ({ ...c, distance: Math.min(...self.views.map((v) => hammingDistance(v, c.hash))) }))
    .filter((c) => c.distance <= maxDistance)
    .filter((c) => !c.readings || !anotherPurchase(self.readings, c.readings))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, MAX_LOOK_ALIKES);
}

/** What the judgement needs of the other receipt. */
export interface OtherReceipt {
  receiptId: string;
  residentId: string;
  createdAt: string;
  status: string;
  rejectionCode?: string;
  hasDecision: boolean;
  extraction?: Extraction;
}

/**
 * Whether a lead is a look-alike staff should compare, and the reason they read. A later receipt
 * counts only once it is being paid or paid (it is held itself when it reaches the match stage);
 * an earlier retake after "no shop found" does not count; an index entry without readings is
 * compared on the other receipt's extraction.
 */
export function judgeLookAlike(
  self: { receiptId: string; residentId: string; createdAt: string; readings: TicketReadings; hashBits: number },
  lead: IndexedPhoto & { distance: number },
  other: OtherReceipt,
): (LookAlike & { reason: string }) | undefined {
  if (other.status === 'REJECTED' && other.rejectionCode && RETAKE_ALLOWED.has(other.rejectionCode)) return undefined;
  const earlier = other.createdAt < self.createdAt || (other.createdAt === self.createdAt && other.receiptId < self.receiptId);
  if (!earlier && !(other.status === 'CREDITED' || (other.status === 'PROCESSING' && other.hasDecision))) return undefined;
  const theirs = lead.readings ?? (other.extraction ? readingsOf(other.extraction) : {});
  if (!lead.readings && anotherPurchase(self.readings, theirs)) return undefined;
  const who = other.residentId === self.residentId ? 'du même résident' : "d'un autre résident";
  const reason = `Photo très ressemblante à celle du ticket ${lead.receiptId} ${who} (${lead.distance} bits d'écart sur ${self.hashBits} ; ${compared(self.readings, theirs)})`;
  return { receiptId: lead.receiptId, distance: lead.distance, reason };
}
