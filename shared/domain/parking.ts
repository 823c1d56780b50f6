import type { Campaign, RuleTrace } from './campaign';
import { daysBetween, localDate } from './dates';
import type { Merchant } from './merchant';
import { euros } from './money';
import type { RejectionCode } from './rejections';

/**
 * Free parking with a purchase (`kind: "PARKING"`, issue #19): a parking ticket from a
 * participating car park (or a participating operator's on-street pay machine) is refunded, up to
 * `refundMaxCents`, when the same resident has a credited purchase of at least `minPurchaseCents`
 * on the day the ticket was paid. One purchase validates one ticket (a claim keyed by the purchase,
 * see shared/app/parking.ts); a ticket with no purchase yet waits, until `decideWithinHours` after
 * the day's end (Europe/Paris), then is refused (NO_QUALIFYING_PURCHASE). Pure rules here.
 */

/** How long a ticket waits for its purchase after the day it was paid ends, when the campaign does not say. */
export const DEFAULT_DECIDE_WITHIN_HOURS = 6;

export { CarParkSelection, describeParking } from './parking-fields';
import type { CarParkSelection } from './parking-fields';

/** A name as compared: lower case, no accents, words separated by one space. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `configured` is the operator's name or whole words of it ("Indigo" in "INDIGO Parking Gare"). */
export function operatorMatches(configured: string, printed: string): boolean {
  const want = normalizeName(configured);
  const got = normalizeName(printed);
  return want.length > 0 && ` ${got} `.includes(` ${want} `);
}

/** What a parking ticket says, and the registered place it was matched to (if any). */
export interface ParkingTicketFacts {
  kind: 'CAR_PARK' | 'ON_STREET';
  /** The operator or the car park's name as printed (or the shop sign read). */
  operator?: string;
  /** The registered place the ticket's clues matched, when one did. */
  carPark?: Merchant;
  /** The day it was paid (the extraction's purchaseDate). */
  day: string;
  amountCents: number;
  /** Today in Europe/Paris. */
  today: string;
}

/** Whether a campaign's car parks include this ticket's, and why (in French, for the trace). */
export function carParkParticipates(sel: CarParkSelection, t: Pick<ParkingTicketFacts, 'operator' | 'carPark'>): { ok: boolean; detail: string } {
  const m = t.carPark;
  if (m && sel.ids?.includes(m.merchantId)) return { ok: true, detail: `${m.name} : parc listé` };
  if (m && sel.tags?.some((tag) => m.tags.includes(tag))) return { ok: true, detail: `${m.name} : étiquette ${sel.tags.filter((tag) => m.tags.includes(tag)).join(', ')}` };
  const names = [t.operator, m?.name].filter((n): n is string => !!n);
  const op = sel.operators?.find((o) => names.some((n) => operatorMatches(o, n)));
  if (op) return { ok: true, detail: `exploitant ${op}` };
  const seen = names.length > 0 ? names.join(' / ') : 'exploitant non lu';
  return { ok: false, detail: `${seen} ; parcs de l'opération : ${describeCarParks(sel)}` };
}

function describeCarParks(sel: CarParkSelection): string {
  return [
    ...(sel.tags ? [`étiquettes ${sel.tags.join(', ')}`] : []),
    ...(sel.ids ? [`${sel.ids.length} parc(s) listé(s)`] : []),
    ...(sel.operators ? [`exploitants ${sel.operators.join(', ')}`] : []),
  ].join(' ; ');
}

/** What a campaign refunds for a ticket: the amount paid, up to the campaign's maximum. */
export const refundFor = (c: Pick<Campaign, 'refundMaxCents'>, amountCents: number) => Math.max(0, Math.min(amountCents, c.refundMaxCents ?? 0));

/** The parking campaigns that accept a ticket, the best refund first, with every rule traced. */
export type ParkingVerdict =
  | { ok: true; accepted: Array<{ campaign: Campaign; refundCents: number }>; trace: RuleTrace[] }
  | { ok: false; code: RejectionCode; campaign?: Campaign; trace: RuleTrace[] };

const PRIORITY: RejectionCode[] = ['RECEIPT_TOO_OLD', 'OUTSIDE_CAMPAIGN_PERIOD', 'CAR_PARK_NOT_ELIGIBLE', 'NO_ACTIVE_CAMPAIGN'];

/**
 * Applies the parking campaigns' own rules to a ticket: status, car park, period, age; the refund
 * (the amount paid up to the maximum). The purchase that validates it is looked for afterwards.
 */
export function judgeParkingTicket(campaigns: Campaign[], t: ParkingTicketFacts): ParkingVerdict {
  if (t.day > t.today) return { ok: false, code: 'FUTURE_DATE', trace: [] };
  const parking = campaigns.filter((c) => c.kind === 'PARKING');
  const trace: RuleTrace[] = [];
  const failures: Array<{ code: RejectionCode; campaign: Campaign }> = [];
  const accepted: Array<{ campaign: Campaign; refundCents: number }> = [];
  for (const c of parking) {
    const check = (rule: string, pass: boolean, detail: string) => {
      trace.push({ campaignId: c.campaignId, rule, verdict: pass ? 'PASS' : 'FAIL', detail });
      return pass;
    };
    const fail = (code: RejectionCode) => failures.push({ code, campaign: c });
    if (!check('status', c.status === 'ACTIVE', `campagne ${c.status}`)) { fail('NO_ACTIVE_CAMPAIGN'); continue; }
    const where = carParkParticipates(c.carParks ?? {}, t);
    if (!check('car-park', where.ok, where.detail)) { fail('CAR_PARK_NOT_ELIGIBLE'); continue; }
    if (!check('period', t.day >= c.startsOn && t.day <= c.endsOn, `stationnement payé le ${t.day}, campagne du ${c.startsOn} au ${c.endsOn}`)) { fail('OUTSIDE_CAMPAIGN_PERIOD'); continue; }
    if (c.receiptMaxAgeDays !== undefined) {
      const age = daysBetween(t.day, t.today);
      if (!check('age', age <= c.receiptMaxAgeDays, `ticket de ${age} jour(s), maximum ${c.receiptMaxAgeDays}`)) { fail('RECEIPT_TOO_OLD'); continue; }
    }
    const refund = refundFor(c, t.amountCents);
    if (!check('refund', refund > 0, `${euros(t.amountCents)} payé(s), remboursé(s) jusqu'à ${euros(c.refundMaxCents ?? 0)} : ${euros(refund)}`)) { fail('BELOW_MINIMUM'); continue; }
    accepted.push({ campaign: c, refundCents: refund });
  }
  if (accepted.length > 0) {
    accepted.sort((a, b) => b.refundCents - a.refundCents || (a.campaign.campaignId < b.campaign.campaignId ? -1 : 1));
    return { ok: true, accepted, trace };
  }
  for (const code of ['BELOW_MINIMUM' as const, ...PRIORITY]) {
    const found = failures.find((f) => f.code === code);
    if (found) return { ok: false, code, campaign: found.campaign, trace };
  }
  return { ok: false, code: 'NO_ACTIVE_CAMPAIGN', trace };
}

/** A resident's credited purchase (a shop's receipt, never a parking ticket), as the pipeline stored it. */
export interface CreditedPurchase {
  receiptId: string;
  merchantName: string;
  purchaseDate: string;
  totalCents: number;
}

/** Whether a purchase validates a ticket for a campaign: the same day, at least the minimum. */
export function purchaseQualifies(c: Pick<Campaign, 'minPurchaseCents' | 'campaignId'>, day: string, p: CreditedPurchase): RuleTrace {
  const sameDay = p.purchaseDate === day;
  const enough = p.totalCents >= (c.minPurchaseCents ?? 0);
  const detail = `achat de ${euros(p.totalCents)} chez ${p.merchantName} le ${p.purchaseDate} (minimum ${euros(c.minPurchaseCents ?? 0)}, le ${day})`;
  return { campaignId: c.campaignId, rule: 'purchase', verdict: sameDay && enough ? 'PASS' : 'FAIL', detail };
}

/**
 * The order in which a ticket tries the purchases that qualify: the earliest credited first (a new
 * purchase never comes before one a ticket may already hold), then by receipt id.
 */
export function purchaseOrder<T extends { receiptId: string; creditedAt: string }>(purchases: T[]): T[] {
  return [...purchases].sort((a, b) => (a.creditedAt < b.creditedAt ? -1 : a.creditedAt > b.creditedAt ? 1 : a.receiptId < b.receiptId ? -1 : 1));
}

/** The instant a local day (Europe/Paris) starts. */
export function startOfLocalDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Paris is UTC+1 or UTC+2: the day starts at 22:00 or 23:00 UTC the day before.
  for (const hoursBefore of [2, 1, 0]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - hoursBefore * 3_600_000);
    if (localDate(candidate) === day) return candidate;
  }
  return new Date(Date.UTC(y, m - 1, d));
}

/** When a ticket paid on `day` stops waiting: `hours` after the day ends (Europe/Paris). */
export function parkingDeadline(day: string, hours: number): string {
  const next = new Date(startOfLocalDay(day).getTime() + 36 * 3_600_000); // surely within the next day
  return new Date(startOfLocalDay(localDate(next)).getTime() + hours * 3_600_000).toISOString();
}

/** The latest deadline among the campaigns that accept a ticket. */
export function deadlineOf(campaigns: Array<Pick<Campaign, 'decideWithinHours'>>, day: string): string {
  const hours = Math.max(...campaigns.map((c) => c.decideWithinHours ?? DEFAULT_DECIDE_WITHIN_HOURS));
  return parkingDeadline(day, hours);
}

/** A ticket waiting for its purchase: shown to the resident (`for`, `until`); the campaigns that accepted it, for the pipeline. */
export interface ParkingWait {
  for: 'PURCHASE';
  /** The instant it stops waiting (ISO 8601). */
  until: string;
  campaignIds: string[];
  /** The car park (a registered place) or the operator the refund is booked at. */
  place: { merchantId: string; name: string };
}

/** What the resident reads about a waiting ticket. */
export const WAITING_MESSAGE = "En attente d’un achat chez un commerçant participant le même jour";
