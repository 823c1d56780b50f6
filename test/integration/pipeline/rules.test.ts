import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../shared/app/context';
import { activateCampaign, createCampaign, setCampaignPaused, updateDraftCampaign } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { reconcileLedger } from '../../../shared/app/reconcile';
import type { CampaignInput } from '../../../shared/domain/campaign';
import { startTestTable } from '../../support/dynamo';
import { pipelineHarness, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * A city's dispositifs side by side (a general campaign and a richer one in a road-works zone),
 * the anti-fraud checks that hold receipts for staff, and campaigns paused or edited as drafts.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let h: PipelineHarness;
let general: string;
let works: string;

const ZONE = { type: 'Polygon' as const, coordinates: [[[0.7, 47.3], [0.72, 47.3], [0.72, 47.32], [0.7, 47.32], [0.7, 47.3]] as [number, number][]] };
const BASE: CampaignInput = { name: 'Commerces de Montclair', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } };

beforeAll(async () => {
  db = await startTestTable();
  h = pipelineHarness(db);
  ctx = h.ctx;
  await createMerchant(ctx, {
    name: 'Librairie du Chantier',
    siret: '90412387400029',
    address: { street: '4 rue Haute', postcode: '37410', city: 'Montclair-sur-Loire' },
    coordinates: { lat: 47.31, lon: 0.71 },
    tags: [],
    aliases: [],
  });
  await createMerchant(ctx, {
    name: 'Fromagerie du Marché',
    siret: '52876341000040',
    address: { street: '27 avenue des Tilleuls', postcode: '37410', city: 'Montclair-sur-Loire' },
    coordinates: { lat: 47.4, lon: 0.71 },
    tags: [],
    aliases: [],
  });
  general = (await createCampaign(ctx, BASE)).campaignId;
  works = (await createCampaign(ctx, { ...BASE, name: 'Zone travaux rue Haute', rateBps: 3_000, merchants: { zone: ZONE } })).campaignId;
  await activateCampaign(ctx, general);
  await activateCampaign(ctx, works);
});

afterAll(async () => {
  await db?.stop();
});

const send = (resident: string, lines: string[]) => sendReceipt(h, resident, fakeImage([...lines, randomUUID()]));

const librairie = (o: { date?: string; time?: string; total: string; ticket?: string; items?: string[] }) =>
  receiptLines({ sign: 'LIBRAIRIE DU CHANTIER', siret: '904 123 874 00029', street: '4 rue Haute', date: '18/06/2026', ...o });
const fromagerie = (o: { date?: string; time?: string; total: string }) =>
  receiptLines({ sign: 'FROMAGERIE DU MARCHE', siret: '528 763 410 00040', street: '27 avenue des Tilleuls', date: '18/06/2026', ...o });

describe('a road-works campaign beside the general one', () => {
  it('pays the richer rate in the zone and the general one elsewhere, and explains the choice', async () => {
    const inZone = await send('ana', librairie({ time: '10:01', total: '20,00' }));
    expect(inZone.status).toBe('CREDITED');
    expect(inZone.decision).toMatchObject({ campaignId: works, cashbackCents: 600 });
    const rules = inZone.decision!.trace!;
    expect(rules.some((t) => t.campaignId === general && t.rule === 'cashback' && t.verdict === 'PASS')).toBe(true);
    expect(rules.find((t) => t.campaignId === works && t.rule === 'cashback')!.detail).toContain('30 %');

    const elsewhere = await send('ana', fromagerie({ time: '10:05', total: '20,00' }));
    expect(elsewhere.decision).toMatchObject({ campaignId: general, cashbackCents: 200 });
    expect(elsewhere.decision!.trace!.find((t) => t.campaignId === works && t.rule === 'merchants')).toMatchObject({ verdict: 'FAIL' });
  });
});

describe('anti-fraud', () => {
  it('rejects the same ticket number at the same shop that day, whatever the photo', async () => {
    expect((await send('ben', librairie({ time: '11:00', total: '12,00', ticket: '004711' }))).status).toBe('CREDITED');
    const again = await send('cleo', librairie({ time: '11:02', total: '12,00', ticket: '004711' }));
    expect(again.rejection?.code).toBe('DUPLICATE_RECEIPT');
    expect(again.ruleTrace?.length).toBeGreaterThan(0);
  });

  it('holds the same amount at the same shop on the same day, from one resident or from a ticket that cannot be told apart', async () => {
    expect((await send('fifi', fromagerie({ date: '16/06/2026', time: '09:10', total: '17,40' }))).status).toBe('CREDITED');
    const again = await send('fifi', fromagerie({ date: '16/06/2026', time: '18:45', total: '17,40' }));
    expect(again.status).toBe('IN_REVIEW');
    expect(again.review?.reasons.join(' ')).toMatch(/Même montant \(17.40 EUR\) le même jour dans ce commerce que le ticket .* du même résident/);
    // Another resident, same amount, with a time of their own: an ordinary purchase.
    expect((await send('gigi', fromagerie({ date: '16/06/2026', time: '11:20', total: '17,40' }))).status).toBe('CREDITED');
    // Another resident, same amount, and nothing on the ticket to tell the purchases apart.
    const blind = await send('hugo', fromagerie({ date: '16/06/2026', total: '17,40' }));
    expect(blind.status).toBe('IN_REVIEW');
    expect(blind.review?.reasons.join(' ')).toMatch(/sans heure ni numéro de ticket/);
  });

  it('holds a fourth purchase at one shop on one day for staff', async () => {
    for (const [i, time] of ['09:00', '09:30', '10:00'].entries()) {
      expect((await send('dede', fromagerie({ date: '17/06/2026', time, total: `${10 + i},00` }))).status).toBe('CREDITED');
    }
    const fourth = await send('dede', fromagerie({ date: '17/06/2026', time: '10:30', total: '13,00' }));
    expect(fourth.status).toBe('IN_REVIEW');
    expect(fourth.review?.reasons.join(' ')).toMatch(/4 achats le 2026-06-17/);
  });

  it('holds a receipt whose total was inflated above its lines', async () => {
    const r = await send('eli', librairie({ time: '15:00', total: '99,90', items: ['ATLAS DU MONDE           29,90', 'ROMAN POCHE               8,50', 'MARQUE-PAGES              1,20'] }));
    expect(r.status).toBe('IN_REVIEW');
    expect(r.review?.reasons.join(' ')).toMatch(/lignes du ticket font 39.60 EUR pour un total de 99.90 EUR/);
  });
});

describe('campaign life', () => {
  it('a paused campaign pays nothing new, and pays again once resumed', async () => {
    await setCampaignPaused(ctx, general, true);
    const paused = await send('fay', fromagerie({ time: '16:00', total: '30,00' }));
    // The only campaign still running is the road-works one, which this shop is not in.
    expect(paused.rejection?.code).toBe('MERCHANT_NOT_ELIGIBLE');
    await setCampaignPaused(ctx, general, false);
    const resumed = await send('fay', fromagerie({ time: '16:30', total: '30,00' }));
    expect(resumed).toMatchObject({ status: 'CREDITED', cashbackCents: 300 });
    await expect(setCampaignPaused(ctx, general, false)).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('a draft may be edited until it is activated', async () => {
    const { campaignId } = await createCampaign(ctx, { ...BASE, name: 'Brouillon' });
    const edited = await updateDraftCampaign(ctx, campaignId, { ...BASE, name: 'Brouillon', rateBps: 2_000 });
    expect(edited.rateBps).toBe(2_000);
    await expect(updateDraftCampaign(ctx, general, { ...BASE, rateBps: 5_000 })).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_DRAFT' });
  });

  it('leaves a reconciled ledger', async () => {
    expect((await reconcileLedger(ctx)).problems).toEqual([]);
  });
});
