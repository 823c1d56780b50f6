import { loadConfig } from '../config';
import { createAppContext } from '../adapters/wiring';
import { activateCampaign, createCampaign } from '../app/admin';
import { createMerchant } from '../app/merchants';
import { localDate } from '../domain/dates';
import type { MerchantInput } from '../domain/merchant';

/**
 * A demo territory for a new local stack: Montclair-sur-Loire (37410), an invented town, with a
 * handful of participating shops and one active campaign. The shops are those of the sample
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
  for (const m of DEMO_MERCHANTS) {
    await createMerchant(ctx, { ...m, tags: m.tags ?? [], aliases: m.aliases ?? [] });
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
  return { merchants: DEMO_MERCHANTS.length, campaignId };
}
