/**
 * The campaign form's model: its fields as typed (euros, percentages, dates, the zone), read from a
 * campaign, and turned into the API's body with the errors of what cannot be a number.
 */
import { WEEKDAYS, centsToInput, euros, parseEuros, parsePercentToBps, todayInParis } from '../../shared/format';
import { fromZone, toPolygon, type GeoMultiPolygon, type GeoPolygon } from '../../shared/map/geo';
import type { ZoneValue } from '../../shared/map/ZoneEditor';
import type { CampaignBody, FullCampaign } from '../../shared/types';

export type Kind = 'CASHBACK' | 'GIFT_ALLOWANCE' | 'WELCOME_BONUS' | 'LOYALTY' | 'PARKING';
export type Period = 'DAY' | 'WEEK' | 'MONTH' | 'CAMPAIGN';
export type LoyaltyPeriod = 'MONTH' | 'QUARTER' | 'YEAR' | 'CAMPAIGN';

/** Paid by one shop from its deposit, at that shop only: a welcome bonus or a loyalty reward. */
export const isShopBonus = (kind: Kind) => kind === 'WELCOME_BONUS' || kind === 'LOYALTY';

export interface FormState {
  kind: Kind;
  name: string;
  budget: string;
  startsOn: string;
  endsOn: string;
  rate: string;
  maxPerReceipt: string;
  minPurchase: string;
  maxAgeDays: string;
  capKind: 'none' | 'cashback' | 'purchase';
  capAmount: string;
  capPeriod: Period;
  allowanceAmount: string;
  allowancePer: 'RESIDENT' | 'HOUSEHOLD';
  bonusMerchant?: { id: string; name: string } | undefined;
  bonus: string;
  /** Loyalty: the bonus on every Nth purchase of the period. */
  everyNth: string;
  loyaltyPeriod: LoyaltyPeriod;
  /** Free parking: the most a ticket is refunded, the car parks (tags, ids kept as they were, operators), the wait in hours. */
  refundMax: string;
  carParkTags: string;
  carParkIds: string[];
  carParkOperators: string;
  decideWithinHours: string;
  stackable: boolean;
  scheduleDays: string[];
  scheduleFrom: string;
  scheduleTo: string;
  selection: 'all' | 'tags' | 'ids' | 'zone';
  tags: string;
  shops: Array<{ id: string; name: string }>;
  zone: ZoneValue;
}

export function emptyForm(): FormState {
  return {
    kind: 'CASHBACK',
    name: '',
    budget: '',
    startsOn: todayInParis(),
    endsOn: '',
    rate: '',
    maxPerReceipt: '',
    minPurchase: '',
    maxAgeDays: '',
    capKind: 'none',
    capAmount: '',
    capPeriod: 'MONTH',
    allowanceAmount: '',
    allowancePer: 'RESIDENT',
    bonus: '',
    everyNth: '',
    loyaltyPeriod: 'MONTH',
    refundMax: '',
    carParkTags: '',
    carParkIds: [],
    carParkOperators: '',
    decideWithinHours: '',
    stackable: false,
    scheduleDays: [],
    scheduleFrom: '',
    scheduleTo: '',
    selection: 'all',
    tags: '',
    shops: [],
    zone: { vertices: [], closed: false },
  };
}

export function fromCampaign(c: FullCampaign, names: Map<string, string>): FormState {
  const m = c.merchants;
  const cap = c.perResidentCap ?? c.perResidentPurchaseCap;
  return {
    ...emptyForm(),
    kind: (c.kind ?? 'CASHBACK') as Kind,
    name: c.name,
    budget: centsToInput(c.budgetCents),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    rate: c.rateBps !== undefined ? String(c.rateBps / 100).replace('.', ',') : '',
    maxPerReceipt: centsToInput(c.maxCashbackPerReceiptCents),
    minPurchase: centsToInput(c.minPurchaseCents),
    maxAgeDays: c.receiptMaxAgeDays !== undefined ? String(c.receiptMaxAgeDays) : '',
    capKind: c.perResidentCap ? 'cashback' : c.perResidentPurchaseCap ? 'purchase' : 'none',
    capAmount: centsToInput(cap?.amountCents),
    capPeriod: (cap?.period ?? 'MONTH') as Period,
    allowanceAmount: centsToInput(c.allowance?.amountCents),
    allowancePer: c.allowance?.per ?? 'RESIDENT',
    ...(c.merchantId ? { bonusMerchant: { id: c.merchantId, name: names.get(c.merchantId) ?? c.merchantId } } : {}),
    bonus: centsToInput(c.bonusCents),
    everyNth: c.everyNth !== undefined ? String(c.everyNth) : '',
    loyaltyPeriod: (c.period ?? 'MONTH') as LoyaltyPeriod,
    refundMax: centsToInput(c.refundMaxCents),
    carParkTags: c.carParks?.tags?.join(', ') ?? '',
    carParkIds: c.carParks?.ids ?? [],
    carParkOperators: c.carParks?.operators?.join(', ') ?? '',
    decideWithinHours: c.decideWithinHours !== undefined ? String(c.decideWithinHours) : '',
    stackable: c.stackable === true,
    scheduleDays: c.schedule?.days ?? [],
    scheduleFrom: c.schedule?.from ?? '',
    scheduleTo: c.schedule?.to ?? '',
    selection: !m || 'all' in m ? 'all' : 'tags' in m ? 'tags' : 'ids' in m ? 'ids' : 'zone',
    tags: m && 'tags' in m ? m.tags.join(', ') : '',
    shops: m && 'ids' in m ? m.ids.map((id) => ({ id, name: names.get(id) ?? id })) : [],
    zone: m && 'zone' in m ? { vertices: fromZone(m.zone as GeoPolygon | GeoMultiPolygon), closed: true } : { vertices: [], closed: false },
  };
}

/** Field ids by the API's field paths (the longest matching path wins). */
export const FIELD_IDS: Record<string, string> = {
  kind: 'c-kind',
  name: 'c-name',
  budgetCents: 'c-budget',
  startsOn: 'c-starts',
  endsOn: 'c-ends',
  rateBps: 'c-rate',
  maxCashbackPerReceiptCents: 'c-max',
  minPurchaseCents: 'c-min',
  receiptMaxAgeDays: 'c-age',
  perResidentCap: 'c-cap-amount',
  perResidentPurchaseCap: 'c-cap-amount',
  'perResidentCap.period': 'c-cap-period',
  'perResidentPurchaseCap.period': 'c-cap-period',
  allowance: 'c-allowance-amount',
  'allowance.per': 'c-allowance-per',
  merchantId: 'c-bonus-merchant',
  bonusCents: 'c-bonus',
  everyNth: 'c-every',
  period: 'c-loyalty-period',
  refundMaxCents: 'c-refund-max',
  carParks: 'c-carpark-operators',
  'carParks.operators': 'c-carpark-operators',
  'carParks.tags': 'c-carpark-tags',
  decideWithinHours: 'c-wait',
  stackable: 'c-stackable',
  schedule: 'c-schedule',
  'schedule.from': 'c-from',
  'schedule.to': 'c-to',
  merchants: 'c-selection',
  'merchants.tags': 'c-tags',
  'merchants.ids': 'c-shops',
  'merchants.zone': 'c-zone',
};

/** The body for the API, or the fields the form itself cannot read (French messages). */
export function toBody(f: FormState): { body?: CampaignBody; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const money = (text: string, id: string, what: string): number | undefined => {
    if (!text.trim()) return undefined;
    const cents = parseEuros(text);
    if (cents === undefined) {
      errors[id] = `${what} : écrivez un montant en euros, par exemple 1 500 ou 12,50.`;
      return undefined;
    }
    return cents;
  };
  const body: Record<string, unknown> = { name: f.name.trim(), startsOn: f.startsOn, endsOn: f.endsOn };
  if (f.kind !== 'CASHBACK') body.kind = f.kind;
  const budget = money(f.budget, 'c-budget', 'Budget');
  if (budget !== undefined) body.budgetCents = budget;
  if (!isShopBonus(f.kind) && f.kind !== 'PARKING') {
    if (f.rate.trim()) {
      const bps = parsePercentToBps(f.rate);
      if (bps === undefined) errors['c-rate'] = 'Taux : écrivez un pourcentage, par exemple 10 ou 12,5.';
      else body.rateBps = bps;
    }
    const max = money(f.maxPerReceipt, 'c-max', 'Maximum par ticket');
    if (max !== undefined) body.maxCashbackPerReceiptCents = max;
    if (f.stackable) body.stackable = true;
  }
  const min = money(f.minPurchase, 'c-min', 'Achat minimum');
  if (min !== undefined) body.minPurchaseCents = min;
  if (f.maxAgeDays.trim()) {
    if (!/^\d+$/.test(f.maxAgeDays.trim())) errors['c-age'] = 'Ancienneté : écrivez un nombre de jours.';
    else body.receiptMaxAgeDays = Number(f.maxAgeDays.trim());
  }
  if (f.kind === 'CASHBACK' && f.capKind !== 'none') {
    const amount = money(f.capAmount, 'c-cap-amount', 'Plafond');
    if (amount === undefined && !errors['c-cap-amount']) errors['c-cap-amount'] = 'Plafond : donnez son montant en euros.';
    if (amount !== undefined) body[f.capKind === 'cashback' ? 'perResidentCap' : 'perResidentPurchaseCap'] = { amountCents: amount, period: f.capPeriod };
  }
  if (f.kind === 'GIFT_ALLOWANCE') {
    const amount = money(f.allowanceAmount, 'c-allowance-amount', 'Enveloppe');
    if (amount !== undefined) body.allowance = { amountCents: amount, per: f.allowancePer };
  }
  if (isShopBonus(f.kind)) {
    if (f.bonusMerchant) body.merchantId = f.bonusMerchant.id;
    const bonus = money(f.bonus, 'c-bonus', 'Bonus');
    if (bonus !== undefined) body.bonusCents = bonus;
    if (f.kind === 'LOYALTY') {
      body.period = f.loyaltyPeriod;
      if (f.everyNth.trim()) {
        if (!/^\d+$/.test(f.everyNth.trim())) errors['c-every'] = 'Bonus tous les : écrivez un nombre d’achats, 2 ou plus.';
        else body.everyNth = Number(f.everyNth.trim());
      }
    }
  } else if (f.kind === 'PARKING') {
    const refund = money(f.refundMax, 'c-refund-max', 'Remboursement maximum');
    if (refund !== undefined) body.refundMaxCents = refund;
    const list = (s: string) => s.split(/[,;]/).map((t) => t.trim()).filter(Boolean);
    const carParks = {
      ...(list(f.carParkTags).length > 0 ? { tags: list(f.carParkTags) } : {}),
      ...(f.carParkIds.length > 0 ? { ids: f.carParkIds } : {}),
      ...(list(f.carParkOperators).length > 0 ? { operators: list(f.carParkOperators) } : {}),
    };
    if (Object.keys(carParks).length > 0) body.carParks = carParks;
    if (f.decideWithinHours.trim()) {
      if (!/^\d+$/.test(f.decideWithinHours.trim())) errors['c-wait'] = 'Attente : écrivez un nombre d’heures, de 0 à 72.';
      else body.decideWithinHours = Number(f.decideWithinHours.trim());
    }
  } else {
    if (f.selection === 'tags') body.merchants = { tags: f.tags.split(/[,;]/).map((t) => t.trim()).filter(Boolean) };
    else if (f.selection === 'ids') body.merchants = { ids: f.shops.map((s) => s.id) };
    else if (f.selection === 'zone') {
      if (!f.zone.closed || f.zone.vertices.length < 3) errors['c-zone'] = 'Zone : dessinez-la et fermez-la (3 sommets au moins).';
      else body.merchants = { zone: toPolygon(f.zone.vertices) };
    }
  }
  if (f.scheduleDays.length > 0 || f.scheduleFrom || f.scheduleTo) {
    body.schedule = {
      ...(f.scheduleDays.length > 0 ? { days: WEEKDAYS.map(([d]) => d).filter((d) => f.scheduleDays.includes(d)) } : {}),
      ...(f.scheduleFrom ? { from: f.scheduleFrom } : {}),
      ...(f.scheduleTo ? { to: f.scheduleTo } : {}),
    };
  }
  return Object.keys(errors).length > 0 ? { errors } : { body: body as CampaignBody, errors };
}
