import * as z from '../schema';
import { isShopBonus, kindOf, type Campaign } from '../domain/campaign';
import { json } from './problem';
import { route, type Route } from './route';

/**
 * The operations running now, as residents may see them (the residents' app writes them in plain
 * words): what each gives, where and until when. No budget, no figures of the city's own.
 */
const Cap = z.object({ amountCents: z.int(), period: z.enum(['DAY', 'WEEK', 'MONTH', 'CAMPAIGN']) });

export const PublicCampaignView = z.described(
  z.object({
    campaignId: z.string(),
    name: z.string(),
    kind: z.enum(['CASHBACK', 'GIFT_ALLOWANCE', 'WELCOME_BONUS', 'LOYALTY', 'PARKING']),
    startsOn: z.described(z.string(), { description: 'local date, YYYY-MM-DD' }),
    endsOn: z.described(z.string(), { description: 'local date, YYYY-MM-DD' }),
    rateBps: z.described(z.optional(z.int()), { description: 'share of the purchase paid back, in basis points (1000 = 10 %)' }),
    maxCashbackPerReceiptCents: z.optional(z.int()),
    minPurchaseCents: z.optional(z.int()),
    perResidentCap: z.optional(Cap),
    perResidentPurchaseCap: z.optional(Cap),
    allowance: z.optional(z.object({ amountCents: z.int(), per: z.enum(['RESIDENT', 'HOUSEHOLD']) })),
    bonusCents: z.optional(z.int()),
    everyNth: z.described(z.optional(z.int()), { description: 'loyalty reward: the bonus is paid on every Nth purchase of the period' }),
    period: z.described(z.optional(z.enum(['MONTH', 'QUARTER', 'YEAR', 'CAMPAIGN'])), { description: 'loyalty reward: the calendar period purchases are counted in' }),
    refundMaxCents: z.described(z.optional(z.int()), { description: 'free parking: the most a parking ticket is refunded' }),
    carParks: z.described(z.optional(z.object({ tags: z.optional(z.array(z.string())), ids: z.optional(z.array(z.string())), operators: z.optional(z.array(z.string())) })), {
      description: 'free parking: the car parks (registered places by tag or id) and operators taking part',
    }),
    decideWithinHours: z.described(z.optional(z.int()), { description: 'free parking: hours after the day ends a ticket waits for its purchase' }),
    merchants: z.described(
      z.object({
        all: z.optional(z.boolean()),
        tags: z.optional(z.array(z.string())),
        ids: z.described(z.optional(z.array(z.string())), { description: 'the shops taking part (welcome bonus, loyalty reward: its shop)' }),
        zone: z.described(z.optional(z.boolean()), { description: 'the shops inside a zone drawn by the city' }),
      }),
      { description: 'which shops the campaign pays at' },
    ),
    schedule: z.optional(z.object({ days: z.optional(z.array(z.string())), from: z.optional(z.string()), to: z.optional(z.string()) })),
  }),
  { id: 'PublicCampaign' },
);

function publicView(c: Campaign): z.infer<typeof PublicCampaignView> {
  const kind = kindOf(c);
  const m = c.merchants as { all?: true; tags?: string[]; ids?: string[]; zone?: unknown };
  const merchants = isShopBonus(c) && c.merchantId ? { ids: [c.merchantId] } : m.tags ? { tags: m.tags } : m.ids ? { ids: m.ids } : m.zone ? { zone: true } : { all: true };
  return {
    campaignId: c.campaignId,
    name: c.name,
    kind,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    ...(c.rateBps !== undefined ? { rateBps: c.rateBps } : {}),
    ...(c.maxCashbackPerReceiptCents !== undefined ? { maxCashbackPerReceiptCents: c.maxCashbackPerReceiptCents } : {}),
    ...(c.minPurchaseCents !== undefined ? { minPurchaseCents: c.minPurchaseCents } : {}),
    ...(c.perResidentCap ? { perResidentCap: c.perResidentCap } : {}),
    ...(c.perResidentPurchaseCap ? { perResidentPurchaseCap: c.perResidentPurchaseCap } : {}),
    ...(c.allowance ? { allowance: c.allowance } : {}),
    ...(c.bonusCents !== undefined ? { bonusCents: c.bonusCents } : {}),
    ...(c.everyNth !== undefined ? { everyNth: c.everyNth } : {}),
    ...(c.period !== undefined ? { period: c.period } : {}),
    ...(c.refundMaxCents !== undefined ? { refundMaxCents: c.refundMaxCents } : {}),
    ...(c.carParks ? { carParks: c.carParks } : {}),
    ...(c.decideWithinHours !== undefined ? { decideWithinHours: c.decideWithinHours } : {}),
    merchants,
    ...(c.schedule ? { schedule: c.schedule } : {}),
  };
}

export const publicCampaignRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/campaigns',
    access: 'public',
    operationId: 'listRunningCampaigns',
    tag: 'Campaigns',
    summary: 'The operations running now (public)',
    description: 'Active campaigns whose dates include today, ending soonest first: what each pays back, at which shops and until when.',
    success: { status: 200, schema: z.object({ items: z.array(PublicCampaignView) }) },
    handle: async (ctx) => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ctx.clock.now());
      const running = (await ctx.campaigns.listActive()).filter((c) => c.startsOn <= today && today <= c.endsOn).sort((a, b) => a.endsOn.localeCompare(b.endsOn));
      return json(200, { items: running.map(publicView) });
    },
  }),
];
