/**
 * A synthetic French territory for tests and benchmarks: shops with real-looking names and
 * addresses (look-alikes on the same street, chains in several towns), the SIRENE rows that
 * describe them, and receipts read from them with OCR-style noise, each labelled with the shop
 * that issued it (or none: a shop that does not take part). Deterministic for a seed.
 */
import type { ShopClues } from '../domain/matching';
import { sirenOf } from '../domain/siret';
import type { Merchant } from '../domain/merchant';
import { makeSiret, vatNumberOf } from '../receipts/identifiers';

export type Random = () => number;

/** mulberry32: a small seeded PRNG. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export const SURNAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel',
  'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Dupond', 'Lambert',
  'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand', 'Dufour',
  'Blanchard', 'Marie', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland',
  'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Philippe', 'Leclercq', 'Lacroix', 'Fabre',
  'Dupuis', 'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Louis', 'Charles', 'Guillot', 'Rivière', 'Le Gall', 'Guillaume', 'Adam', 'Rey', 'Moulin',
  'Gonzalez', 'Berger', 'Lecomte', 'Menard', 'Fleury', 'Deschamps', 'Carpentier', 'Julien', 'Benoit', 'Paris', 'Maillard', 'Marchal', 'Aubry',
  'Vasseur', 'Le Roux', 'Renault', 'Jacquet', 'Collet', 'Prévost', 'Poirier', 'Charpentier', 'Royer', 'Huet', 'Baron', 'Dupuy', 'Pons', 'Paul',
  'Laine', 'Carré', 'Breton', 'Rémy', 'Schneider', 'Perrot', 'Guyot', 'Barre', 'Marty', 'Cousin', 'Vergne', 'Tessier', 'Besnard', 'Chauvin',
];
export const FIRST_NAMES = [
  'Élise', 'Marie', 'Julien', 'Camille', 'Louis', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Nathan', 'Inès', 'Théo', 'Jade', 'Paul', 'Zoé',
  'Antoine', 'Clara', 'Maxime', 'Sarah', 'Arthur', 'Emma', 'Gabriel', 'Alice', 'Jules', 'Lina', 'Raphaël', 'Louise', 'Adam', 'Anna', 'Victor',
  'Rose', 'Martin', 'Juliette', 'Simon', 'Margaux', 'Baptiste', 'Pauline', 'Étienne', 'Hélène', 'Mathilde', 'Benoît', 'Sophie', 'Yves', 'Agnès',
  'René', 'Odile', 'Gaëlle', 'Noémie', 'Jérôme', 'Céline', 'Amandine', 'François', 'Thérèse', 'Josiane', 'Gilles', 'Nadia', 'Karim', 'Mehdi', 'Sofia',
];
const PLACES = ['du Centre', 'de la Gare', 'du Marché', 'de la Place', 'des Halles', "de l'Église", 'du Château', 'du Pont', 'de la Mairie', 'du Port', 'des Arcades', 'du Mail', 'de la Loire', 'du Vieux Tours', 'des Tilleuls', 'du Parc'];
const ADJ_NOUNS = [
  'Le Petit Comptoir', 'Le Bon Pain', 'La Belle Époque', 'Le Grenier à Pain', 'La Fine Bouche', 'Le Panier Gourmand', "L'Épi d'Or", 'Le Moulin Vert',
  'La Table Ronde', 'Le Coin Lecture', 'La Boîte à Fromages', "L'Arbre à Livres", 'Le Jardin Secret', 'La Petite Cave', 'Les Délices du Palais', 'Le Chat Noir',
  'La Cour des Miracles', 'Le Comptoir des Saveurs', 'Les Saveurs d’Antan', 'La Ruche Gourmande', "L'Atelier Gourmand", 'Le Fournil Doré', 'Les Trois Épis',
  "L'Oiseau Bleu", 'Le Sablier', 'La Clé des Champs', 'Le Bouchon Lyonnais', 'La Tour de Babel', 'Le Temps des Cerises', 'Le Pain Quotidien du Coin',
];
/** Trades: the word on the sign, the category, the NAF code. */
export const TRADES: Array<{ word: string; category: string; naf: string }> = [
  { word: 'Boulangerie', category: 'Boulangerie', naf: '10.71C' },
  { word: 'Pâtisserie', category: 'Pâtisserie', naf: '10.71D' },
  { word: 'Boucherie', category: 'Boucherie', naf: '47.22Z' },
  { word: 'Charcuterie', category: 'Charcuterie', naf: '10.13B' },
  { word: 'Fromagerie', category: 'Fromagerie', naf: '47.29Z' },
  { word: 'Poissonnerie', category: 'Poissonnerie', naf: '47.23Z' },
  { word: 'Cave', category: 'Caviste', naf: '47.25Z' },
  { word: 'Épicerie', category: 'Épicerie', naf: '47.29Z' },
  { word: 'Primeurs', category: 'Primeur', naf: '47.21Z' },
  { word: 'Librairie', category: 'Librairie', naf: '47.61Z' },
  { word: 'Pharmacie', category: 'Pharmacie', naf: '47.73Z' },
  { word: 'Optique', category: 'Optique', naf: '47.78A' },
  { word: 'Coiffure', category: 'Coiffure', naf: '96.02A' },
  { word: 'Fleurs', category: 'Fleuriste', naf: '47.76Z' },
  { word: 'Café', category: 'Café, bar', naf: '56.30Z' },
  { word: 'Restaurant', category: 'Restaurant', naf: '56.10A' },
  { word: 'Crêperie', category: 'Restaurant', naf: '56.10A' },
  { word: 'Bijouterie', category: 'Bijouterie', naf: '47.77Z' },
  { word: 'Chaussures', category: 'Chaussures', naf: '47.72A' },
  { word: 'Quincaillerie', category: 'Quincaillerie', naf: '47.52A' },
  { word: 'Chocolaterie', category: 'Chocolaterie, confiserie', naf: '47.24Z' },
  { word: 'Tabac Presse', category: 'Tabac', naf: '47.26Z' },
];
const CHAINS = ['Carrefour City', 'Franprix', 'Nicolas', 'Optic 2000', 'Jeff de Bruges', 'Marie Blachère', 'La Mie Câline', 'Biocoop', 'Picard', 'Afflelou', 'Ange', 'Le Fournil de Pierre'];
const STREET_NAMES = [
  'de la République', 'Nationale', 'Victor Hugo', 'Jean Jaurès', 'du Commerce', 'de la Gare', 'Pasteur', 'Gambetta', 'des Écoles', 'du Marché', 'Carnot',
  'Jules Ferry', 'Émile Zola', 'de Paris', 'du Général de Gaulle', 'Foch', 'de la Mairie', "de l'Église", 'Voltaire', 'Alsace-Lorraine', 'des Halles',
  'Paul Bert', 'Nationale', 'Colbert', 'Bretonneau', 'Marceau', 'Néricault-Destouches', 'Grammont', 'des Tanneurs', 'du Grand Marché', 'Lamartine',
  'de Verdun', 'de la Liberté', 'des Tilleuls', 'Saint-Martin', 'Saint-Éloi', 'des Acacias', 'du Moulin', 'de la Fontaine', 'Henri IV', 'Anatole France',
  'Georges Clemenceau', 'du 8 Mai 1945', 'du 11 Novembre', 'Aristide Briand', 'Maréchal Leclerc', 'des Lilas', 'des Peupliers', 'du Château', 'de Bordeaux',
];
const STREET_TYPES = ['rue', 'rue', 'rue', 'rue', 'avenue', 'boulevard', 'place', 'quai', 'allée', 'chemin', 'impasse', 'cours', 'route', 'faubourg'];
const SIRENE_TYPE: Record<string, string> = { rue: 'RUE', avenue: 'AV', boulevard: 'BD', place: 'PL', quai: 'QUAI', allée: 'ALL', chemin: 'CHE', impasse: 'IMP', cours: 'CRS', route: 'RTE', faubourg: 'FG' };
const TOWNS = [
  'Tours', 'Joué-lès-Tours', 'Saint-Cyr-sur-Loire', 'Saint-Pierre-des-Corps', 'Saint-Avertin', 'Chambray-lès-Tours', 'La Riche', 'Fondettes', 'Montlouis-sur-Loire',
  'Amboise', 'Chinon', 'Loches', 'Bourgueil', 'Langeais', 'Vouvray', 'Ballan-Miré', 'Montbazon', 'Luynes', 'Château-Renault', 'Bléré', 'Montclair-sur-Loire',
  'Azay-le-Rideau', "L'Île-Bouchard", 'Richelieu', 'Sainte-Maure-de-Touraine', 'Descartes', 'Ligueil', 'Neuillé-Pont-Pierre', 'Vernou-sur-Brenne', 'Esvres',
];

export interface SyntheticShop {
  merchant: Merchant;
  /** Not in the directory: its receipts must not be matched (a look-alike, another town's branch). */
  participating: boolean;
  street: { number: number; indice?: 'B' | 'T'; type: string; name: string };
  trade: (typeof TRADES)[number];
  chain?: string;
  vat: string;
}

export interface Territory {
  shops: SyntheticShop[];
  /** What the directory holds (participating shops, a few suspended). */
  directory: Merchant[];
}

function stripAccents(s: string) {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * `size` directory shops in ~`size / 800` postcodes, plus ~15 % non-participating shops next to
 * them (many of them look-alikes of participating ones), 2 % of the directory suspended.
 */
export function generateTerritory(size: number, seed = 42): Territory {
  const r = seeded(seed);
  const postcodeCount = Math.max(3, Math.round(size / 800));
  const postcodes = Array.from({ length: postcodeCount }, (_, i) => {
    const town = TOWNS[i % TOWNS.length]!;
    const pc = `37${String(100 + i * 7 + Math.floor(i / TOWNS.length)).padStart(3, '0')}`;
    return { pc, town: i < TOWNS.length ? town : `${town} ${Math.floor(i / TOWNS.length) + 1}` };
  });
  const usedSirets = new Set<string>();
  let sirenCounter = 0;
  const newSiren = () => {
    sirenCounter++;
    // 8-digit stems spread over the range, Luhn digit added by makeSiret.
    return String((sirenCounter * 7919 + 30_000_000) % 100_000_000).padStart(8, '0');
  };
  const shops: SyntheticShop[] = [];
  const chainSirens = new Map<string, string>();
  let nic = 0;

  const claimName = (pc: string, name: string) => {
    // Two names that differ by an article only ("L'Atelier Simon", "L'Atelier de Simon") are one name.
    const words = stripAccents(name).toUpperCase().replace(/['’]/g, ' ').split(/\s+/).filter((w) => w && !/^(L|D|LE|LA|LES|DE|DU|DES|AU|AUX|A|ET|CHEZ)$/.test(w));
    const key = `${pc}|${words.join(' ')}`;
    if (namesInPostcode.has(key)) return false;
    namesInPostcode.add(key);
    return true;
  };

  const makeShop = (opts: { name: string; trade: (typeof TRADES)[number]; pc: { pc: string; town: string }; street: SyntheticShop['street']; sirenStem?: string; participating: boolean; aliases?: string[]; chain?: string; phone?: boolean }) => {
    let siret: string;
    do {
      nic++;
      siret = makeSiret(opts.sirenStem ?? newSiren(), String(nic % 10_000).padStart(4, '0'));
    } while (usedSirets.has(siret));
    usedSirets.add(siret);
    const id = `m${String(shops.length).padStart(6, '0')}`;
    const streetText = `${opts.street.number}${opts.street.indice === 'B' ? ' bis' : opts.street.indice === 'T' ? ' ter' : ''} ${opts.street.type} ${opts.street.name}`;
    const merchant: Merchant = {
      merchantId: id,
      name: opts.name,
      siret,
      siren: sirenOf(siret),
      address: { street: streetText, postcode: opts.pc.pc, city: opts.pc.town },
      category: opts.trade.category,
      nafCode: opts.trade.naf,
      tags: [],
      aliases: opts.aliases ?? [],
      status: 'ACTIVE',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...(opts.phone !== false && r() < 0.6
        ? { showcase: { phone: `02 47 ${String(10 + Math.floor(r() * 89))} ${String(10 + Math.floor(r() * 89))} ${String(10 + Math.floor(r() * 89))}` } }
        : {}),
    };
    const shop: SyntheticShop = { merchant, participating: opts.participating, street: opts.street, trade: opts.trade, vat: vatNumberOf(sirenOf(siret)), ...(opts.chain ? { chain: opts.chain } : {}) };
    shops.push(shop);
    return shop;
  };

  const randomStreet = (): SyntheticShop['street'] => ({
    number: 1 + Math.floor(r() * 120),
    ...(r() < 0.06 ? { indice: r() < 0.7 ? ('B' as const) : ('T' as const) } : {}),
    type: pick(r, STREET_TYPES),
    name: pick(r, STREET_NAMES),
  });

  const randomName = (trade: (typeof TRADES)[number]): { name: string; aliases: string[] } => {
    const x = r();
    const surname = pick(r, SURNAMES);
    const first = pick(r, FIRST_NAMES);
    if (x < 0.3) return { name: `${trade.word} ${surname}`, aliases: [] };
    if (x < 0.42) return { name: `${trade.word} ${pick(r, PLACES)}`, aliases: [] };
    if (x < 0.52) return { name: `Chez ${first}`, aliases: [] };
    if (x < 0.62) return { name: `Maison ${surname}`, aliases: r() < 0.5 ? [`${trade.word} ${surname}`] : [] };
    if (x < 0.72) return { name: `${pick(r, ADJ_NOUNS)}`, aliases: [] };
    if (x < 0.8) return { name: `Au ${trade.word === 'Boulangerie' ? 'Fournil' : 'Comptoir'} de ${first}`, aliases: [] };
    if (x < 0.88) return { name: `${surname} et Fils`, aliases: [] };
    if (x < 0.94) return { name: `${first} ${surname}`, aliases: [] };
    return { name: `L'Atelier de ${first}`, aliases: [] };
  };

  const namesInPostcode = new Set<string>();
  const target = size;
  let participating = 0;
  while (participating < target) {
    const pc = pick(r, postcodes);
    const trade = pick(r, TRADES);
    const roll = r();
    if (roll < 0.04) {
      // A chain: one SIREN, establishments in several towns, only some taking part.
      const chain = pick(r, CHAINS);
      let stem = chainSirens.get(chain);
      if (!stem) chainSirens.set(chain, (stem = newSiren()));
      const inDirectory = r() < 0.6;
      makeShop({ name: chain, trade, pc, street: randomStreet(), sirenStem: stem, participating: inDirectory, chain });
      if (inDirectory) participating++;
      continue;
    }
    // Names are unique within a postcode (as in real life), look-alikes apart.
    let { name, aliases } = randomName(trade);
    for (let tries = 0; !claimName(pc.pc, name) || !aliases.every((a) => claimName(pc.pc, a)); tries++) {
      ({ name, aliases } = tries < 20 ? randomName(trade) : { name: `${trade.word} ${pick(r, FIRST_NAMES)} ${pick(r, SURNAMES)}`, aliases: [] });
    }
    const street = randomStreet();
    makeShop({ name, trade, pc, street, participating: true, aliases });
    participating++;
    const twin = r();
    if (twin < 0.05 && name.startsWith(`${trade.word} `)) {
      // Same distinctive name, another trade, same street (Boulangerie Martin / Boucherie Martin).
      const other = pick(r, TRADES.filter((t) => t !== trade));
      const surname = name.slice(trade.word.length + 1);
      const inDirectory = r() < 0.5;
      if (claimName(pc.pc, `${other.word} ${surname}`)) makeShop({ name: `${other.word} ${surname}`, trade: other, pc, street: { ...street, number: street.number + 2 }, participating: inDirectory });
      else continue;
      if (inDirectory) participating++;
    } else if (twin < 0.09) {
      // A look-alike that does not take part: same trade, a near name, same street.
      const swapped = /t$/.test(name) ? name.replace(/t$/, 'd') : /d$/.test(name) ? name.replace(/d$/, 't') : `${name.split(' ')[0]} ${pick(r, SURNAMES)}`;
      const variants = [`${name} 2`, swapped, `${name.split(' ')[0]} ${pick(r, SURNAMES)}`];
      const variant = pick(r, variants);
      if (claimName(pc.pc, variant)) makeShop({ name: variant, trade, pc, street: { ...street, number: street.number + 1 + Math.floor(r() * 10) }, participating: false });
    } else if (twin < 0.11) {
      // The same name in another town (a family business with two shops), not taking part there.
      const elsewhere = pick(r, postcodes.filter((p) => p.pc !== pc.pc));
      if (claimName(elsewhere.pc, name)) makeShop({ name, trade, pc: elsewhere, street: randomStreet(), participating: false });
    }
  }
  const directory: Merchant[] = [];
  for (const s of shops) {
    if (!s.participating) continue;
    if (r() < 0.02) s.merchant.status = 'SUSPENDED';
    directory.push(s.merchant);
  }
  return { shops, directory };
}

// ------------------------------------------------------------------------------------------------
// Receipts
// ------------------------------------------------------------------------------------------------

const OCR_SWAPS: Record<string, string[]> = { O: ['0'], I: ['1', 'l', '|'], S: ['5'], B: ['8'], E: ['F', 'É'], L: ['I'], G: ['6'], Z: ['2'], M: ['N', 'RN'], N: ['M'], U: ['V'], C: ['(', 'G'], D: ['O'] };

/** OCR-style noise on upper-case text: confusions, a dropped or doubled letter, split or glued words. */
export function ocrNoise(r: Random, text: string, rate: number): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const x = r();
    // A character alone between spaces (the "2" of "Chez Gaëlle 2") is misread, not lost.
    const alone = (i === 0 || chars[i - 1] === ' ') && (i === chars.length - 1 || chars[i + 1] === ' ');
    if (x < rate && OCR_SWAPS[ch]) out += pick(r, OCR_SWAPS[ch]!);
    else if (x < rate * 1.15 && ch !== ' ' && !alone) continue;
    else if (x < rate * 1.25 && ch === ' ') continue;
    else out += ch;
  }
  return out;
}

export interface LabelledReceipt {
  clues: ShopClues;
  /** The directory shop that issued it, when it may be credited (ACTIVE and in the directory). */
  expected?: string;
  /** Where it came from, for the report. */
  kind: 'participating' | 'suspended' | 'outsider';
  /** The shop it came from (in the directory or not). */
  source: string;
}

function printedSign(r: Random, shop: SyntheticShop): string {
  const m = shop.merchant;
  let sign = pick(r, [m.name, m.name, m.name, ...(m.aliases.length > 0 ? m.aliases : [])]).toUpperCase();
  if (r() < 0.5) sign = stripAccents(sign);
  const x = r();
  if (x < 0.08) sign = `SARL ${sign}`;
  else if (x < 0.14) sign = `${sign} SAS`;
  else if (x < 0.22 && !shop.chain && !sign.startsWith(stripAccents(shop.trade.word).toUpperCase())) sign = `${stripAccents(shop.trade.word).toUpperCase()} ${sign}`;
  else if (x < 0.26) sign = `CHEZ ${sign}`;
  return sign;
}

function formatPhone(digits: string) {
  return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** A receipt read from `shop`, with what a French parser typically gets right and wrong. */
export function receiptFrom(r: Random, shop: SyntheticShop, noise = 0.04): ShopClues {
  const m = shop.merchant;
  const clues: ShopClues = {};
  // Sign: nearly always read, with OCR noise.
  if (r() < 0.97) clues.sign = ocrNoise(r, printedSign(r, shop), noise);
  // Identifiers: a SIRET that survived OCR (Luhn-checked by the parser) on ~40 %; else a SIREN or a VAT number sometimes.
  const idRoll = r();
  if (idRoll < 0.4) clues.siret = m.siret;
  else if (idRoll < 0.48) clues.siren = m.siren;
  else if (idRoll < 0.56) clues.vatNumber = shop.vat;
  // Phone: printed by most shops that have one, sometimes misread.
  const phone = m.showcase?.phone?.replace(/\D/g, '');
  if (phone && r() < 0.55) clues.phone = r() < 0.05 ? formatPhone(phone.slice(0, 8) + String((Number(phone[8]) + 1) % 10) + phone[9]) : formatPhone(phone);
  // Address.
  if (r() < 0.8) {
    const s = shop.street;
    const type = r() < 0.5 ? SIRENE_TYPE[s.type] ?? s.type.toUpperCase() : s.type.toUpperCase();
    clues.street = ocrNoise(r, `${s.number}${s.indice ? ` ${s.indice === 'B' ? 'BIS' : 'TER'}` : ''} ${type} ${stripAccents(s.name).toUpperCase()}`, noise / 2);
  }
  const pcRoll = r();
  if (pcRoll < 0.93) clues.postcode = m.address.postcode;
  else if (pcRoll < 0.95) clues.postcode = m.address.postcode.slice(0, 4) + String((Number(m.address.postcode[4]) + 3) % 10);
  if (r() < 0.9) clues.city = stripAccents(m.address.city).toUpperCase();
  return clues;
}

/** `count` receipts: ~85 % from participating shops, ~12 % from outsiders (look-alikes first), ~3 % from suspended shops. */
export function generateReceipts(territory: Territory, count: number, seed = 7, noise = 0.04): LabelledReceipt[] {
  const r = seeded(seed);
  const active = territory.shops.filter((s) => s.participating && s.merchant.status === 'ACTIVE');
  const suspended = territory.shops.filter((s) => s.participating && s.merchant.status !== 'ACTIVE');
  const outsiders = territory.shops.filter((s) => !s.participating);
  const out: LabelledReceipt[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    if (x < 0.85 || (outsiders.length === 0 && suspended.length === 0)) {
      const shop = pick(r, active);
      out.push({ clues: receiptFrom(r, shop, noise), expected: shop.merchant.merchantId, kind: 'participating', source: shop.merchant.merchantId });
    } else if (x < 0.97 && outsiders.length > 0) {
      const shop = pick(r, outsiders);
      out.push({ clues: receiptFrom(r, shop, noise), kind: 'outsider', source: shop.merchant.merchantId });
    } else if (suspended.length > 0) {
      const shop = pick(r, suspended);
      out.push({ clues: receiptFrom(r, shop, noise), kind: 'suspended', source: shop.merchant.merchantId });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// SIRENE CSV
// ------------------------------------------------------------------------------------------------

export const SIRENE_HEADER = [
  'siren', 'nic', 'siret', 'etatAdministratifEtablissement', 'enseigne1Etablissement', 'enseigne2Etablissement', 'denominationUsuelleEtablissement',
  'numeroVoieEtablissement', 'indiceRepetitionEtablissement', 'typeVoieEtablissement', 'libelleVoieEtablissement', 'codePostalEtablissement',
  'libelleCommuneEtablissement', 'activitePrincipaleEtablissement',
];

const csvCell = (v: string, delimiter: string) => (v.includes(delimiter) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);

/** The SIRENE establishment row of a shop (upper case, no accents, as INSEE publishes it). */
export function sireneRowOf(shop: SyntheticShop, opts: { closed?: boolean; delimiter?: string } = {}): string {
  const m = shop.merchant;
  const d = opts.delimiter ?? ',';
  const up = (s: string) => stripAccents(s).toUpperCase();
  const useUsuelle = m.merchantId.endsWith('7');
  const values = [
    m.siren,
    m.siret.slice(9),
    m.siret,
    opts.closed ? 'F' : 'A',
    useUsuelle ? '' : up(m.name),
    '',
    useUsuelle ? up(m.name) : '',
    String(shop.street.number),
    shop.street.indice ?? '',
    SIRENE_TYPE[shop.street.type] ?? up(shop.street.type),
    up(shop.street.name),
    m.address.postcode,
    up(m.address.city),
    m.nafCode ?? '',
  ];
  return values.map((v) => csvCell(v, d)).join(d);
}

/** A SIRENE file of `rows` establishments, streamed line by line (header first). */
export function* sireneFile(rows: number, seed = 1, delimiter = ','): Generator<string> {
  const r = seeded(seed);
  yield `${SIRENE_HEADER.join(delimiter)}\n`;
  // Generated shop by shop without keeping them: a territory of 1 shop at a time.
  let nic = 0;
  for (let i = 0; i < rows; i++) {
    nic++;
    const trade = pick(r, TRADES);
    const name = `${trade.word} ${pick(r, SURNAMES)} ${i}`;
    const siret = makeSiret(String(10_000_000 + i).padStart(8, '0'), String(nic % 10_000).padStart(4, '0'));
    const shop: SyntheticShop = {
      merchant: {
        merchantId: `g${i}`,
        name,
        siret,
        siren: sirenOf(siret),
        address: { street: '', postcode: `37${String(100 + (i % 200)).padStart(3, '0')}`, city: pick(r, TOWNS) },
        nafCode: trade.naf,
        tags: [],
        aliases: [],
        status: 'ACTIVE',
        createdAt: '',
      },
      participating: true,
      street: { number: 1 + (i % 150), type: pick(r, STREET_TYPES), name: pick(r, STREET_NAMES) },
      trade,
      vat: '',
    };
    yield `${sireneRowOf(shop, { closed: i % 50 === 49, delimiter })}\n`;
  }
}
