import type { Merchant } from './merchant';
import { isValidSiren, isValidSiret } from './siret';

/**
 * Merchant matching: which participating shop issued a receipt. Pure: no I/O, no clock.
 *
 * Precision first. A receipt credited to the wrong shop is a payment the city cannot take back
 * from the right one, so every path to an automatic match needs an identifier or a name that
 * agrees with the receipt's postcode and stands clearly above every look-alike; anything less
 * certain goes to review, and a shop that is not in the directory is not found.
 *
 *   1. SIRET (one establishment).
 *   2. SIREN, or the SIREN inside a French VAT number (one company): settled by the postcode, and
 *      by the street or phone when the company has several shops or the receipt's SIRET is not one
 *      of ours (a sister establishment, or the head office).
 *   3. Phone number, with the postcode or street agreeing and the name not contradicting.
 *   4. Sign / name / alias, fuzzy (OCR noise, accents, legal forms and trade words), with the
 *      postcode agreeing, street and phone as evidence, and a margin over the runner-up.
 *
 * `matchMerchant` scans a list; shared/merchants/index.ts does the same over an in-memory index
 * (the `MatchLookups` below) for a directory of tens of thousands of shops.
 */

/** What the match stage knows of the shop from the receipt. */
export interface ShopClues {
  siret?: string;
  siren?: string;
  /** French VAT number, FRkk + SIREN. */
  vatNumber?: string;
  phone?: string;
  sign?: string;
  street?: string;
  postcode?: string;
  city?: string;
}

export type MatchMethod = 'SIRET' | 'SIREN' | 'VAT' | 'PHONE' | 'NAME';

/** One piece of evidence behind a score: what was compared, its effect, in words for staff. */
export interface Evidence {
  signal: 'SIRET' | 'SIREN' | 'VAT' | 'PHONE' | 'NAME' | 'TRADE' | 'POSTCODE' | 'STREET' | 'MARGIN' | 'STATUS';
  effect: number;
  detail: string;
}

export interface MatchCandidate {
  merchant: Merchant;
  score: number;
}

export type MatchOutcome =
  | { kind: 'MATCHED'; merchant: Merchant; method: MatchMethod; score: number; explanation: string; evidence: Evidence[] }
  | { kind: 'REVIEW'; candidates: MatchCandidate[]; explanation: string; evidence?: Evidence[] }
  | { kind: 'NOT_FOUND'; explanation: string; suspended?: Merchant };

/**
 * Thresholds of a city (keep the defaults unless the bench says otherwise). `auto` and `review`
 * apply to the name score (0..1, after address and phone evidence); `minMargin` is how far the
 * best shop must stand above the next one for an automatic match.
 */
export interface MatchConfig {
  auto: number;
  review: number;
  minMargin: number;
  /** How many candidates a review shows staff. */
  maxCandidates: number;
}

/** Kept for callers of the first version. */
export type MatchThresholds = Pick<MatchConfig, 'auto' | 'review'>;

export const DEFAULT_MATCH_CONFIG: Readonly<MatchConfig> = Object.freeze({ auto: 0.85, review: 0.5, minMargin: 0.1, maxCandidates: 5 });
export const DEFAULT_THRESHOLDS: MatchThresholds = { auto: DEFAULT_MATCH_CONFIG.auto, review: DEFAULT_MATCH_CONFIG.review };

export function matchConfig(overrides: Partial<MatchConfig> = {}): MatchConfig {
  const c = { ...DEFAULT_MATCH_CONFIG, ...overrides };
  if (!(c.review > 0 && c.review <= c.auto && c.auto <= 1)) throw new RangeError('expected 0 < review <= auto <= 1');
  if (!(c.minMargin >= 0 && c.minMargin < 1)) throw new RangeError('expected 0 <= minMargin < 1');
  return c;
}

// ------------------------------------------------------------------------------------------------
// Text normalisation
// ------------------------------------------------------------------------------------------------

const LEGAL_FORMS = new Set([
  'SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SNC', 'SCI', 'EI', 'EIRL', 'SCOP', 'SCA', 'SELARL', 'SELAS', 'GIE', 'ETS', 'STE', 'CIE', 'EARL', 'GAEC',
  'SOCIETE', 'ETABLISSEMENTS', 'ETABLISSEMENT', 'ENTREPRISE', 'MICRO', 'AUTO-ENTREPRENEUR',
]);

/** Words that name nothing in particular. */
const STOP_WORDS = new Set(['LE', 'LA', 'LES', 'L', 'D', 'DE', 'DU', 'DES', 'AU', 'AUX', 'ET', 'A', 'EN', 'SUR', 'SOUS', 'PAR', 'POUR', 'UN', 'UNE', 'THE', 'AND', 'MON', 'MA', 'MES', 'NOS', 'VOS', 'Y']);

/** Trade words, grouped in families: two names whose trades share no family name two shops. */
const TRADE_FAMILIES: Record<string, string[]> = {
  bakery: ['BOULANGERIE', 'BOULANGER', 'BOULANGERE', 'PATISSERIE', 'PATISSIER', 'VIENNOISERIE', 'FOURNIL', 'PAIN', 'PAINS', 'BOULANGE'],
  butcher: ['BOUCHERIE', 'BOUCHER', 'CHARCUTERIE', 'CHARCUTIER', 'VOLAILLES', 'VOLAILLE', 'TRAITEUR', 'TRIPERIE'],
  cheese: ['FROMAGERIE', 'FROMAGER', 'FROMAGES', 'CREMERIE', 'CREMIER', 'LAITERIE'],
  fish: ['POISSONNERIE', 'POISSONNIER', 'MAREE', 'POISSONS', 'COQUILLAGES'],
  wine: ['CAVE', 'CAVES', 'CAVISTE', 'VINS', 'VIN', 'SPIRITUEUX', 'BIERES'],
  grocery: ['EPICERIE', 'EPICIER', 'ALIMENTATION', 'SUPERETTE', 'SUPERMARCHE', 'MARKET', 'BIO', 'VRAC'],
  greengrocer: ['PRIMEUR', 'PRIMEURS', 'FRUITS', 'LEGUMES', 'MARAICHER'],
  books: ['LIBRAIRIE', 'LIBRAIRE', 'LIVRES', 'BOUQUINERIE', 'PAPETERIE', 'PRESSE', 'BD'],
  tobacco: ['TABAC', 'TABACS', 'PRESSE', 'JOURNAUX', 'LOTO'],
  pharmacy: ['PHARMACIE', 'PARAPHARMACIE', 'HERBORISTERIE'],
  optician: ['OPTIQUE', 'OPTICIEN', 'OPTICIENS', 'LUNETTES', 'LUNETIER'],
  hair: ['COIFFURE', 'COIFFEUR', 'COIFFEUSE', 'BARBIER', 'BARBER', 'SALON'],
  beauty: ['INSTITUT', 'BEAUTE', 'ESTHETIQUE', 'ONGLERIE', 'SPA', 'PARFUMERIE', 'SALON'],
  flowers: ['FLEURS', 'FLEURISTE', 'FLEUR', 'JARDINERIE'],
  bar: ['BAR', 'CAFE', 'BRASSERIE', 'BISTROT', 'BISTRO', 'PUB', 'TAVERNE', 'ESTAMINET'],
  restaurant: ['RESTAURANT', 'RESTO', 'BRASSERIE', 'BISTROT', 'BISTRO', 'PIZZERIA', 'PIZZA', 'CREPERIE', 'TRATTORIA', 'KEBAB', 'SUSHI', 'BURGER', 'AUBERGE', 'GRILL', 'ROTISSERIE', 'SNACK', 'CANTINE', 'TRAITEUR'],
  sweets: ['CHOCOLATERIE', 'CHOCOLATIER', 'CONFISERIE', 'CONFISEUR', 'GLACIER', 'GLACES'],
  coffee: ['TORREFACTEUR', 'TORREFACTION', 'CAFE', 'THE', 'THES', 'SALON'],
  jewellery: ['BIJOUTERIE', 'BIJOUTIER', 'BIJOUX', 'HORLOGERIE', 'HORLOGER', 'JOAILLERIE', 'JOAILLIER'],
  shoes: ['CHAUSSURES', 'CORDONNERIE', 'CORDONNIER', 'MAROQUINERIE'],
  clothes: ['MODE', 'VETEMENTS', 'BOUTIQUE', 'PRET-A-PORTER', 'LINGERIE', 'MERCERIE', 'TEXTILE'],
  hardware: ['QUINCAILLERIE', 'DROGUERIE', 'BRICOLAGE', 'OUTILLAGE'],
  sport: ['SPORT', 'SPORTS', 'CYCLES', 'VELO', 'VELOS', 'SKI'],
  toys: ['JOUETS', 'JEUX', 'LUDOTHEQUE'],
  garage: ['GARAGE', 'AUTO', 'AUTOMOBILES', 'CARROSSERIE', 'PNEUS', 'MOTO'],
  home: ['DECORATION', 'DECO', 'MEUBLES', 'LITERIE', 'ELECTROMENAGER', 'CUISINE', 'ARTS'],
  pets: ['ANIMALERIE', 'TOILETTAGE'],
  photo: ['PHOTO', 'PHOTOGRAPHE', 'IMPRIMERIE', 'REPROGRAPHIE'],
  computers: ['INFORMATIQUE', 'TELEPHONIE', 'MULTIMEDIA'],
  music: ['MUSIQUE', 'DISQUES', 'INSTRUMENTS'],
};

const TRADE_OF = new Map<string, string[]>();
for (const [family, words] of Object.entries(TRADE_FAMILIES)) {
  for (const w of words) TRADE_OF.set(w, [...(TRADE_OF.get(w) ?? []), family]);
}
/** Words that are trades but also sound like shop names on their own. */
const GENERIC_WORDS = new Set([...TRADE_OF.keys(), 'CHEZ', 'MAISON', 'COMMERCE', 'MAGASIN', 'ATELIER', 'COMPTOIR', 'ARTISAN', 'ARTISANALE', 'ARTISANAL', 'TRADITION', 'TRADITIONNELLE']);

/** Trade families of NAF codes (the most common ones of local shops). */
const NAF_FAMILIES: Record<string, string[]> = {
  '10.71C': ['bakery'], '10.71D': ['bakery'], '47.24Z': ['bakery', 'sweets'], '10.13B': ['butcher'], '47.22Z': ['butcher'],
  '47.23Z': ['fish'], '47.25Z': ['wine'], '47.29Z': ['grocery', 'cheese'], '47.11B': ['grocery'], '47.11C': ['grocery'], '47.11D': ['grocery'],
  '47.21Z': ['greengrocer', 'grocery'], '47.61Z': ['books'], '47.62Z': ['books', 'tobacco'], '47.26Z': ['tobacco'], '47.73Z': ['pharmacy'],
  '47.78A': ['optician'], '96.02A': ['hair'], '96.02B': ['beauty'], '47.76Z': ['flowers'], '56.30Z': ['bar'], '56.10A': ['restaurant'],
  '56.10C': ['restaurant'], '56.21Z': ['restaurant'], '47.77Z': ['jewellery'], '47.72A': ['shoes'], '95.23Z': ['shoes'], '47.71Z': ['clothes'],
  '47.51Z': ['clothes'], '47.52A': ['hardware'], '47.52B': ['hardware'], '47.64Z': ['sport'], '47.65Z': ['toys'], '45.20A': ['garage'],
  '47.59A': ['home'], '47.59B': ['home'], '47.54Z': ['home'], '47.76A': ['pets'], '74.20Z': ['photo'], '47.41Z': ['computers'], '47.42Z': ['computers'],
  '47.63Z': ['music'], '47.75Z': ['beauty'], '10.82Z': ['sweets'], '10.52Z': ['sweets'],
};

/** Street types: SIRENE codes and what receipts print, to one canonical word. */
export const STREET_TYPES: Record<string, string> = {
  RUE: 'RUE', R: 'RUE', AV: 'AVENUE', AVE: 'AVENUE', AVENUE: 'AVENUE', BD: 'BOULEVARD', BLD: 'BOULEVARD', BVD: 'BOULEVARD', BOULEVARD: 'BOULEVARD',
  PL: 'PLACE', PLACE: 'PLACE', CHE: 'CHEMIN', CH: 'CHEMIN', CHEM: 'CHEMIN', CHEMIN: 'CHEMIN', ALL: 'ALLEE', ALLEE: 'ALLEE', ALLEES: 'ALLEES',
  IMP: 'IMPASSE', IMPASSE: 'IMPASSE', QUAI: 'QUAI', QU: 'QUAI', RTE: 'ROUTE', ROUTE: 'ROUTE', CRS: 'COURS', COURS: 'COURS', FG: 'FAUBOURG',
  FBG: 'FAUBOURG', FAUBOURG: 'FAUBOURG', SQ: 'SQUARE', SQUARE: 'SQUARE', PASS: 'PASSAGE', PAS: 'PASSAGE', PASSAGE: 'PASSAGE', PRO: 'PROMENADE',
  PROM: 'PROMENADE', PROMENADE: 'PROMENADE', ESP: 'ESPLANADE', ESPLANADE: 'ESPLANADE', CHS: 'CHAUSSEE', CHAUSSEE: 'CHAUSSEE', PRV: 'PARVIS',
  PARVIS: 'PARVIS', RPT: 'ROND-POINT', 'ROND-POINT': 'ROND-POINT', CAR: 'CARREFOUR', CARREFOUR: 'CARREFOUR', CITE: 'CITE', COR: 'CORNICHE',
  CORNICHE: 'CORNICHE', DOM: 'DOMAINE', DOMAINE: 'DOMAINE', HAM: 'HAMEAU', HAMEAU: 'HAMEAU', LD: 'LIEU-DIT', LOT: 'LOTISSEMENT',
  LOTISSEMENT: 'LOTISSEMENT', MTE: 'MONTEE', MONTEE: 'MONTEE', RES: 'RESIDENCE', RESIDENCE: 'RESIDENCE', RLE: 'RUELLE', RUELLE: 'RUELLE',
  ROC: 'ROCADE', ROCADE: 'ROCADE', SEN: 'SENTIER', SENTIER: 'SENTIER', TRA: 'TRAVERSE', TRAVERSE: 'TRAVERSE', VLA: 'VILLA', VILLA: 'VILLA',
  GR: 'GRANDE RUE', GRANDE_RUE: 'GRANDE RUE', HLE: 'HALLE', HALLE: 'HALLE', MAR: 'MARCHE', QUA: 'QUARTIER', QUARTIER: 'QUARTIER', GAL: 'GALERIE',
  GALERIE: 'GALERIE', ZA: 'ZA', ZAC: 'ZAC', ZI: 'ZI', PARC: 'PARC', VOIE: 'VOIE', MAIL: 'MAIL', PTR: 'PETITE RUE', DSC: 'DESCENTE', ECA: 'ECART',
  PLN: 'PLAINE', PLT: 'PLATEAU', TPL: 'TERRE-PLEIN', VLGE: 'VILLAGE', CHV: 'CHEMIN', PCH: 'PETIT CHEMIN', PONT: 'PONT', PORT: 'PORT',
};

/** Digits an OCR engine reads in place of letters, inside a word that has letters. */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '6': 'G', '2': 'Z', '4': 'A' };

/** Upper-case words, accents and punctuation removed, OCR digit/letter confusions inside words folded. */
export function foldWords(raw: string): string[] {
  const text = raw
    // A lower-case l or a bar amid capitals is an I misread ("ElISE", "EL|SE").
    .replace(/(?<=\p{Lu})[l|!](?=\p{Lu}|[^\p{L}]|$)/gu, 'I')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[Œ]/g, 'OE')
    .replace(/[Æ]/g, 'AE')
    .replace(/&/g, ' ET ')
    .replace(/['’`´]/g, ' ')
    .replace(/[^A-Z0-9]+/g, ' ');
  const words: string[] = [];
  for (const w of text.split(' ')) {
    if (w.length === 0) continue;
    if (w === 'DV') {
      words.push('DU'); // V for U, the commonest misreading of this word
      continue;
    }
    words.push(/[A-Z]/.test(w) && /\d/.test(w) && !/^\d+(BIS|TER|[A-Z])?$/.test(w) ? w.replace(/\d/g, (d) => DIGIT_AS_LETTER[d] ?? d) : w);
  }
  return words;
}

/** Upper-case, accents and punctuation removed, legal forms dropped, spaces folded. */
export function normaliseName(name: string): string {
  return foldWords(name)
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}

// ------------------------------------------------------------------------------------------------
// Similarity over character bigrams, as sorted integer arrays (fast to compare)
// ------------------------------------------------------------------------------------------------

export type Grams = Uint32Array;

export function gramsOf(s: string): Grams {
  if (s.length === 0) return new Uint32Array(0);
  const padded = ` ${s} `;
  const out = new Uint32Array(padded.length - 1);
  for (let i = 0; i < padded.length - 1; i++) out[i] = (padded.charCodeAt(i) << 16) | padded.charCodeAt(i + 1);
  return out.sort();
}

/** Sørensen-Dice coefficient of two sorted bigram multisets, 0..1. */
export function dice(a: Grams, b: Grams): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let overlap = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      overlap++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * overlap) / (a.length + b.length);
}

/** Sørensen-Dice similarity of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  return dice(gramsOf(a), gramsOf(b));
}

// ------------------------------------------------------------------------------------------------
// Prepared names, streets and shops
// ------------------------------------------------------------------------------------------------

export interface PreparedName {
  /** Every word but legal forms and stop words (OCR-folded: L read as I). */
  full: string;
  fullWords: string[];
  /** The distinctive words: no trade word either ("DUPONT" for "Boulangerie Dupont SARL"). */
  core: string;
  coreWords: string[];
  /** Every word, stop words included. */
  words: string[];
  /** Every word run together ("AUCOMPTOIRDEADAM"), for words an OCR glued. */
  allJoined: string;
  /** Trade and other generic words of the name (BOULANGERIE, MAISON...). */
  generic: string[];
  fullGrams: Grams;
  coreGrams: Grams;
  trades: string[];
  /** The trade families of each trade word of the name. */
  tradeWords: string[][];
}

const STOP_LONG = [...STOP_WORDS, 'CHEZ'].filter((w) => w.length >= 3);
const STOP_SKELETONS = new Set([...STOP_WORDS].map((w) => w.replace(/L/g, 'I').replace(/RN/g, 'M').replace(/V/g, 'U')));
const TRADE_SKELETONS = new Set([...TRADE_OF.keys()].flatMap((w) => [w, `${w}S`]).map((w) => w.replace(/L/g, 'I').replace(/RN/g, 'M').replace(/V/g, 'U')));
const isGeneric = (w: string) => GENERIC_WORDS.has(w) || GENERIC_WORDS.has(w.replace(/S$/, ''));
const GENERIC_SKELETONS = new Set([...GENERIC_WORDS].flatMap((w) => [w, `${w}S`]).map((w) => w.replace(/L/g, 'I').replace(/RN/g, 'M').replace(/V/g, 'U')));

/** OCR's commonest confusions, folded on both sides: L and I, RN and M, V and U. */
const skeleton = (w: string) => w.replace(/L/g, 'I').replace(/RN/g, 'M').replace(/V/g, 'U');
const LEGAL_SKELETONS = new Set([...LEGAL_FORMS].map(skeleton));
const MISREAD_LEGAL = ['SARI', 'EURI', 'SASU'];

const GENERIC_LIST = [...GENERIC_WORDS].filter((w) => w.length >= 5);
const genericCache = new Map<string, string | undefined>();

/** The generic word a misread word stands for ("BOULAMGERIE" -> BOULANGERIE), if any. */
function genericOf(w: string): string | undefined {
  if (GENERIC_WORDS.has(w)) return w;
  if (GENERIC_WORDS.has(w.replace(/S$/, ''))) return w.replace(/S$/, '');
  // Short words are left alone: MASSON is a surname, not MAISON misread; FLEURY not FLEURS.
  if (w.length < 7) return undefined;
  if (genericCache.has(w)) return genericCache.get(w);
  let found: string | undefined;
  for (const g of GENERIC_LIST) {
    if (Math.abs(g.length - w.length) > 2 || g.length < 7) continue;
    if (ocrSimilarity(skeleton(w), skeleton(g)) >= 0.8) {
      found = g;
      break;
    }
  }
  if (genericCache.size > 20_000) genericCache.clear();
  genericCache.set(w, found);
  return found;
}

export function prepareName(raw: string): PreparedName {
  const folded = foldWords(raw)
    .filter((w) => !LEGAL_FORMS.has(w) && !LEGAL_SKELETONS.has(skeleton(w)))
    .map((w) => genericOf(w) ?? w);
  // A legal form misread at either end of a sign ("SAL" for SARL, "EURI" for EURL).
  for (const end of [0, folded.length - 1]) {
    const w = folded[end];
    if (folded.length > 1 && w && w.length >= 3 && w.length <= 5 && MISREAD_LEGAL.some((l) => wordSimilarity(skeleton(w), l) >= 0.75)) folded.splice(end, 1);
  }
  const meaningful = folded.filter((w) => !STOP_WORDS.has(w));
  const fullFolded = meaningful.length > 0 ? meaningful : folded;
  let coreFolded = fullFolded.filter((w) => !isGeneric(w));
  if (coreFolded.length === 0) coreFolded = fullFolded;
  const trades = new Set<string>();
  for (const w of fullFolded) for (const f of TRADE_OF.get(w) ?? TRADE_OF.get(w.replace(/S$/, '')) ?? []) trades.add(f);
  const fullWords = fullFolded.map(skeleton);
  const coreWords = coreFolded.map(skeleton);
  const words = folded.map(skeleton);
  const full = fullWords.join(' ');
  const core = coreWords.join(' ');
  return {
    full,
    fullWords,
    core,
    coreWords,
    words,
    allJoined: words.join(''),
    generic: fullFolded.filter(isGeneric).map(skeleton),
    fullGrams: gramsOf(full),
    coreGrams: gramsOf(core),
    trades: [...trades],
    tradeWords: fullFolded.map((w) => TRADE_OF.get(w) ?? TRADE_OF.get(w.replace(/S$/, '')) ?? []).filter((f) => f.length > 0),
  };
}

export interface PreparedStreet {
  number?: string;
  /** The street without its number: canonical type and distinctive words. */
  body: string;
  bodyGrams: Grams;
  gluedGrams: Grams;
}

const NUMBER_SUFFIX: Record<string, string> = { B: 'BIS', BIS: 'BIS', T: 'TER', TER: 'TER', Q: 'QUATER', QUATER: 'QUATER', A: 'A', C: 'C' };

export function prepareStreet(raw: string): PreparedStreet | undefined {
  // Digits are kept as they are in a street (numbers), only letters are folded.
  const words = raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’]/g, ' ')
    .replace(/[^A-Z0-9-]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return undefined;
  let number: string | undefined;
  const first = /^(\d{1,4})(BIS|TER|QUATER|[ABTQC])?$/.exec(words[0]!);
  if (first) {
    words.shift();
    let suffix = first[2];
    if (!suffix && words[0] && NUMBER_SUFFIX[words[0]] && words.length > 1) suffix = words.shift();
    number = first[1]!.replace(/^0+/, '') + (suffix ? ` ${NUMBER_SUFFIX[suffix] ?? suffix}` : '');
  }
  const body = words
    .map((w, i) => (i === 0 ? (STREET_TYPES[w] ?? w) : w))
    .filter((w) => !STOP_WORDS.has(w))
    .join(' ');
  if (body.length === 0) return undefined;
  return { ...(number ? { number } : {}), body, bodyGrams: gramsOf(body), gluedGrams: gramsOf(body.replace(/ /g, '')) };
}

export interface PreparedMerchant {
  merchant: Merchant;
  /**
   * Other establishments of the same company, or shops of the same name, in the directory (set by
   * `linkSiblings`): a chain may have branches that do not take part, so its name alone, even with
   * the postcode, does not tell which branch issued a receipt.
   */
  chain: boolean;
  /** A shop of the same name in another postcode (set by `linkSiblings`): a misread postcode could name it. */
  namesakeElsewhere: boolean;
  names: PreparedName[];
  trades: Set<string>;
  street?: PreparedStreet;
  phone?: string;
  postcode: string;
  city: string;
}

export function cityKey(city: string): string {
  return foldWords(city.replace(/\bST\b/gi, 'SAINT').replace(/\bSTE\b/gi, 'SAINTE')).join(' ');
}

export function prepareMerchant(m: Merchant): PreparedMerchant {
  const rawNames = [m.name, m.sign, m.legalName, ...(m.aliases ?? [])].filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
  const seen = new Set<string>();
  const names: PreparedName[] = [];
  for (const raw of rawNames) {
    const p = prepareName(raw);
    if (p.full.length === 0 || seen.has(p.full)) continue;
    seen.add(p.full);
    names.push(p);
  }
  const trades = new Set<string>();
  for (const n of names) for (const t of n.trades) trades.add(t);
  if (m.category) for (const t of prepareName(m.category).trades) trades.add(t);
  if (m.nafCode) for (const t of NAF_FAMILIES[m.nafCode] ?? []) trades.add(t);
  const street = prepareStreet(m.address.street);
  const phone = m.showcase?.phone ? normalisePhoneDigits(m.showcase.phone) : undefined;
  return {
    merchant: m,
    chain: false,
    namesakeElsewhere: false,
    names,
    trades,
    ...(street ? { street } : {}),
    ...(phone ? { phone } : {}),
    postcode: m.address.postcode,
    city: cityKey(m.address.city),
  };
}

/** How many shops of one name in one town make it a chain's name (with two, the postcode still tells them apart). */
export const CHAIN_NAME_COUNT = 3;

/** Marks the shops of chains: a SIREN with several establishments, or a name carried by several shops. */
export function linkSiblings(shops: readonly PreparedMerchant[]): void {
  const bySiren = new Map<string, number>();
  const byName = new Map<string, number>();
  const key = (s: PreparedMerchant) => `${s.city}|${s.names[0]?.full ?? ''}`;
  for (const s of shops) {
    bySiren.set(s.merchant.siren, (bySiren.get(s.merchant.siren) ?? 0) + 1);
    byName.set(key(s), (byName.get(key(s)) ?? 0) + 1);
  }
  const postcodesOfName = new Map<string, Set<string>>();
  for (const s of shops) {
    for (const n of s.names) {
      let pcs = postcodesOfName.get(n.full);
      if (!pcs) postcodesOfName.set(n.full, (pcs = new Set()));
      pcs.add(s.postcode);
    }
  }
  for (const s of shops) {
    s.namesakeElsewhere = s.names.some((n) => (postcodesOfName.get(n.full)?.size ?? 0) > 1);
    // Several shops of one name in one town is a brand (franchises have one SIREN each).
    const brand = (byName.get(key(s)) ?? 0) >= CHAIN_NAME_COUNT;
    s.chain = (bySiren.get(s.merchant.siren) ?? 0) > 1 || brand;
  }
}

function normalisePhoneDigits(raw: string): string | undefined {
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0033')) digits = digits.slice(4);
  else if (digits.startsWith('33') && digits.length === 11) digits = digits.slice(2);
  if (digits.length === 9 && digits[0] !== '0') digits = `0${digits}`;
  return /^0[1-9]\d{8}$/.test(digits) ? digits : undefined;
}

// ------------------------------------------------------------------------------------------------
// Scores
// ------------------------------------------------------------------------------------------------

/** Levenshtein distance, with a reused buffer (names are short). */
let row = new Int32Array(64);
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Letters an OCR engine confuses (after the folds of `skeleton`): a substitution among them costs 0.3. */
const CONFUSABLE_PAIRS = ['EF', 'MN', 'CG', 'DO', 'OQ', 'CO', 'HN', 'BE', 'IJ', 'IT'];
/** Substitution costs by character codes (upper-case letters): 0.3 for confusions, 1 otherwise. */
const SUB_COST = new Float64Array(128 * 128).fill(1);
for (let c = 0; c < 128; c++) SUB_COST[c * 128 + c] = 0;
for (const [x, y] of CONFUSABLE_PAIRS.map((p) => [p.charCodeAt(0), p.charCodeAt(1)] as const)) {
  SUB_COST[x * 128 + y] = 0.3;
  SUB_COST[y * 128 + x] = 0.3;
}

/** Edit distance where OCR confusions cost 0.3 and any other edit 1. */
let prevRow = new Float64Array(64);
let curRow = new Float64Array(64);
export function ocrDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return Math.max(m, n);
  if (prevRow.length <= n) {
    prevRow = new Float64Array(n * 2 + 1);
    curRow = new Float64Array(n * 2 + 1);
  }
  const prev = prevRow;
  const cur = curRow;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1) & 127;
    for (let j = 1; j <= n; j++) {
      const sub = SUB_COST[ca * 128 + (b.charCodeAt(j - 1) & 127)]!;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const rep = prev[j - 1]! + sub;
      cur[j] = del < ins ? (del < rep ? del : rep) : ins < rep ? ins : rep;
    }
    for (let j = 0; j <= n; j++) prev[j] = cur[j]!;
  }
  return prev[n]!;
}

/** A distinctive word read right, OCR confusions apart (at most two of them), or glued to its neighbour. */
function readRight(word: string, other: PreparedName): boolean {
  // Glued words do not count: "CAFE DUPONT" is not "Café du Pont".
  for (const w of other.words) if (w === word || (w.length === word.length && ocrDistance(word, w) <= 0.61)) return true;
  return false;
}

/**
 * Whether the distinctive words of the shop's name are all on the receipt, and every word of the
 * receipt's sign is the shop's or a generic word: only OCR confusions are forgiven in them, since
 * one letter more or less is how look-alike shops differ ("Maison David" / "Maison Davit").
 */
export function distinctiveWordsAgree(read: PreparedName, known: PreparedName): boolean {
  for (const k of known.coreWords) {
    if (k.length < 2 && !/^\d+$/.test(k)) continue;
    if (!readRight(k, read)) return false;
  }
  for (const r of read.fullWords) {
    if (r.length < 2 && !/^\d+$/.test(r)) continue;
    if (readRight(r, known)) continue;
    // Close to a generic word of the name (a typo in BOULANGERIE), or a misread small word ("CEZ" for CHEZ).
    if (known.fullWords.some((k) => !known.coreWords.includes(k) && wordSimilarity(r, k) >= 0.75)) continue;
    if (r.length >= 3 && STOP_LONG.some((w) => wordSimilarity(r, w) >= 0.75)) continue;
    // A trade printed before a name that has none ("BOULANGERIE CHEZ DUPONT" for "Chez Dupont"); the
    // trade is checked against the shop's own elsewhere. Not a word that makes a name (MAISON, ATELIER...).
    if (known.generic.length === 0 && (TRADE_SKELETONS.has(r) || r === 'CHEZ')) continue;
    return false;
  }
  return true;
}

/** 1 - edits / length of the longer word. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) / n > 0.5) return 0;
  return 1 - editDistance(a, b) / n;
}

/** A word is found in the other name when it is there with at most one typo per 4 letters, or glued to another word. */
function wordFound(word: string, other: PreparedName): boolean {
  const digits = /^\d+$/.test(word);
  // Short words are noise, unless they are numbers ("Le Comptoir 2" is another shop).
  if (word.length <= 1 && !digits) return true;
  for (const w of other.words) {
    if (w === word || (!digits && wordSimilarity(word, w) >= 0.75)) return true;
  }
  return !digits && word.length >= 3 && other.allJoined.includes(word);
}

/** The share of the distinctive letters of both names that the other name accounts for, 0..1. */
function coverage(a: PreparedName, b: PreparedName): number {
  let covered = 0;
  let total = 0;
  for (const w of a.coreWords) {
    total += w.length;
    if (wordFound(w, b)) covered += w.length;
  }
  for (const w of b.coreWords) {
    total += w.length;
    if (wordFound(w, a)) covered += w.length;
  }
  return total === 0 ? 1 : covered / total;
}

/** 1 - OCR-weighted edits / length of the longer word (0 when the lengths differ too much). */
export function ocrSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) / n > 0.5) return 0;
  return Math.max(0, 1 - ocrDistance(a, b) / n);
}

/**
 * Word by word: each word's best OCR-aware similarity in the other name, both ways, weighted by its
 * length, generic words (trades) at half weight: a typo in BOULANGERIE matters less than in the name.
 */
function alignment(a: PreparedName, b: PreparedName): number {
  let sum = 0;
  let total = 0;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const w of x.fullWords) {
      let best = 0;
      for (const v of y.fullWords) {
        const s = ocrSimilarity(w, v);
        if (s > best) best = s;
        if (best === 1) break;
      }
      if (best < 1 && w.length >= 3 && y.allJoined.includes(w)) best = 0.95;
      const weight = GENERIC_SKELETONS.has(w) ? w.length / 2 : w.length;
      sum += best * weight;
      total += weight;
    }
  }
  return total === 0 ? 0 : sum / total;
}

/** A cheap first look (bigrams only), to choose which shops deserve a full comparison. */
export function quickNameScore(read: PreparedName, known: PreparedName): number {
  if (read.full === known.full) return 1;
  const full = dice(read.fullGrams, known.fullGrams);
  const core = read.core.length >= 3 && known.core.length >= 3 ? dice(read.coreGrams, known.coreGrams) : 0;
  return Math.max(full, core);
}

/** How well a name read on a receipt names a known name, 0..1. */
export function compareNames(read: PreparedName, known: PreparedName): number {
  if (read.full.length === 0 || known.full.length === 0) return 0;
  if (read.allJoined === known.allJoined) return 1;
  const full = dice(read.fullGrams, known.fullGrams);
  let core = 0;
  if (read.core.length >= 3 && known.core.length >= 3) {
    core = read.core === known.core ? 1 : dice(read.coreGrams, known.coreGrams);
    // The distinctive words printed among other words ("BOULANGERIE CHEZ DUPONT" for "Dupont").
    if (core < 1 && known.core.length >= 4 && containsWords(read.full, known.coreWords) && read.coreWords.every((w) => wordFound(w, known))) core = Math.max(core, 0.97);
    core *= 0.97;
  }
  let score = Math.max(full, core, 0.95 * alignment(read, known));
  // Every distinctive word on either side must be found on the other: "THORENAUD" is not "RENAUD".
  score *= 0.6 + 0.4 * coverage(read, known);
  // "CHEZ" printed before a whole name ("CHEZ CHAUSSURES PERROT") is a way of printing it.
  const readGeneric =
    read.fullWords[0] === 'CHEZ' && read.fullWords.length >= 3 && !known.generic.includes('CHEZ') ? read.generic.filter((g, i) => i > 0 || g !== 'CHEZ') : read.generic;
  if (readGeneric.length > 0 && known.generic.length > 0) {
    // Both names carry generic words, not the same ones: "MAISON ROYER" is not "Poissonnerie Royer",
    // "BOUCHERIE MARTY" is rather not "Charcuterie Marty".
    if (!readGeneric.some((g) => known.generic.includes(g))) score *= read.trades.some((t) => known.trades.includes(t)) ? 0.85 : 0.8;
    // Some of them only: "TABAC ROLLAND" may be another shop than "Tabac Presse Rolland", "COIFFURE
    // CHEZ VERGNE" than "Coiffure Vergne".
    else if (!known.generic.every((g) => readGeneric.includes(g)) || !readGeneric.every((g) => known.generic.includes(g))) score *= 0.85;
  } else if (known.generic.length > 0 && readGeneric.length === 0 && read.core !== known.full) {
    // A bare name ("PICARD") for a shop named with its trade ("Coiffure Picard"): maybe another Picard.
    score *= 0.82;
  }
  // A small word in the middle of the sign that the shop's name lacks: "MAISON LE ROUX" is not "Maison Roux".
  let extra = 0;
  for (let i = 1; i < read.words.length; i++) {
    const w = read.words[i]!;
    if (STOP_SKELETONS.has(w) && w !== 'ET' && !known.words.includes(w)) extra++;
  }
  // ("BOULANGERIE CHEZ DUPONT" may still be "Dupont": a name without trade words is printed with them.)
  if (extra > 0) score *= known.generic.length > 0 ? Math.max(0.7, 1 - 0.2 * extra) : Math.max(0.8, 1 - 0.05 * extra);
  return score;
}

function containsWords(haystack: string, words: string[]): boolean {
  const padded = ` ${haystack} `;
  return words.every((w) => padded.includes(` ${w} `));
}

/** The best similarity between a sign read on a receipt and a shop's names (kept for callers). */
export function nameScore(sign: string, merchant: Merchant): number {
  return scoreName(prepareName(sign), prepareMerchant(merchant)).score;
}

function scoreName(read: PreparedName, shop: PreparedMerchant): { score: number; name: PreparedName | undefined; tradeClash: boolean } {
  let best = 0;
  let bestName: PreparedName | undefined;
  for (const n of shop.names) {
    const s = compareNames(read, n);
    if (s > best) {
      best = s;
      bestName = n;
    }
  }
  // Every trade word of the sign must fit the shop ("TABAC PRESSE" is not a bookshop, even if PRESSE could be).
  const tradeClash = shop.trades.size > 0 && read.tradeWords.some((families) => !families.some((t) => shop.trades.has(t)));
  return { score: tradeClash ? best * 0.75 : best, name: bestName, tradeClash };
}

function quickShopScore(read: PreparedName, shop: PreparedMerchant): number {
  let best = 0;
  for (const n of shop.names) {
    const s = quickNameScore(read, n);
    if (s > best) best = s;
  }
  return best;
}

type Agreement = 'SAME' | 'OTHER_NUMBER' | 'OTHER_STREET' | 'UNKNOWN';

/** Whether `a` is `b` with digits dropped ("5" for 15, "10" for 105): an OCR slip, not another number. */
function digitsDropped(a: string, b: string): boolean {
  const da = a.replace(/\D/g, '');
  const db = b.replace(/\D/g, '');
  if (da.length >= db.length) return false;
  let j = 0;
  for (let i = 0; i < db.length && j < da.length; i++) if (db[i] === da[j]) j++;
  return j === da.length;
}

/** The same street (its number apart). */
function streetBodyAgrees(read: PreparedStreet | undefined, known: PreparedStreet | undefined): boolean {
  if (!read || !known) return false;
  return read.body === known.body || Math.max(dice(read.bodyGrams, known.bodyGrams), dice(read.gluedGrams, known.gluedGrams)) >= 0.8;
}

function compareStreets(read: PreparedStreet | undefined, known: PreparedStreet | undefined): Agreement {
  if (!read || !known) return 'UNKNOWN';
  // Spaces apart too: an OCR glues words ("AVENUEMARCEAU").
  const s = read.body === known.body ? 1 : Math.max(dice(read.bodyGrams, known.bodyGrams), dice(read.gluedGrams, known.gluedGrams));
  if (s < 0.55) return 'OTHER_STREET';
  if (s < 0.8) return 'UNKNOWN';
  if (read.number && known.number) {
    if (read.number === known.number) return 'SAME';
    return digitsDropped(read.number, known.number) ? 'UNKNOWN' : 'OTHER_NUMBER';
  }
  return 'UNKNOWN';
}

// ------------------------------------------------------------------------------------------------
// Decision
// ------------------------------------------------------------------------------------------------

/** What the matcher needs from a directory; a linear scan or the in-memory index provide it. */
export interface MatchLookups {
  bySiret(siret: string): PreparedMerchant | undefined;
  bySiren(siren: string): readonly PreparedMerchant[];
  byPhone(phone: string): readonly PreparedMerchant[];
  /** Shops whose names may be close to `read`, within the postcode when one is given (a superset is fine). */
  nameCandidates(read: PreparedName, postcode: string | undefined, city: string | undefined): Iterable<PreparedMerchant>;
}

interface ReadClues {
  siret?: string;
  /** SIREN read alone, or in the SIRET, or in the VAT number. */
  siren?: string;
  sirenSource?: 'SIRET' | 'SIREN' | 'VAT';
  phone?: string;
  sign?: PreparedName;
  signRaw?: string;
  street?: PreparedStreet;
  postcode?: string;
  city?: string;
}

function readClues(c: ShopClues): ReadClues {
  const out: ReadClues = {};
  const siret = c.siret?.replace(/[\s.]/g, '');
  if (siret && isValidSiret(siret)) out.siret = siret;
  const siren = c.siren?.replace(/[\s.]/g, '');
  const vat = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec((c.vatNumber ?? '').replace(/[\s.]/g, '').toUpperCase());
  if (out.siret) {
    out.siren = out.siret.slice(0, 9);
    out.sirenSource = 'SIRET';
  } else if (siren && isValidSiren(siren)) {
    out.siren = siren;
    out.sirenSource = 'SIREN';
  } else if (vat && isValidSiren(vat[2]!) && vatKeyAgrees(vat[1]!, vat[2]!)) {
    out.siren = vat[2]!;
    out.sirenSource = 'VAT';
  }
  const phone = c.phone ? normalisePhoneDigits(c.phone) : undefined;
  if (phone) out.phone = phone;
  if (c.sign && c.sign.trim().length > 0) {
    const p = prepareName(c.sign);
    if (p.full.replace(/ /g, '').length >= 3) {
      out.sign = p;
      out.signRaw = c.sign.trim();
    }
  }
  const street = c.street ? prepareStreet(c.street) : undefined;
  if (street) out.street = street;
  if (c.postcode && /^\d{5}$/.test(c.postcode)) out.postcode = c.postcode;
  if (c.city && c.city.trim().length > 0) out.city = cityKey(c.city);
  return out;
}

function vatKeyAgrees(key: string, siren: string): boolean {
  if (!/^\d{2}$/.test(key)) return true; // alphanumeric keys cannot be verified
  return String((12 + 3 * Number(BigInt(siren) % 97n)) % 97).padStart(2, '0') === key;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function explain(evidence: Evidence[]): string {
  return evidence.map((e) => e.detail).join(' ; ');
}

function matched(shop: PreparedMerchant, method: MatchMethod, score: number, evidence: Evidence[]): MatchOutcome {
  if (shop.merchant.status !== 'ACTIVE') {
    return {
      kind: 'NOT_FOUND',
      suspended: shop.merchant,
      explanation: `${explain(evidence)} ; commerce « ${shop.merchant.name} » suspendu du dispositif`,
    };
  }
  return { kind: 'MATCHED', merchant: shop.merchant, method, score: round2(score), explanation: explain(evidence), evidence };
}

function review(candidates: Array<{ shop: PreparedMerchant; score: number }>, explanation: string, config: MatchConfig, evidence?: Evidence[]): MatchOutcome {
  const seen = new Set<string>();
  const list: MatchCandidate[] = [];
  for (const c of candidates.sort((a, b) => b.score - a.score)) {
    if (c.shop.merchant.status !== 'ACTIVE' || seen.has(c.shop.merchant.merchantId)) continue;
    seen.add(c.shop.merchant.merchantId);
    list.push({ merchant: c.shop.merchant, score: round2(c.score) });
    if (list.length >= config.maxCandidates) break;
  }
  if (list.length === 0) return { kind: 'NOT_FOUND', explanation };
  return { kind: 'REVIEW', candidates: list, explanation, ...(evidence ? { evidence } : {}) };
}

/** Street and phone evidence for one shop. */
function addressEvidence(
  clues: ReadClues,
  shop: PreparedMerchant,
  lookups: MatchLookups,
): { effect: number; evidence: Evidence[]; street: Agreement; streetSame: boolean; phoneSame: boolean; phoneOther: boolean; phoneOwned: boolean } {
  const evidence: Evidence[] = [];
  let effect = 0;
  const street = compareStreets(clues.street, shop.street);
  if (street === 'SAME') {
    effect += 0.08;
    evidence.push({ signal: 'STREET', effect: 0.08, detail: `même adresse (${shop.merchant.address.street})` });
  } else if (street === 'OTHER_NUMBER') {
    effect -= 0.2;
    evidence.push({ signal: 'STREET', effect: -0.2, detail: `autre numéro de la même rue (${shop.merchant.address.street})` });
  } else if (street === 'OTHER_STREET') {
    effect -= 0.1;
    evidence.push({ signal: 'STREET', effect: -0.1, detail: `autre rue (${shop.merchant.address.street})` });
  }
  let phoneSame = false;
  let phoneOther = false;
  let phoneOwned = false;
  if (clues.phone) {
    if (shop.phone === clues.phone) {
      phoneSame = true;
      effect += 0.1;
      evidence.push({ signal: 'PHONE', effect: 0.1, detail: `même téléphone ${clues.phone}` });
    } else {
      const owners = lookups.byPhone(clues.phone);
      if (owners.some((o) => o.merchant.merchantId !== shop.merchant.merchantId)) {
        phoneOther = true;
        phoneOwned = true;
        effect -= 0.3;
        evidence.push({ signal: 'PHONE', effect: -0.3, detail: `le téléphone ${clues.phone} est celui d'un autre commerce` });
      } else if (shop.phone) {
        phoneOther = true;
        effect -= 0.05;
        evidence.push({ signal: 'PHONE', effect: -0.05, detail: `téléphone ${clues.phone} différent de celui connu (${shop.phone})` });
      }
    }
  }
  return { effect, evidence, street, streetSame: street === 'SAME', phoneSame, phoneOther, phoneOwned };
}

/**
 * Finds the shop that issued a receipt over a directory (see the module comment for the order).
 */
export function decideMatch(clues: ShopClues, lookups: MatchLookups, config: MatchConfig = DEFAULT_MATCH_CONFIG): MatchOutcome {
  const c = readClues(clues);

  // 1. SIRET: one establishment.
  if (c.siret) {
    const shop = lookups.bySiret(c.siret);
    if (shop) return matched(shop, 'SIRET', 1, [{ signal: 'SIRET', effect: 1, detail: `SIRET ${c.siret}` }]);
  }

  // 2. SIREN (alone, from an unknown SIRET, or in the VAT number): one company.
  let companyKnown = false;
  if (c.siren) {
    const company = lookups.bySiren(c.siren);
    companyKnown = company.length > 0;
    if (companyKnown) {
      const decided = decideCompany(c, company, lookups, config);
      if (decided) return decided;
    }
  }

  // 3. Phone.
  if (c.phone) {
    const owners = lookups.byPhone(c.phone);
    if (owners.length === 1) {
      const decided = decidePhone(c, owners[0]!, lookups, config);
      if (decided) return decided;
    } else if (owners.length > 1 && !c.sign) {
      return review(owners.map((shop) => ({ shop, score: 0.6 })), `téléphone ${c.phone} partagé par ${owners.length} commerces`, config);
    }
  }

  // 4. Name.
  if (!c.sign) {
    const what = c.siret ? `SIRET ${c.siret} inconnu` : c.siren ? `SIREN ${c.siren} inconnu` : c.phone ? `téléphone ${c.phone} inconnu` : 'ni SIRET ni enseigne lus';
    return { kind: 'NOT_FOUND', explanation: c.siret || c.siren || c.phone ? `${what}, pas d'enseigne lue` : what };
  }
  return decideName(c, clues, lookups, config);
}

function idDetail(c: ReadClues): string {
  return c.sirenSource === 'VAT' ? `TVA FR..${c.siren}` : c.sirenSource === 'SIRET' ? `SIREN ${c.siren} (du SIRET ${c.siret}, établissement inconnu)` : `SIREN ${c.siren}`;
}

function decideCompany(c: ReadClues, company: readonly PreparedMerchant[], lookups: MatchLookups, config: MatchConfig): MatchOutcome | undefined {
  const method: MatchMethod = c.sirenSource === 'VAT' ? 'VAT' : 'SIREN';
  const signal = method;
  const base: Evidence = { signal, effect: 0.9, detail: idDetail(c) };
  const scored = company.map((shop) => {
    const a = addressEvidence(c, shop, lookups);
    const postcode = c.postcode === undefined ? 'UNKNOWN' : c.postcode === shop.postcode ? 'SAME' : 'OTHER';
    const name = c.sign ? scoreName(c.sign, shop) : undefined;
    return { shop, a, postcode, name };
  });
  const inPostcode = c.postcode ? scored.filter((s) => s.postcode === 'SAME') : scored;
  // Corroborated: same phone, or same street and number in the same postcode or town (a chain may be
  // at "1 rue Nationale" in two towns), and nothing contradicting.
  const corroborated = inPostcode.filter(
    (s) => (s.a.phoneSame || (s.a.streetSame && (s.postcode === 'SAME' || (c.city !== undefined && sameCity(c.city, s.shop.city))))) && !s.a.phoneOther,
  );
  // A street number that differs is tolerated here (one company, one shop in the commune: an OCR slip);
  // another street, another shop's phone or a sign of another trade is not.
  const notContradicted = inPostcode.filter(
    (s) => s.a.street !== 'OTHER_STREET' && !s.a.phoneOwned && !(s.a.phoneOther && !s.a.streetSame) && !(s.name && s.name.tradeClash && s.name.score < config.review),
  );
  const siretUnknown = c.sirenSource === 'SIRET';
  let pick: (typeof scored)[number] | undefined;
  let why = '';
  if (corroborated.length === 1) {
    pick = corroborated[0];
    why = c.postcode ? `code postal ${c.postcode}` : '';
  } else if (c.postcode && inPostcode.length === 1 && !siretUnknown && notContradicted.length === 1 && company.length === 1) {
    // The company's only participating shop in this postcode, and no other establishment's SIRET printed.
    pick = inPostcode[0];
    why = `code postal ${c.postcode}, seul commerce de l'entreprise dans la commune`;
  }
  if (pick) {
    const evidence = [base, ...(why ? [{ signal: 'POSTCODE' as const, effect: 0, detail: why }] : []), ...pick.a.evidence];
    return matched(pick.shop, method, clamp01(0.9 + Math.max(0, pick.a.effect)), evidence);
  }
  // Known company, no certainty: staff decide among its shops (best first).
  const candidates = (inPostcode.length > 0 ? inPostcode : scored).map((s) => ({
    shop: s.shop,
    score: clamp01(0.6 + (s.postcode === 'SAME' ? 0.1 : s.postcode === 'OTHER' ? -0.2 : 0) + s.a.effect + (s.name ? (s.name.score - 0.5) / 5 : 0)),
  }));
  const reason =
    inPostcode.length === 0
      ? `${idDetail(c)} : aucun commerce de l'entreprise au code postal ${c.postcode}`
      : siretUnknown
        ? `${idDetail(c)} : l'établissement du ticket n'est pas confirmé par l'adresse ou le téléphone`
        : `${idDetail(c)} : ${inPostcode.length} commerces de l'entreprise possibles`;
  return review(candidates, reason, config, [base]);
}

function decidePhone(c: ReadClues, shop: PreparedMerchant, lookups: MatchLookups, config: MatchConfig): MatchOutcome | undefined {
  const evidence: Evidence[] = [{ signal: 'PHONE', effect: 0.85, detail: `téléphone ${c.phone}` }];
  // A SIREN of another company printed on the ticket contradicts the phone.
  if (c.siren && shop.merchant.siren !== c.siren) {
    return review([{ shop, score: 0.55 }], `téléphone ${c.phone} d'un commerce dont le SIREN n'est pas celui du ticket (${c.siren})`, config);
  }
  const postcode = c.postcode === undefined ? 'UNKNOWN' : c.postcode === shop.postcode ? 'SAME' : 'OTHER';
  if (postcode === 'OTHER') {
    return review([{ shop, score: 0.55 }], `téléphone ${c.phone} d'un commerce d'un autre code postal (${shop.postcode})`, config);
  }
  const { phone: _phone, ...withoutPhone } = c;
  const a = addressEvidence(withoutPhone, shop, lookups);
  const name = c.sign ? scoreName(c.sign, shop) : undefined;
  if (name) evidence.push({ signal: 'NAME', effect: 0, detail: `enseigne « ${c.signRaw} » ~ « ${shop.merchant.name} » (${name.score.toFixed(2)})` });
  if (postcode === 'SAME') evidence.push({ signal: 'POSTCODE', effect: 0, detail: `code postal ${c.postcode}` });
  evidence.push(...a.evidence);
  const nameOk = !name || name.score >= config.review;
  const placeOk = postcode === 'SAME' || a.streetSame || (postcode === 'UNKNOWN' && c.city !== undefined && sameCity(c.city, shop.city));
  // Same phone and postcode: a street number that differs is an OCR slip; another street is not.
  if (nameOk && placeOk && a.street !== 'OTHER_STREET') return matched(shop, 'PHONE', clamp01(0.9 + Math.max(0, a.effect)), evidence);
  if (!nameOk && name && name.score < 0.3) return undefined; // the phone may be misread: let the name decide
  return review([{ shop, score: 0.6 }], `téléphone ${c.phone} de « ${shop.merchant.name} », sans confirmation suffisante`, config, evidence);
}

/** How many of the closest shops (by bigrams) are compared word by word. */
const FULLY_COMPARED = 8;

function numbersDiffer(a: PreparedName, b: PreparedName): boolean {
  const na = a.words.filter((w) => /^\d+$/.test(w)).sort().join(' ');
  const nb = b.words.filter((w) => /^\d+$/.test(w)).sort().join(' ');
  return na !== nb;
}

/** Two town names, folded: the same, or the same but for OCR slips. */
function sameCity(a: string, b: string): boolean {
  return a === b || similarity(a, b) >= 0.8;
}

function decideName(c: ReadClues, clues: ShopClues, lookups: MatchLookups, config: MatchConfig): MatchOutcome {
  const sign = c.sign!;
  const scored: Array<{ shop: PreparedMerchant; score: number; nameScore: number; name: PreparedName | undefined; evidence: Evidence[]; phoneOther: boolean; tradeClash: boolean; street: Agreement; placeConfirmed: boolean; phoneSame: boolean }> = [];
  // A cheap look at every candidate, then a full comparison of the closest ones.
  const quick: Array<{ shop: PreparedMerchant; q: number }> = [];
  for (const shop of lookups.nameCandidates(sign, c.postcode, c.city)) {
    const q = quickShopScore(sign, shop);
    if (q >= 0.3) quick.push({ shop, q });
  }
  quick.sort((a, b) => b.q - a.q);
  const floor = (quick[0]?.q ?? 0) - 0.3;
  for (const { shop, q } of quick.slice(0, FULLY_COMPARED)) {
    if (q < floor) break;
    const n = scoreName(sign, shop);
    if (n.score < config.review * 0.8) continue;
    const evidence: Evidence[] = [{ signal: 'NAME', effect: round2(n.score), detail: `enseigne « ${c.signRaw} » ~ « ${shop.merchant.name} » (${n.score.toFixed(2)})` }];
    if (n.tradeClash) evidence.push({ signal: 'TRADE', effect: -0.25, detail: 'métier différent' });
    let score = n.score;
    if (c.postcode) {
      if (shop.postcode === c.postcode) evidence.push({ signal: 'POSTCODE', effect: 0, detail: `code postal ${c.postcode}` });
      else {
        score *= 0.8;
        evidence.push({ signal: 'POSTCODE', effect: -0.2, detail: `autre code postal (${shop.postcode})` });
      }
    }
    const a = addressEvidence(c, shop, lookups);
    score = clamp01(score + a.effect);
    evidence.push(...a.evidence);
    scored.push({ shop, score, nameScore: n.score, name: n.name, evidence, phoneOther: a.phoneOwned || (a.phoneOther && !a.streetSame), tradeClash: n.tradeClash, street: a.street, placeConfirmed: a.streetSame || a.phoneSame, phoneSame: a.phoneSame });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < config.review) {
    return { kind: 'NOT_FOUND', explanation: `aucun commerce proche de « ${c.signRaw} »${c.postcode ? ` au code postal ${c.postcode}` : ''}` };
  }
  const runnerUp = scored.find((s) => s.shop.merchant.merchantId !== best.shop.merchant.merchantId);
  const margin = runnerUp ? best.score - runnerUp.score : 1;
  const postcodeAgrees = c.postcode !== undefined && best.shop.postcode === c.postcode;
  // An identifier printed on the ticket that is not this shop's contradicts a name match.
  const idContradicts = c.siren !== undefined && c.siren !== best.shop.merchant.siren;
  const blockers: string[] = [];
  if (best.score < config.auto) blockers.push(`score ${best.score.toFixed(2)} < ${config.auto}`);
  if (!postcodeAgrees) blockers.push(c.postcode ? `code postal ${c.postcode} différent` : 'code postal non lu');
  if (margin < config.minMargin) blockers.push(`« ${runnerUp!.shop.merchant.name} » presque aussi proche (${runnerUp!.score.toFixed(2)})`);
  if (idContradicts) blockers.push(`${c.sirenSource === 'VAT' ? 'TVA' : c.sirenSource} ${c.sirenSource === 'SIRET' ? c.siret : c.siren} d'un autre établissement`);
  if (best.phoneOther) blockers.push('téléphone du ticket différent de celui du commerce');
  // A street read on the ticket that is not the shop's: another establishment (a branch, a look-alike).
  if (best.street === 'OTHER_STREET' || best.street === 'OTHER_NUMBER') blockers.push(`adresse du ticket différente de celle du commerce (${best.shop.merchant.address.street})`);
  // A number in one name and not in the other: "Le Comptoir 2" is another shop, whatever the address says.
  if (best.name && numbersDiffer(sign, best.name)) blockers.push('numéro dans l\'enseigne différent');
  // One letter more, less or other in a distinctive word is how look-alike names differ.
  // (The shop's own phone lifts this, or its street and number when the number has two digits or more:
  // "1" may be the look-alike's "11" with a digit lost.)
  if (best.name && !best.phoneSame && !(best.street === 'SAME' && (best.shop.street?.number ?? '').replace(/\D/g, '').length >= 2) && !distinctiveWordsAgree(sign, best.name)) blockers.push(`enseigne lue « ${c.signRaw} » pas exactement celle du commerce`);
  // A misread digit can make the postcode of another town with a shop of the same name: the town,
  // the street or the phone must agree as well.
  if (postcodeAgrees && best.shop.namesakeElsewhere && !(c.city && sameCity(c.city, best.shop.city)) && !streetBodyAgrees(c.street, best.shop.street) && !best.phoneSame) {
    blockers.push('même enseigne dans une autre commune, et ni la commune, ni la rue, ni le téléphone ne confirment le code postal');
  }
  // The town printed on the ticket is not the shop's: the postcode may be misread.
  if (c.city && !sameCity(c.city, best.shop.city)) blockers.push(`commune du ticket (${clues.city}) différente de celle du commerce (${best.shop.merchant.address.city})`);
  // A chain's name with only the postcode: a branch outside the directory may have issued it.
  if (best.shop.chain && !best.placeConfirmed) blockers.push('enseigne de plusieurs établissements, adresse ou téléphone non confirmés');
  if (blockers.length === 0) {
    const evidence = [...best.evidence];
    if (runnerUp) evidence.push({ signal: 'MARGIN', effect: 0, detail: `devant « ${runnerUp.shop.merchant.name} » (${runnerUp.score.toFixed(2)})` });
    return matched(best.shop, 'NAME', best.score, evidence);
  }
  const close = scored.filter((s) => s.score >= config.review);
  const suspendedNote = best.shop.merchant.status !== 'ACTIVE' ? ` ; le plus proche, « ${best.shop.merchant.name} », est suspendu` : '';
  return review(
    close.map((s) => ({ shop: s.shop, score: s.score })),
    `enseigne « ${c.signRaw} » proche de ${close.length} commerce(s), sans certitude : ${blockers.join(', ')}${suspendedNote}`,
    config,
    best.evidence,
  );
}

// ------------------------------------------------------------------------------------------------
// Over a plain list (tests, small directories); shared/merchants/index.ts indexes large ones
// ------------------------------------------------------------------------------------------------

export function listLookups(merchants: readonly Merchant[]): MatchLookups {
  const prepared = merchants.map(prepareMerchant);
  linkSiblings(prepared);
  return {
    bySiret: (siret) => prepared.find((p) => p.merchant.siret === siret),
    bySiren: (siren) => prepared.filter((p) => p.merchant.siren === siren),
    byPhone: (phone) => prepared.filter((p) => p.phone === phone),
    // As the index does: the shops of the postcode, else of the town, else all.
    nameCandidates: (_read, postcode, city) => {
      const inPostcode = postcode ? prepared.filter((p) => p.postcode === postcode) : [];
      if (inPostcode.length > 0) return inPostcode;
      const inCity = city ? prepared.filter((p) => p.city === city) : [];
      return inCity.length > 0 ? inCity : prepared;
    },
  };
}

/**
 * Finds the shop that issued a receipt among `merchants` (all of them, suspended included: a
 * suspended shop is never matched, but it still stops its look-alikes from being matched in its place).
 */
export function matchMerchant(clues: ShopClues, merchants: readonly Merchant[], config: Partial<MatchConfig> = DEFAULT_MATCH_CONFIG): MatchOutcome {
  return decideMatch(clues, listLookups(merchants), matchConfig(config));
}
