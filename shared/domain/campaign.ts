import { z } from 'zod';
import { Cents, PositiveCents, applyRateBps } from './money';
import { isValidDate, daysBetween } from './dates';
import type { RejectionCode } from './rejections';
import type { Merchant } from './merchant';
import { Zone, zoneContains } from './geo';

const LocalDate = z.string().refine(isValidDate, 'expected a date as YYYY-MM-DD');

export const CapPeriod = z.enum(['DAY', 'WEEK', 'MONTH', 'CAMPAIGN']);
export type CapPeriod = z.infer<typeof CapPeriod>;

export const MerchantSelection = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ tags: z.array(z.string().min(1).max(64)).min(1).max(50) }).strict(),
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(5000) }).strict(),
  /** Shops inside a drawn zone (a road-works area): a shop without coordinates is not in it. */
  z.object({ zone: Zone }).strict(),
]);

const Weekday = z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']);
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

/** When purchases count: some days of the week, and/or a time window (local time). */
export const PurchaseSchedule = z
  .object({ days: z.array(Weekday).min(1).max(7).optional(), from: HourMinute.optional(), to: HourMinute.optional() })
  .strict()
  .refine((s) => (s.from === undefined) === (s.to === undefined), { message: 'give both from and to, or neither', path: ['to'] })
  .refine((s) => s.from === undefined || s.from < s.to!, { message: 'from must be before to', path: ['to'] });
export type MerchantSelection = z.infer<typeof MerchantSelection>;

/** The body of `POST /v1/admin/campaigns` (DESIGN section 4). */
export const CampaignInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    budgetCents: PositiveCents,
    startsOn: LocalDate,
    endsOn: LocalDate,
    rateBps: z.number().int().min(1).max(10_000),
    maxCashbackPerReceiptCents: PositiveCents.optional(),
    minPurchaseCents: Cents.optional(),
    perResidentCap: z.object({ amountCents: PositiveCents, period: CapPeriod }).strict().optional(),
    receiptMaxAgeDays: z.number().int().min(1).max(366).optional(),
    merchants: MerchantSelection.default({ all: true }),
    schedule: PurchaseSchedule.optional(),
  })
  .strict()
  .refine((c) => c.startsOn <= c.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type CampaignInput = z.infer<typeof CampaignInput>;

export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'CLOSED';

export interface Campaign extends CampaignInput {
  campaignId: string;
  status: CampaignStatus;
  createdAt: string;
  activatedAt?: string;
}

export function merchantEligible(campaign: Pick<Campaign, 'merchants'>, merchant: Merchant): boolean {
  const sel = campaign.merchants;
  if ('all' in sel) return true;
  if ('tags' in sel) return sel.tags.some((t) => merchant.tags.includes(t));
  if ('zone' in sel) return !!merchant.coordinates && zoneContains(sel.zone, merchant.coordinates);
  return sel.ids.includes(merchant.merchantId);
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** The weekday of a local date. */
export function weekdayOf(date: string): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

export interface ReceiptFacts {
  merchant: Merchant;
  purchaseDate: string;
  /** HH:MM local, when the receipt shows it. */
  purchaseTime?: string;
  totalCents: number;
  /** Today in Europe/Paris. */
  today: string;
}

/** One rule applied to one receipt: what it looked at and what it said. Kept for staff and audit. */
export interface RuleTrace {
  campaignId: string;
  rule: string;
  verdict: 'PASS' | 'FAIL' | 'UNKNOWN';
  detail: string;
}

export type CampaignVerdict =
  | { ok: true; campaign: Campaign; cashbackCents: number; trace: RuleTrace[]; doubtful?: string }
  | { ok: false; code: RejectionCode; campaign?: Campaign; trace: RuleTrace[] };

const euros = (cents: number) => `${(cents / 100).toFixed(2)} EUR`;

/**
 * Applies one campaign's rules to a receipt: status, eligibility, window, schedule, age, minimum,
 * rate and the per-receipt maximum, each traced. Caps and the remaining budget are applied later,
 * by the ledger, in the same transaction as the credit.
 */
export function evaluateCampaign(campaign: Campaign, facts: ReceiptFacts): CampaignVerdict {
  const trace: RuleTrace[] = [];
  const check = (rule: string, pass: boolean, detail: string) => {
    trace.push({ campaignId: campaign.campaignId, rule, verdict: pass ? 'PASS' : 'FAIL', detail });
    return pass;
  };
  const fail = (code: RejectionCode): CampaignVerdict => ({ ok: false, code, campaign, trace });

  if (!check('status', campaign.status === 'ACTIVE', `campagne ${campaign.status}`)) return fail('NO_ACTIVE_CAMPAIGN');
  const sel = campaign.merchants;
  const selection = 'all' in sel ? 'tous les commerces' : 'tags' in sel ? `étiquettes ${sel.tags.join(', ')}` : 'zone' in sel ? 'zone dessinée' : `${sel.ids.length} commerce(s) listé(s)`;
  if (!check('merchants', merchantEligible(campaign, facts.merchant), `${facts.merchant.name} ; campagne : ${selection}`)) return fail('MERCHANT_NOT_ELIGIBLE');
  if (!check('period', facts.purchaseDate >= campaign.startsOn && facts.purchaseDate <= campaign.endsOn, `achat du ${facts.purchaseDate}, campagne du ${campaign.startsOn} au ${campaign.endsOn}`)) {
    return fail('OUTSIDE_CAMPAIGN_PERIOD');
  }
  let doubtful: string | undefined;
  if (campaign.schedule) {
    const { days, from, to } = campaign.schedule;
    if (days && !check('days', days.includes(weekdayOf(facts.purchaseDate)), `achat un ${weekdayOf(facts.purchaseDate)}, jours : ${days.join(', ')}`)) {
      return fail('OUTSIDE_CAMPAIGN_PERIOD');
    }
    if (from && to) {
      if (facts.purchaseTime === undefined) {
        trace.push({ campaignId: campaign.campaignId, rule: 'hours', verdict: 'UNKNOWN', detail: `heure d'achat non lue, heures : ${from}-${to}` });
        doubtful = "heure d'achat non lue alors que la campagne a des horaires";
      } else if (!check('hours', facts.purchaseTime.slice(0, 5) >= from && facts.purchaseTime.slice(0, 5) < to, `achat à ${facts.purchaseTime}, heures : ${from}-${to}`)) {
        return fail('OUTSIDE_CAMPAIGN_PERIOD');
      }
    }
  }
  if (campaign.receiptMaxAgeDays !== undefined) {
    const age = daysBetween(facts.purchaseDate, facts.today);
    if (!check('age', age <= campaign.receiptMaxAgeDays, `ticket de ${age} jour(s), maximum ${campaign.receiptMaxAgeDays}`)) return fail('RECEIPT_TOO_OLD');
  }
  if (campaign.minPurchaseCents !== undefined) {
    if (!check('minimum', facts.totalCents >= campaign.minPurchaseCents, `achat de ${euros(facts.totalCents)}, minimum ${euros(campaign.minPurchaseCents)}`)) return fail('BELOW_MINIMUM');
  }
  let cashback = applyRateBps(facts.totalCents, campaign.rateBps);
  let detail = `${euros(facts.totalCents)} x ${campaign.rateBps / 100} % = ${euros(cashback)}`;
  if (campaign.maxCashbackPerReceiptCents !== undefined && cashback > campaign.maxCashbackPerReceiptCents) {
    cashback = campaign.maxCashbackPerReceiptCents;
    detail += `, limité à ${euros(cashback)} par ticket`;
  }
  if (campaign.perResidentCap && cashback > campaign.perResidentCap.amountCents) {
    cashback = campaign.perResidentCap.amountCents;
    detail += `, limité au plafond de ${euros(cashback)}`;
  }
  if (!check('cashback', cashback > 0, detail)) return fail('BELOW_MINIMUM');
  return { ok: true, campaign, cashbackCents: cashback, trace, ...(doubtful ? { doubtful } : {}) };
}

/** Order in which a failed verdict explains itself best when no campaign accepts a receipt. */
const REJECTION_PRIORITY: RejectionCode[] = [
  'BELOW_MINIMUM',
  'RECEIPT_TOO_OLD',
  'OUTSIDE_CAMPAIGN_PERIOD',
  'MERCHANT_NOT_ELIGIBLE',
  'NO_ACTIVE_CAMPAIGN',
];

/**
 * Chooses the campaign that pays the resident most among those that accept the receipt (the best
 * single one); when none does, returns the most specific reason (a campaign the shop is in beats
 * one it is not). The trace holds every campaign's rules, so the choice explains itself.
 */
export function chooseCampaign(campaigns: Campaign[], facts: ReceiptFacts): CampaignVerdict {
  const verdicts = campaigns.map((c) => evaluateCampaign(c, facts));
  const trace = verdicts.flatMap((v) => v.trace);
  const accepted = verdicts.filter((v): v is Extract<CampaignVerdict, { ok: true }> => v.ok);
  if (accepted.length > 0) {
    const best = accepted.reduce((b, v) =>
      v.cashbackCents > b.cashbackCents || (v.cashbackCents === b.cashbackCents && v.campaign.campaignId < b.campaign.campaignId) ? v : b,
    );
    return { ...best, trace };
  }
  for (const code of REJECTION_PRIORITY) {
    const found = verdicts.find((v) => !v.ok && v.code === code);
    if (found) return { ...found, trace };
  }
  return { ok: false, code: 'NO_ACTIVE_CAMPAIGN', trace };
}

/** The key of the cap window a purchase falls in. */
export function capWindowKey(period: CapPeriod, purchaseDate: string, isoWeekOf: (d: string) => string): string {
  switch (period) {
    case 'DAY':
      return purchaseDate;
    case 'WEEK':
      return isoWeekOf(purchaseDate);
    case 'MONTH':
      return purchaseDate.slice(0, 7);
    case 'CAMPAIGN':
      return 'ALL';
  }
}
