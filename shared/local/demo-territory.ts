import { loadConfig } from '../config';
import { createAppContext } from '../wiring/context';
import { activateCampaign, createCampaign } from '../app/admin';
import { depositMerchantFunds } from '../app/ledger';
import { createMerchant } from '../app/merchants';
import { localDate } from '../domain/dates';
import type { MerchantInput } from '../domain/merchant';

/**
 * A demo territory for a new local stack: Montclair-sur-Loire (37410), an invented town, with a
 * handful of participating shops, one active campaign for all of them and a welcome bonus paid by
 * one shop. The shops are those of the sample
 * receipts under test/fixtures/receipts, so a newcomer can upload one and watch it credited.
 */
export const DEMO_MERCHANTS: Array<Omit<MerchantInput, 'tags' | 'aliases'> & { tags?: string[]; aliases?: string[] }> = [
  { name: "Au Fournil d'Élise", siret: '81234567600017', address: { street: '12 rue de la République', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Boulangerie', tags: ['centre-ville'] },
  { name: 'Librairie Les Mots Passants', siret: '90412387400029', address: { street: '4 place du Marché aux Herbes', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Librairie', tags: ['centre-ville', 'zone-travaux'] },
  { name: 'Fromagerie Maison Vergne', siret: '52876341000040', address: { street: '27 avenue des Tilleuls', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Fromagerie', tags: ['centre-ville'] },
  { name: 'La Cave des Coteaux', siret: '88310274100013', address: { street: '3 bis quai Paul Bert', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Caviste', tags: ['bords-de-loire'] },
  { name: 'Les Primeurs du Mail', siret: '79955012400033', address: { street: '8 place de la Halle', postcode: '37410', city: 'Montclair-sur-Loire' }, category: 'Primeur', tags: ['zone-travaux'] },
];

export async function seedDemoTerritory(now = new Date()) {
  const ctx = createAppContext(loadConfig());
  const ids: string[] = [];
  for (const m of DEMO_MERCHANTS) {
    ids.push((await createMerchant(ctx, { ...m, tags: m.tags ?? [], aliases: m.aliases ?? [] })).merchantId);
  }
  const day = 86_400_000;
  const { campaignId } = await createCampaign(ctx, {
    name: 'Montclair Commerces — dotation de démonstration',
    budgetCents: 500_000,
    startsOn: localDate(new Date(now.getTime() - 365 * day)),
    endsOn: localDate(new Date(now.getTime() + 365 * day)),
    rateBps: 1_000,
    maxCashbackPerReceiptCents: 1_000,
    merchants: { all: true },
  });
  await activateCampaign(ctx, campaignId);
  // The wine shop welcomes new customers with 10 EUR of its own, deposited with the city.
  const cave = ids[DEMO_MERCHANTS.findIndex((m) => m.name === 'La Cave des Coteaux')]!;
  await depositMerchantFunds(ctx, { sub: 'demo', isAdmin: true }, cave, { amountCents: 15_000, reference: 'demo-depot-cave' });
  const welcome = await createCampaign(ctx, {
    kind: 'WELCOME_BONUS',
    name: 'Bienvenue à La Cave des Coteaux',
    budgetCents: 15_000,
    startsOn: localDate(new Date(now.getTime() - 365 * day)),
    endsOn: localDate(new Date(now.getTime() + 365 * day)),
    merchantId: cave,
    bonusCents: 1_000,
  });
  await activateCampaign(ctx, welcome.campaignId);
  return { merchants: DEMO_MERCHANTS.length, campaignId, welcomeCampaignId: welcome.campaignId };
}
