import { gramsOf, dice, type Grams } from './bigrams';
import { ocrDistance, ocrSimilarity, wordSimilarity } from './edit-distance';
import { GENERIC_WORDS, LEGAL_FORMS, STOP_WORDS, TRADE_OF, foldWords } from './words';

// ------------------------------------------------------------------------------------------------
// Prepared names
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

// ------------------------------------------------------------------------------------------------
// Scores: a name read on a receipt against a known name
// ------------------------------------------------------------------------------------------------

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
