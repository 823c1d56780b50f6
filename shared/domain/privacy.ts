/**
 * Residents' data rights, the pure part: what of a receipt is personal data and is erased, what
 * stays for the accounts and the city's statistics, and which records outside the receipt are
 * keyed by the resident. The operations that apply it are in shared/app/privacy.ts; what the city
 * holds, why and for how long is docs/privacy.md.
 */
import type { Extraction } from '../receipts/extraction';
import type { RuleTrace } from './campaign';
import type { PaidCredit } from './credit';
import { localDate } from './dates';
import { claimKeys, type ClaimKey } from './fraud/claim-keys';
import type { MatchDecision, Receipt } from './receipt';

/**
 * What erasing a receipt's personal data writes over the stored receipt: each field given replaces
 * the stored one. `residentId` is given when the resident is erased: the receipt then belongs to
 * the resident's pseudonym.
 */
export interface ReceiptErasure {
  personalDataErasedAt: string;
  residentId?: string;
  extraction?: Extraction;
  decision?: MatchDecision;
  credits?: PaidCredit[];
  review?: NonNullable<Receipt['review']>;
  ruleTrace?: RuleTrace[];
}

/** The receipt as it was read, for an update that must not overwrite a change made meanwhile. */
export interface ReceiptVersion {
  residentId: string;
  status: Receipt['status'];
  /** Absent: the receipt's personal data was not erased yet. */
  personalDataErasedAt?: string;
}

export function versionOf(r: Receipt): ReceiptVersion {
  return { residentId: r.residentId, status: r.status, ...(r.personalDataErasedAt ? { personalDataErasedAt: r.personalDataErasedAt } : {}) };
}

/**
 * The reading of a receipt without what tells about the person: the OCR text (a loyalty card
 * holder's name, the last digits of a card, a customer's address on an invoice), the line items
 * (what was bought can reveal health, religion, habits), the time of sale, the ticket number (with
 * the shop's till journal, they find the card payment) and the means of payment; the street and
 * phone read are dropped too (on an invoice they may be the customer's). Kept: the shop's
 * identifiers and town, the date, the total and the reading's confidence, which the accounts and
 * the city's statistics use.
 */
export function scrubExtraction(e: Extraction): Extraction {
  return {
    engine: e.engine,
    ...(e.shopSign ? { shopSign: e.shopSign } : {}),
    ...(e.siret ? { siret: e.siret } : {}),
    ...(e.siren ? { siren: e.siren } : {}),
    ...(e.vatNumber ? { vatNumber: e.vatNumber } : {}),
    ...(e.postcode ? { postcode: e.postcode } : {}),
    ...(e.city ? { city: e.city } : {}),
    ...(e.purchaseDate ? { purchaseDate: e.purchaseDate } : {}),
    ...(e.totalCents ? { totalCents: e.totalCents } : {}),
    lineItems: [],
    confidence: e.confidence,
  };
}

/** Times of day (`14:32`, `9h05`, `14:32:10`) in a text, such as a rule's trace of the time of sale. */
const TIME_OF_DAY = /\b\d{1,2}[:h]\d{2}(?::\d{2})?\b/g;

export function redactTimes(text: string): string {
  return text.replace(TIME_OF_DAY, '[heure]');
}

function redactTrace(trace: RuleTrace[]): RuleTrace[] {
  return trace.map((t) => ({ ...t, detail: redactTimes(t.detail) }));
}

function moveCap<T extends { cap?: { holderId: string } }>(item: T, from: string, to: string | undefined): T {
  if (!to || !item.cap || item.cap.holderId !== from) return item;
  return { ...item, cap: { ...item.cap, holderId: to } };
}

/**
 * What erasing this receipt's personal data writes (see scrubExtraction). The staff's review
 * reasons go too: they quote times of sale, amounts and other receipts of the same person. The
 * shop, the amounts, the dates, the status, the campaign and its credits stay, and the staff's
 * decisions (who, when, what was corrected) as the audit trail of public money. With a
 * `pseudonym`, the receipt and the resident's own cap counters it names move to it.
 */
export function receiptErasure(r: Receipt, at: string, pseudonym?: string): ReceiptErasure {
  const d = r.decision;
  return {
    personalDataErasedAt: r.personalDataErasedAt ?? at,
    ...(pseudonym ? { residentId: pseudonym } : {}),
    ...(r.extraction ? { extraction: scrubExtraction(r.extraction) } : {}),
    ...(d
      ? {
          decision: {
            ...d,
            ...(d.credits ? { credits: d.credits.map((slot) => slot.map((p) => moveCap(p, r.residentId, pseudonym))) } : {}),
            ...(d.trace ? { trace: redactTrace(d.trace) } : {}),
          },
        }
      : {}),
    ...(r.credits ? { credits: r.credits.map((c) => moveCap(c, r.residentId, pseudonym)) } : {}),
    ...(r.review ? { review: { ...r.review, reasons: [] } } : {}),
    ...(r.ruleTrace ? { ruleTrace: redactTrace(r.ruleTrace) } : {}),
  };
}

/** At most this many days between a receipt's upload and its match are searched for its counters. */
const MAX_MATCH_DELAY_DAYS = 31;

const HOUR = 3_600_000;

/** The local dates from `from` to `to` (instants), both included, spanning at most `maxDays` days. */
function localDatesBetween(from: string, to: string, maxDays: number): string[] {
  const start = Date.parse(from);
  const end = Math.min(Math.max(start, Date.parse(to)), start + maxDays * 24 * HOUR);
  const dates = new Set<string>();
  // Steps of 12 hours: a local day is never shorter than 23 hours, so none is stepped over.
  for (let t = start; t < end; t += 12 * HOUR) dates.add(localDate(new Date(t)));
  dates.add(localDate(new Date(end)));
  return [...dates];
}

const defined = <T>(values: Array<T | undefined>): T[] => [...new Set(values.filter((v): v is T => v !== undefined))];

/**
 * The fraud records keyed by the resident for this receipt (shared/domain/fraud/claim-keys.ts): the
 * receipts announced on its day, and those the match stage wrote (the soft duplicate claim and the
 * velocity tallies), rebuilt from what the receipt shows: the shop, day and total as read or as
 * corrected by staff, and every local day on which the match stage may have run (between the
 * upload and the receipt's last change). Keys that were never written cost a delete of nothing.
 */
export function residentFraudKeysOf(r: Receipt): { claims: ClaimKey[]; tallies: ClaimKey[] } {
  const corrections = r.reviewDecision?.corrections;
  const merchants = defined([r.decision?.merchantId, corrections?.merchantId, ...(r.review?.candidates ?? []).map((c) => c.merchantId)]);
  const days = defined([r.extraction?.purchaseDate?.value, r.decision?.purchaseDate, corrections?.purchaseDate]);
  const totals = defined([r.extraction?.totalCents?.value, r.decision?.totalCents, corrections?.totalCents]);
  const resident = r.residentId;
  const claims: ClaimKey[] = [];
  const tallies: ClaimKey[] = [claimKeys.announcedByResident(resident, localDate(new Date(r.createdAt)))];
  for (const today of localDatesBetween(r.createdAt, r.updatedAt, MAX_MATCH_DELAY_DAYS)) tallies.push(claimKeys.residentDay(resident, today));
  for (const m of merchants) {
    for (const day of days) {
      tallies.push(claimKeys.residentShopDay(resident, m, day));
      for (const total of totals) claims.push(claimKeys.sameAmountByResident(resident, m, day, total));
    }
  }
  return { claims, tallies };
}

/** The campaigns and shops whose ledger records (cap counters, customer and campaign markers) may name the receipt's resident. */
export function ledgerRefsOf(r: Receipt): { campaignIds: string[]; merchantIds: string[] } {
  const d = r.decision;
  return {
    campaignIds: defined([d?.campaignId, ...(d?.credits ?? []).flat().map((p) => p.campaignId), ...(r.credits ?? []).map((c) => c.campaignId)]),
    // The customer record is written with a credit (and stays after a reversal).
    merchantIds: r.credits || r.cashbackCents !== undefined ? defined([d?.merchantId]) : [],
  };
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** A text without the given staff ids (an agent acting for the city is "[services de la ville]"). */
export function redactStaff(text: string, staffIds: readonly string[]): string {
  let out = text;
  for (const s of staffIds) if (s) out = out.split(s).join('[services de la ville]');
  return out;
}

/**
 * A text without the ids of receipts that are not the resident's own (a review reason may name
 * another resident's look-alike ticket) and without the given staff ids.
 */
export function redactForeign(text: string, ownReceiptIds: ReadonlySet<string>, staffIds: readonly string[] = []): string {
  return redactStaff(text.replace(UUID, (id) => (ownReceiptIds.has(id) ? id : '[autre ticket]')), staffIds);
}
