import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../shared/app/context';
import { activateCampaign, campaignStats, createCampaign } from '../../../shared/app/admin';
import { createHousehold, joinHousehold, myHousehold } from '../../../shared/app/households';
import { closeCampaign, depositMerchantFunds, reverseReceipt } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { getWallet } from '../../../shared/app/resident';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { DomainError } from '../../../shared/domain/errors';
import { FraudPolicy } from '../../../shared/domain/fraud-policy';
import { accountIds } from '../../../shared/ports';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * A configuration that mirrors a city's operations: 20 % on the first 50 EUR per resident per
 * month everywhere, 30 % in a road-works zone, a 15 EUR welcome bonus paid by one shop from its
 * own deposit, and a gift allowance per household; every credit checked against the rules by hand.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let h: PipelineHarness;
let general: string;
let works: string;
let welcome: string;
let librairie: string;
let fromagerie: string;
let epicerie: string;
const staff = { sub: 'agent-1', isAdmin: true };
const who = (sub: string) => ({ sub, isAdmin: false });

const ZONE = { type: 'Polygon' as const, coordinates: [[[0.7, 47.3], [0.72, 47.3], [0.72, 47.32], [0.7, 47.32], [0.7, 47.3]] as [number, number][]] };
const WINDOW = { startsOn: '2026-01-01', endsOn: '2026-12-31' };

beforeAll(async () => {
  db = await startTestTable();
  h = pipelineHarness(db);
  ctx = h.ctx;
  const shop = async (name: string, siret: string, street: string, lat: number) =>
    (await createMerchant(ctx, { name, siret, address: { street, postcode: '37410', city: 'Montclair-sur-Loire' }, coordinates: { lat, lon: 0.71 }, tags: [], aliases: [] })).merchantId;
  librairie = await shop('Librairie du Chantier', '90412387400029', '4 rue Haute', 47.31);
  fromagerie = await shop('Fromagerie du Marché', '52876341000040', '27 avenue des Tilleuls', 47.4);
  epicerie = await shop('Épicerie de la Gare', '73282932000074', '2 place de la Gare', 47.41);
  general = (await createCampaign(ctx, { name: 'Commerces de Montclair', budgetCents: 1_000_000, ...WINDOW, rateBps: 2_000, perResidentPurchaseCap: { amountCents: 5_000, period: 'MONTH' } })).campaignId;
  works = (await createCampaign(ctx, { name: 'Zone travaux rue Haute', budgetCents: 500_000, ...WINDOW, rateBps: 3_000, merchants: { zone: ZONE } })).campaignId;
  welcome = (await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue à la Fromagerie', budgetCents: 4_500, ...WINDOW, merchantId: fromagerie, bonusCents: 1_500 })).campaignId;
  await activateCampaign(ctx, general);
  await activateCampaign(ctx, works);
});

afterAll(async () => {
  await db?.stop();
});

let minute = 0;
function send(resident: string, shop: { sign: string; siret: string; street: string }, total: string) {
  minute++;
  return sendAt(resident, shop, total, `${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
}
const sendAt = (resident: string, shop: { sign: string; siret: string; street: string }, total: string, time: string) =>
  sendReceipt(h, resident, fakeImage([...receiptLines({ ...shop, date: '18/06/2026', time, total }), randomUUID()]));
const LIBRAIRIE = { sign: 'LIBRAIRIE DU CHANTIER', siret: '904 123 874 00029', street: '4 rue Haute' };
const FROMAGERIE = { sign: 'FROMAGERIE DU MARCHE', siret: '528 763 410 00040', street: '27 avenue des Tilleuls' };
const EPICERIE = { sign: 'EPICERIE DE LA GARE', siret: '732 829 320 00074', street: '2 place de la Gare' };
const wallet = async (sub: string) => (await getWallet(ctx, who(sub))).balanceCents;

describe('a welcome bonus paid by the shop', () => {
  it('cannot start before the shop has deposited its budget', async () => {
    await expect(activateCampaign(ctx, welcome)).rejects.toMatchObject({ code: 'MERCHANT_FUNDS_INSUFFICIENT' });
    expect(await depositMerchantFunds(ctx, staff, fromagerie, { amountCents: 6_000, reference: 'titre-2026-118' })).toMatchObject({ outcome: 'DEPOSITED', availableCents: 6_000 });
    expect(await depositMerchantFunds(ctx, staff, fromagerie, { amountCents: 6_000, reference: 'titre-2026-118' })).toMatchObject({ outcome: 'ALREADY_DONE', availableCents: 6_000 });
    await activateCampaign(ctx, welcome);
    expect((await ctx.ledger.getAccount(accountIds.merchantFunds(fromagerie)))?.balanceCents).toBe(1_500);
  });

  it('adds 15 EUR to the first purchase at the shop, in one credit with the city cashback', async () => {
    const first = await send('ana', FROMAGERIE, '40,00');
    expect(first.status).toBe('CREDITED');
    // 20 % of 40 EUR = 8 EUR from the city, 15 EUR from the shop.
    expect(first.cashbackCents).toBe(2_300);
    expect(first.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 800], [welcome, 1_500]]);
    expect(first.decision!.trace!.find((t) => t.rule === 'choice')!.detail).toContain('cumulée avec Bienvenue à la Fromagerie');
    expect(await wallet('ana')).toBe(2_300);
  });

  it('pays no second bonus to the same resident, and counts purchases toward 50 EUR a month', async () => {
    const second = await send('ana', FROMAGERIE, '30,00');
    // 40 EUR already counted this month: 20 % of the 10 EUR left under 50 EUR.
    expect(second.status).toBe('CREDITED');
    expect(second.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 200]]);
    expect(second.decision!.trace!.find((t) => t.campaignId === welcome && t.rule === 'first-purchase')).toMatchObject({ verdict: 'FAIL' });
    const third = await send('ana', EPICERIE, '25,00');
    expect(third.status).toBe('REJECTED');
    expect(third.rejection?.code).toBe('CAP_REACHED');
    expect(await wallet('ana')).toBe(2_500);
  });

  it('stops when the shop’s budget is spent, and gives the rest back to the shop at close', async () => {
    for (const resident of ['bea', 'carl']) expect((await send(resident, FROMAGERIE, '20,00')).cashbackCents).toBe(400 + 1_500);
    // 45 EUR funded, three bonuses paid: the fourth newcomer gets the city cashback only.
    const late = await send('dora', FROMAGERIE, '20,00');
    expect(late.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 400]]);
    const stats = await campaignStats(ctx, welcome);
    expect(stats).toMatchObject({ budgetCents: 4_500, creditedCents: 4_500, remainingCents: 0, receipts: { credited: 3 } });
  });

  it('never pays more than the purchase: the bonus is cut to what is left of it', async () => {
    const { campaignId } = await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue Épicerie', budgetCents: 1_500, ...WINDOW, merchantId: epicerie, bonusCents: 1_500 });
    await depositMerchantFunds(ctx, staff, epicerie, { amountCents: 1_500, reference: 'titre-2026-131' });
    await activateCampaign(ctx, campaignId);
    const small = await send('otto', EPICERIE, '10,00');
    // 20 % of 10 EUR = 2 EUR, then the bonus is limited to the 8 EUR left of the purchase.
    expect(small.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 200], [campaignId, 800]]);
    await closeCampaign(ctx, staff, campaignId);
    expect((await ctx.ledger.getAccount(accountIds.merchantFunds(epicerie)))?.balanceCents).toBe(700);
  });

  it('reverses every credit of a receipt together', async () => {
    const r = await send('emil', FROMAGERIE, '20,00');
    expect(r.cashbackCents).toBe(400);
    await depositMerchantFunds(ctx, staff, fromagerie, { amountCents: 1_500, reference: 'titre-2026-140' });
    const { campaignId: second } = await createCampaign(ctx, { kind: 'WELCOME_BONUS', name: 'Bienvenue (suite)', budgetCents: 3_000, ...WINDOW, merchantId: fromagerie, bonusCents: 1_500 });
    await activateCampaign(ctx, second);
    // emil already bought there: no welcome bonus for him; fanny is new.
    expect((await send('emil', FROMAGERIE, '5,00')).credits?.map((c) => c.campaignId)).toEqual([general]);
    const fanny = await send('fanny', FROMAGERIE, '20,00');
    expect(fanny.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 400], [second, 1_500]]);
    const out = await reverseReceipt(ctx, staff, fanny.receiptId, { reason: 'Ticket photographié sur un écran' });
    expect(out).toMatchObject({ status: 'REJECTED', reversedCents: 1_900 });
    expect(await wallet('fanny')).toBe(0);
    const closed = await closeCampaign(ctx, staff, second);
    expect(closed.returnedCents).toBe(3_000);
    expect((await ctx.ledger.getAccount(accountIds.merchantFunds(fromagerie)))?.balanceCents).toBe(3_000);
  });
});

describe('the road-works zone beside the general campaign', () => {
  it('pays 30 % in the zone, by hand: 30 % of 40 EUR = 12 EUR', async () => {
    const r = await send('gus', LIBRAIRIE, '40,00');
    expect(r.credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[works, 1_200]]);
    expect(r.decision!.credits![0]!.map((c) => c.campaignId)).toEqual([works, general]);
  });
});

describe('a gift allowance per household', () => {
  let gift: string;
  beforeAll(async () => {
    gift = (await createCampaign(ctx, { kind: 'GIFT_ALLOWANCE', name: 'Chèque commerce', budgetCents: 100_000, ...WINDOW, rateBps: 10_000, allowance: { amountCents: 3_000, per: 'HOUSEHOLD' }, merchants: { ids: [epicerie] } })).campaignId;
    await activateCampaign(ctx, gift);
  });

  it('is shared by the members who declared a household, and falls back to the next campaign once spent', async () => {
    const h = await createHousehold(ctx, who('hugo'));
    expect(h.joinCode).toMatch(/^[A-Z2-9]{10}$/);
    await joinHousehold(ctx, who('ines'), { joinCode: h.joinCode! });
    expect(await myHousehold(ctx, who('ines'))).toMatchObject({ householdId: h.householdId, memberCount: 2 });
    expect((await send('hugo', EPICERIE, '20,00')).credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[gift, 2_000]]);
    expect((await send('ines', EPICERIE, '15,00')).credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[gift, 1_000]]);
    // The household's 30 EUR are spent: the general campaign pays 20 % instead.
    expect((await send('ines', EPICERIE, '10,00')).credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[general, 200]]);
    // A resident on their own has their own allowance.
    expect((await send('jade', EPICERIE, '15,00')).credits?.map((c) => [c.campaignId, c.amountCents])).toEqual([[gift, 1_500]]);
  });

  it('refuses a household to a resident who used the allowance alone, a second household, and an unknown code', async () => {
    const h = await createHousehold(ctx, who('karl'));
    await expect(joinHousehold(ctx, who('jade'), { joinCode: h.joinCode! })).rejects.toMatchObject({ code: 'HOUSEHOLD_LOCKED' });
    await expect(createHousehold(ctx, who('karl'))).rejects.toMatchObject({ code: 'HOUSEHOLD_ALREADY_SET' });
    await expect(joinHousehold(ctx, who('lea'), { joinCode: 'ABCDEFGHJK' })).rejects.toBeInstanceOf(DomainError);
  });
});

describe('anti-fraud limits the city sets', () => {
  let boulangerie: string;
  const BOULANGERIE = { sign: 'BOULANGERIE DU PONT', siret: '44306184100047', street: '1 quai du Pont' };
  beforeAll(async () => {
    boulangerie = (await createMerchant(ctx, {
      name: 'Boulangerie du Pont',
      siret: '44306184100047',
      address: { street: '1 quai du Pont', postcode: '37410', city: 'Montclair-sur-Loire' },
      tags: [],
      aliases: [],
      showcase: { openingHours: 'Du mardi au samedi de 7h à 13h et de 15h30 à 19h30' },
    })).merchantId;
    ctx.policy = FraudPolicy.parse({ maxReceiptsPerShopPerDay: 3, openingHoursToleranceMinutes: 10 });
  });
  afterAll(() => {
    delete ctx.policy;
  });

  it('holds a purchase made while the shop is closed, and pays one made while it is open', async () => {
    // 2026-06-18 is a Thursday: open 7:00-13:00 and 15:30-19:30, with 10 minutes of slack.
    expect((await sendAt('paul', BOULANGERIE, '8,40', '12:05')).status).toBe('CREDITED');
    const closed = await sendAt('paul', BOULANGERIE, '6,10', '14:20');
    expect(closed.status).toBe('IN_REVIEW');
    expect(closed.review?.reasons.join(' ')).toMatch(/Achat à 14:20 le 2026-06-18, en dehors des horaires du commerce \(du mardi au samedi 7h00-13h00 et 15h30-19h30/);
    expect(closed.review?.candidates[0]?.merchantId).toBe(boulangerie);
    expect((await sendAt('quentin', BOULANGERIE, '3,20', '19:38')).status).toBe('CREDITED');
  });

  it('holds receipts past the city’s daily limit for one shop, all residents together', async () => {
    const r = await sendAt('rose', BOULANGERIE, '4,50', '17:00');
    // The fourth receipt of that shop and day (the one held for its hours counts too).
    expect(r.status).toBe('IN_REVIEW');
    expect(r.review?.reasons.join(' ')).toMatch(/4 tickets du 2026-06-18 pour ce commerce, tous résidents confondus \(limite 3\)/);
  });
});

describe('afterwards', () => {
  it('leaves a reconciled ledger', async () => {
    const report = await reconcileLedger(ctx);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
