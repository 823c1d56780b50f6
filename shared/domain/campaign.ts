import * as z from '../schema';
import { Cents, PositiveCents, applyRateBps, euros } from './money';
import { isValidDate, daysBetween } from './dates';
import type { RejectionCode } from './rejections';
import type { Merchant } from './merchant';
import { Zone, zoneContains } from './geo';
import { LoyaltyPeriod, describeLoyalty, loyaltyForecast, type Tally } from './loyalty';
import { CarParkSelection, describeParking } from './parking-fields';

const LocalDate = z.string().check(z.refine(isValidDate, 'expected a date as YYYY-MM-DD'));
const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
const names = (max: number) => z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(max));

export const CapPeriod = z.enum(['DAY', 'WEEK', 'MONTH', 'CAMPAIGN']);
export type CapPeriod = z.infer<typeof CapPeriod>;

export const MerchantSelection = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ tags: names(50) }),
  z.strictObject({ ids: names(5000) }),
  /** Shops inside a drawn zone (a road-works area): a shop without coordinates is not in it. */
  z.strictObject({ zone: Zone }),
]);

const Weekday = z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']);
const HourMinute = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'));

/** When purchases count: some days of the week, and/or a time window (local time). */
export const PurchaseSchedule = z
  .strictObject({ days: z.optional(z.array(Weekday).check(z.minLength(1), z.maxLength(7))), from: z.optional(HourMinute), to: z.optional(HourMinute) })
  .check(
    z.refine((s) => (s.from === undefined) === (s.to === undefined), { message: 'give both from and to, or neither', path: ['to'] }),
    z.refine((s) => s.from === undefined || s.from < s.to!, { message: 'from must be before to', path: ['to'] }),
  );
export type MerchantSelection = z.infer<typeof MerchantSelection>;

export const CampaignKind = z.enum(['CASHBACK', 'GIFT_ALLOWANCE', 'WELCOME_BONUS', 'LOYALTY', 'PARKING']);
export type CampaignKind = z.infer<typeof CampaignKind>;

const Cap = z.strictObject({ amountCents: PositiveCents, period: CapPeriod });

/** A campaign's fields, each checked on its own; `CampaignInput` adds the checks of each kind. */
export const CampaignFields = z
  .strictObject({
    kind: z.optional(CampaignKind),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    budgetCents: PositiveCents,
    startsOn: LocalDate,
    endsOn: LocalDate,
    rateBps: z.optional(whole(1, 10_000)),
    maxCashbackPerReceiptCents: z.optional(PositiveCents),
    minPurchaseCents: z.optional(Cents),
    perResidentCap: z.optional(Cap),
    perResidentPurchaseCap: z.optional(Cap),
    allowance: z.optional(z.strictObject({ amountCents: PositiveCents, per: z.enum(['RESIDENT', 'HOUSEHOLD']) })),
    merchantId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    bonusCents: z.optional(PositiveCents),
    /** LOYALTY: the bonus is paid on every Nth counted purchase of the period. */
    everyNth: z.optional(whole(2, 1_000)),
    /** LOYALTY: the calendar period purchases are counted in (Europe/Paris). */
    period: z.optional(LoyaltyPeriod),
    /** PARKING: the most a parking ticket is refunded (shared/domain/parking.ts). */
    refundMaxCents: z.optional(PositiveCents),
    /** PARKING: the car parks and operators whose tickets are refunded. */
    carParks: z.optional(CarParkSelection),
    /** PARKING: how long after the day ends a ticket waits for its purchase (default 6). */
    decideWithinHours: z.optional(whole(0, 72)),
    stackable: z.optional(z.boolean()),
    receiptMaxAgeDays: z.optional(whole(1, 366)),
    merchants: z._default(MerchantSelection, { all: true }),
    schedule: z.optional(PurchaseSchedule),
  })
  .check(z.refine((c) => c.startsOn <= c.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] }));

const isAllShops = (m: unknown) => typeof m === 'object' && m !== null && Object.keys(m).length === 1 && (m as { all?: unknown }).all === true;

/**
 * Which fields each kind needs and refuses, checked on the raw body before the fields themselves,
 * so that one answer lists every problem (a field's own error does not hide a missing one).
 */
function checkKindFields(raw: unknown, issues: z.core.$ZodRawIssue[]) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const c = raw as Record<string, unknown>;
  const kind = c.kind ?? 'CASHBACK';
  if (!CampaignKind.safeParse(kind).success) return; // the field's own check says so
  const issue = (path: string, message: string) => issues.push({ code: 'custom', path: [path], message, input: c[path] });
  const has = (f: string) => c[f] !== undefined;
  const forbid = (fields: string[]) => {
    for (const f of fields) if (has(f)) issue(f, `not used by a ${String(kind)} campaign`);
  };
  if (kind !== 'LOYALTY') forbid(['everyNth', 'period']);
  if (kind !== 'PARKING') forbid(['refundMaxCents', 'carParks', 'decideWithinHours']);
  if (kind === 'PARKING') {
    if (!has('refundMaxCents')) issue('refundMaxCents', 'give the most a parking ticket is refunded');
    if (!has('carParks')) issue('carParks', 'give the car parks that take part: { tags, ids, operators }');
    forbid(['rateBps', 'maxCashbackPerReceiptCents', 'perResidentCap', 'perResidentPurchaseCap', 'allowance', 'merchantId', 'bonusCents', 'stackable', 'schedule']);
    if (has('merchants') && !isAllShops(c.merchants)) issue('merchants', 'a parking ticket is validated by a credited purchase in any participating shop; its car parks are carParks');
    return;
  }
  if (kind === 'WELCOME_BONUS' || kind === 'LOYALTY') {
    const what = kind === 'LOYALTY' ? 'a loyalty reward' : 'a welcome bonus';
    if (!has('merchantId')) issue('merchantId', `${what} is paid by one shop: give its merchantId`);
    if (!has('bonusCents')) issue('bonusCents', 'give the bonus amount');
    if (kind === 'LOYALTY' && !has('everyNth')) issue('everyNth', 'give N: the bonus is paid on every Nth purchase (2 or more)');
    if (kind === 'LOYALTY' && !has('period')) issue('period', 'give the period purchases are counted in: MONTH, QUARTER, YEAR or CAMPAIGN');
    forbid(['rateBps', 'maxCashbackPerReceiptCents', 'perResidentCap', 'perResidentPurchaseCap', 'allowance', 'stackable']);
    // Its shop is `merchantId`; `{ all: true }` is the default every parsed campaign carries, so a
    // body parsed once (by the route) parses again (in the operation) to the same campaign.
    if (has('merchants') && !isAllShops(c.merchants)) issue('merchants', `${what} is paid at its own shop (merchantId) only`);
    return;
  }
  if (!has('rateBps')) issue('rateBps', 'give the rate in basis points (1000 = 10 %)');
  forbid(['merchantId', 'bonusCents']);
  if (kind === 'GIFT_ALLOWANCE') {
    if (!has('allowance')) issue('allowance', 'give the allowance: { amountCents, per: RESIDENT | HOUSEHOLD }');
    forbid(['perResidentCap', 'perResidentPurchaseCap']);
  } else {
    forbid(['allowance']);
    if (has('perResidentCap') && has('perResidentPurchaseCap')) issue('perResidentPurchaseCap', 'give a cap in cashback or in purchases, not both');
  }
}

/**
 * The body of `POST /v1/admin/campaigns` and `PUT /v1/admin/campaigns/{id}` (docs/contracts.md section 4, and
 * the kinds of operation a city runs):
 * - `CASHBACK` (the default when `kind` is left out): `rateBps` of each purchase, limited per
 *   receipt, per resident by period (`perResidentCap`, in cashback) or on the first purchases of
 *   each period (`perResidentPurchaseCap`, in purchase amount: "20 % on the first 50 EUR a month").
 * - `GIFT_ALLOWANCE`: a fixed `allowance` per resident, or per household when residents declare
 *   one, that receipts draw down at `rateBps` (10000 = the whole purchase) until it is spent.
 * - `WELCOME_BONUS`: `bonusCents` on a resident's first credited purchase at one shop
 *   (`merchantId`), paid from money that shop deposited with the city.
 * - `LOYALTY`: `bonusCents` on every `everyNth` credited purchase of a resident at one shop
 *   (`merchantId`) within a `period` (MONTH, QUARTER, YEAR, CAMPAIGN), paid from the shop's
 *   deposit; the count is held by the ledger (shared/domain/loyalty.ts).
 * - `PARKING`: a parking ticket of one of `carParks` refunded up to `refundMaxCents` when the same
 *   resident has a credited purchase of at least `minPurchaseCents` the same day; it waits for it
 *   until `decideWithinHours` after the day ends (shared/domain/parking.ts). City-funded.
 * When several campaigns accept a receipt the resident gets the best single one; a campaign with
 * `stackable: true` (and every welcome bonus and loyalty reward) is paid on top.
 */
export const CampaignInput = z.pipe(
  z.unknown(),
  z.transform((raw, ctx): z.output<typeof CampaignFields> => {
    checkKindFields(raw, ctx.issues);
    const fields = CampaignFields.safeParse(raw);
    if (!fields.success) for (const issue of fields.error.issues) ctx.issues.push({ ...issue, input: raw } as never);
    return fields.success ? fields.data : z.NEVER;
  }),
);
export type CampaignInput = z.infer<typeof CampaignInput>;

export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'CLOSED';

export interface Campaign extends CampaignInput {
  campaignId: string;
  status: CampaignStatus;
  createdAt: string;
  activatedAt?: string;
}

export const kindOf = (c: Pick<Campaign, 'kind'>): CampaignKind => c.kind ?? 'CASHBACK';

/** Stacked campaigns are paid on top of the best single one; at most this many in all per receipt. */
export const MAX_CREDITS_PER_RECEIPT = 4;

/** Paid by one shop, at that shop only, on top of the city's operations. */
export const isShopBonus = (c: Pick<Campaign, 'kind'>) => kindOf(c) === 'WELCOME_BONUS' || kindOf(c) === 'LOYALTY';

export const isStackable = (c: Campaign) => isShopBonus(c) || c.stackable === true;

/** A limit per resident (or household) held by a counter in the ledger, in cashback or in purchases. */
export interface CapRule {
  basis: 'CASHBACK' | 'PURCHASE';
  amountCents: number;
  period: CapPeriod;
  per: 'RESIDENT' | 'HOUSEHOLD';
}

export function capRuleOf(c: Campaign): CapRule | undefined {
  if (kindOf(c) === 'GIFT_ALLOWANCE' && c.allowance) return { basis: 'CASHBACK', amountCents: c.allowance.amountCents, period: 'CAMPAIGN', per: c.allowance.per };
  if (c.perResidentCap) return { basis: 'CASHBACK', ...c.perResidentCap, per: 'RESIDENT' };
  if (c.perResidentPurchaseCap) return { basis: 'PURCHASE', ...c.perResidentPurchaseCap, per: 'RESIDENT' };
  return undefined;
}

/** Whose money a campaign pays: the city's, or (welcome bonus, loyalty reward) the shop's deposit. */
export function fundedBy(c: Pick<Campaign, 'kind' | 'merchantId'>): { merchantId: string } | 'CITY' {
  return isShopBonus(c) && c.merchantId ? { merchantId: c.merchantId } : 'CITY';
}

/** One line for residents and staff: what the campaign gives. */
export function describeCampaign(c: Campaign): string {
  const kind = kindOf(c);
  if (kind === 'WELCOME_BONUS') return `${c.name} : bonus de bienvenue de ${euros(c.bonusCents ?? 0)}`;
  if (kind === 'PARKING') return `${c.name} : ${describeParking(c)}`;
  if (kind === 'LOYALTY') return `${c.name} : ${describeLoyalty(c.bonusCents ?? 0, c.everyNth ?? 2, c.period ?? 'CAMPAIGN')}`;
  const rate = `${(c.rateBps ?? 0) / 100} %`;
  if (kind === 'GIFT_ALLOWANCE') return `${c.name} : ${rate} des achats, dans la limite de ${euros(c.allowance?.amountCents ?? 0)} par ${c.allowance?.per === 'HOUSEHOLD' ? 'foyer' : 'habitant'}`;
  return `${c.name} : ${rate}`;
}

export function merchantEligible(campaign: Pick<Campaign, 'merchants' | 'kind' | 'merchantId'>, merchant: Merchant): boolean {
  if (isShopBonus(campaign)) return campaign.merchantId === merchant.merchantId;
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
  /** False when the resident already has a credited purchase at this shop (welcome bonuses); unknown when left out. */
  firstPurchaseAtShop?: boolean;
  /** Loyalty campaigns' tallies of this resident, by campaign id, as read before the credit; unknown when left out. */
  loyaltyTallies?: ReadonlyMap<string, Tally>;
}

/** One rule applied to one receipt: what it looked at and what it said. Kept for staff and audit. */
export interface RuleTrace {
  campaignId: string;
  rule: string;
  verdict: 'PASS' | 'FAIL' | 'UNKNOWN';
  detail: string;
}

/** One campaign's award for a receipt: its cashback before the ledger applies caps and the remaining budget. */
export interface Award {
  campaign: Campaign;
  cashbackCents: number;
}

/**
 * What the rules grant: `campaign`/`cashbackCents` are the main award (the best single campaign,
 * or the first stacked one when no single one applies); `credits` lists every award to pay, in
 * order: first the main one with the other single campaigns that accept the receipt as fallbacks
 * (paid instead when the ledger finds the resident's cap or the budget spent), then each stacked one.
 */
export type CampaignVerdict =
  | { ok: true; campaign: Campaign; cashbackCents: number; credits: Award[][]; trace: RuleTrace[]; doubtful?: string }
  | { ok: false; code: RejectionCode; campaign?: Campaign; trace: RuleTrace[] };

type SingleVerdict =
  | { ok: true; campaign: Campaign; cashbackCents: number; trace: RuleTrace[]; doubtful?: string }
  | { ok: false; code: RejectionCode; campaign?: Campaign; trace: RuleTrace[] };

/**
 * Applies one campaign's rules to a receipt: status, eligibility, window, schedule, age, minimum,
 * rate and the per-receipt maximum, each traced. Caps and the remaining budget are applied later,
 * by the ledger, in the same transaction as the credit.
 */
export function evaluateCampaign(campaign: Campaign, facts: ReceiptFacts): SingleVerdict {
  const trace: RuleTrace[] = [];
  const check = (rule: string, pass: boolean, detail: string) => {
    trace.push({ campaignId: campaign.campaignId, rule, verdict: pass ? 'PASS' : 'FAIL', detail });
    return pass;
  };
  const fail = (code: RejectionCode): SingleVerdict => ({ ok: false, code, campaign, trace });

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
  const kind = kindOf(campaign);
  if (kind === 'WELCOME_BONUS') {
    const bonus = campaign.bonusCents ?? 0;
    if (facts.firstPurchaseAtShop === false) {
      check('first-purchase', false, 'le résident a déjà un achat remboursé dans ce commerce');
      return fail('WELCOME_BONUS_USED');
    }
    trace.push({ campaignId: campaign.campaignId, rule: 'first-purchase', verdict: facts.firstPurchaseAtShop ? 'PASS' : 'UNKNOWN', detail: 'premier achat remboursé du résident dans ce commerce (vérifié au crédit)' });
    check('cashback', bonus > 0, `bonus de bienvenue ${euros(bonus)}, payé par le commerce`);
    return { ok: true, campaign, cashbackCents: bonus, trace, ...(doubtful ? { doubtful } : {}) };
  }
  if (kind === 'LOYALTY') {
    // Every purchase the rules accept is counted at the credit; the bonus is paid on the Nth.
    const bonus = campaign.bonusCents ?? 0;
    const tally = facts.loyaltyTallies?.get(campaign.campaignId);
    const forecast = loyaltyForecast(tally, campaign.everyNth ?? 2, bonus, campaign.period ?? 'CAMPAIGN');
    trace.push({ campaignId: campaign.campaignId, rule: 'loyalty', verdict: tally ? 'PASS' : 'UNKNOWN', detail: forecast.detail });
    return { ok: true, campaign, cashbackCents: !tally || forecast.due ? bonus : 0, trace, ...(doubtful ? { doubtful } : {}) };
  }
  const rateBps = campaign.rateBps ?? 0;
  const cap = capRuleOf(campaign);
  let base = facts.totalCents;
  let detail = '';
  if (cap?.basis === 'PURCHASE' && base > cap.amountCents) {
    base = cap.amountCents;
    detail = `achat de ${euros(facts.totalCents)} compté jusqu'à ${euros(base)} ; `;
  }
  let cashback = applyRateBps(base, rateBps);
  detail += `${euros(base)} x ${rateBps / 100} % = ${euros(cashback)}`;
  if (campaign.maxCashbackPerReceiptCents !== undefined && cashback > campaign.maxCashbackPerReceiptCents) {
    cashback = campaign.maxCashbackPerReceiptCents;
    detail += `, limité à ${euros(cashback)} par ticket`;
  }
  if (cap?.basis === 'CASHBACK' && cashback > cap.amountCents) {
    cashback = cap.amountCents;
    detail += kind === 'GIFT_ALLOWANCE' ? `, limité à l'enveloppe de ${euros(cashback)}` : `, limité au plafond de ${euros(cashback)}`;
  }
  if (cap) detail += cap.basis === 'PURCHASE' ? ` (achats comptés jusqu'à ${euros(cap.amountCents)} par ${PERIOD_FR[cap.period]})` : kind === 'GIFT_ALLOWANCE' ? ` (enveloppe de ${euros(cap.amountCents)} par ${cap.per === 'HOUSEHOLD' ? 'foyer' : 'habitant'}, solde vérifié au crédit)` : ` (plafond de ${euros(cap.amountCents)} par ${PERIOD_FR[cap.period]}, vérifié au crédit)`;
  if (!check('cashback', cashback > 0, detail)) return fail('BELOW_MINIMUM');
  return { ok: true, campaign, cashbackCents: cashback, trace, ...(doubtful ? { doubtful } : {}) };
}

const PERIOD_FR: Record<CapPeriod, string> = { DAY: 'jour', WEEK: 'semaine', MONTH: 'mois', CAMPAIGN: 'opération' };

/** Order in which a failed verdict explains itself best when no campaign accepts a receipt. */
const REJECTION_PRIORITY: RejectionCode[] = [
  'BELOW_MINIMUM',
  'RECEIPT_TOO_OLD',
  'OUTSIDE_CAMPAIGN_PERIOD',
  'WELCOME_BONUS_USED',
  'LOYALTY_NOT_DUE',
  'MERCHANT_NOT_ELIGIBLE',
  'NO_ACTIVE_CAMPAIGN',
];

const byCashback = (a: Award, b: Award) => b.cashbackCents - a.cashbackCents || (a.campaign.campaignId < b.campaign.campaignId ? -1 : 1);

/**
 * Chooses what a receipt earns. Among the campaigns that accept it and do not stack, the one that
 * pays the resident most (the best single one; the others stay as fallbacks should the ledger find
 * its cap or budget spent); each stackable campaign that accepts it is paid on top, the biggest
 * first, up to MAX_CREDITS_PER_RECEIPT credits in all (the ledger also never pays more than the
 * purchase). When none accepts, the most specific reason (a campaign the shop is in beats one it
 * is not). The trace holds every campaign's rules and the choice, so the decision explains itself.
 */
export function chooseCampaign(campaigns: Campaign[], facts: ReceiptFacts): CampaignVerdict {
  const verdicts = campaigns.map((c) => evaluateCampaign(c, facts));
  const trace = verdicts.flatMap((v) => v.trace);
  const accepted = verdicts.filter((v): v is Extract<SingleVerdict, { ok: true }> => v.ok);
  // Loyalty rewards alone, none due on this purchase: nothing to pay, so nothing credited or counted.
  const notDue = accepted.length > 0 && accepted.every((v) => kindOf(v.campaign) === 'LOYALTY' && v.cashbackCents === 0);
  if (accepted.length > 0 && !notDue) {
    const singles = accepted.filter((v) => !isStackable(v.campaign)).map(toAward).sort(byCashback);
    const stacked = accepted.filter((v) => isStackable(v.campaign)).map(toAward).sort(byCashback);
    const credits: Award[][] = [];
    if (singles.length > 0) credits.push(singles);
    // Welcome bonuses of one shop are one slot (the shop welcomes a customer once): the others
    // are its fallbacks. Stacked awards never take the total past the purchase itself.
    const groups = new Map<string, Award[]>();
    for (const a of stacked) {
      const key = kindOf(a.campaign) === 'WELCOME_BONUS' ? `welcome:${a.campaign.merchantId}` : a.campaign.campaignId;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    let paid = singles[0]?.cashbackCents ?? 0;
    let dropped = 0;
    for (const group of groups.values()) {
      const room = facts.totalCents - paid;
      // A loyalty reward counts the purchase even when the purchase is paid whole already.
      if (credits.length >= MAX_CREDITS_PER_RECEIPT || (room <= 0 && kindOf(group[0]!.campaign) !== 'LOYALTY')) {
        dropped += group.length;
        continue;
      }
      const slot = group.map((a) => ({ ...a, cashbackCents: Math.max(0, Math.min(a.cashbackCents, room)) }));
      credits.push(slot);
      paid += slot[0]!.cashbackCents;
    }
    const chosen = credits.map((c) => c[0]!);
    const main = chosen[0]!;
    let detail = singles.length > 1 ? `meilleure opération parmi ${singles.length} : ${describeCampaign(main.campaign)} (${euros(main.cashbackCents)})` : `opération : ${describeCampaign(main.campaign)} (${euros(main.cashbackCents)})`;
    if (chosen.length > 1) detail += ` ; cumulée avec ${chosen.slice(1).map((a) => `${describeCampaign(a.campaign)} (${euros(a.cashbackCents)})`).join(', ')}`;
    if (dropped > 0) detail += ` ; ${dropped} opération(s) cumulable(s) non appliquée(s) : ${MAX_CREDITS_PER_RECEIPT} crédits au plus, jamais plus que l'achat`;
    trace.push({ campaignId: main.campaign.campaignId, rule: 'choice', verdict: 'PASS', detail });
    const doubtful = accepted.map((v) => v.doubtful).find((d) => d !== undefined);
    return {
      ok: true,
      campaign: main.campaign,
      cashbackCents: paid === 0 ? main.cashbackCents : chosen.reduce((sum, a) => sum + a.cashbackCents, 0),
      credits,
      trace,
      ...(doubtful ? { doubtful } : {}),
    };
  }
  if (notDue) verdicts.push({ ok: false, code: 'LOYALTY_NOT_DUE', campaign: accepted[0]!.campaign, trace: [] });
  for (const code of REJECTION_PRIORITY) {
    const found = verdicts.find((v): v is Extract<SingleVerdict, { ok: false }> => !v.ok && v.code === code);
    if (found) return { ...found, trace };
  }
  return { ok: false, code: 'NO_ACTIVE_CAMPAIGN', trace };
}

function toAward(v: { campaign: Campaign; cashbackCents: number }): Award {
  return { campaign: v.campaign, cashbackCents: v.cashbackCents };
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
