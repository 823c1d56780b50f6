import type { Merchant } from './merchant';

/** What the match stage knows of the shop from the receipt. */
export interface ShopClues {
  siret?: string;
  siren?: string;
  sign?: string;
  postcode?: string;
}

export type MatchOutcome =
  | { kind: 'MATCHED'; merchant: Merchant; method: 'SIRET' | 'SIREN' | 'NAME'; score: number; explanation: string }
  | { kind: 'REVIEW'; candidates: Array<{ merchant: Merchant; score: number }>; explanation: string }
  | { kind: 'NOT_FOUND'; explanation: string };

const LEGAL_FORMS = new Set(['SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SNC', 'SCI', 'EI', 'EIRL', 'SCOP', 'ETS', 'STE', 'CIE']);

/** Upper-case, accents and punctuation removed, legal forms dropped, spaces folded. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/&/g, ' ET ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w))
    .join(' ');
}

function bigrams(s: string): Map<string, number> {
  const compact = ` ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i < compact.length - 1; i++) {
    const g = compact.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen-Dice similarity of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of ga) {
    overlap += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return (2 * overlap) / total;
}

/** The best similarity between a sign read on a receipt and a shop's name or aliases. */
export function nameScore(sign: string, merchant: Merchant): number {
  const read = normaliseName(sign);
  if (read.length < 3) return 0;
  let best = 0;
  for (const name of [merchant.name, ...merchant.aliases]) {
    const known = normaliseName(name);
    let s = similarity(read, known);
    // A sign printed with extra words ("BOULANGERIE DUPONT" for "Dupont") still names the shop.
    if (known.length >= 4 && (read.includes(known) || known.includes(read)) && Math.min(read.length, known.length) >= 4) {
      s = Math.max(s, 0.9);
    }
    best = Math.max(best, s);
  }
  return best;
}

export interface MatchThresholds {
  /** At or above: automatic match (with the postcode agreeing). */
  auto: number;
  /** At or above: a candidate for staff review. */
  review: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = { auto: 0.85, review: 0.5 };

/**
 * Finds the shop that issued a receipt. Precise first: a SIRET names one establishment; a SIREN
 * names a company, settled by the postcode; a name alone must be close and agree with the postcode,
 * and must not be as close to another shop. Anything less certain goes to review.
 */
export function matchMerchant(
  clues: ShopClues,
  merchants: readonly Merchant[],
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): MatchOutcome {
  const active = merchants.filter((m) => m.status === 'ACTIVE');
  if (clues.siret) {
    const bySiret = active.find((m) => m.siret === clues.siret);
    if (bySiret) return { kind: 'MATCHED', merchant: bySiret, method: 'SIRET', score: 1, explanation: `SIRET ${clues.siret}` };
  }
  const siren = clues.siren ?? clues.siret?.slice(0, 9);
  if (siren) {
    const bySiren = active.filter((m) => m.siren === siren);
    const inPostcode = clues.postcode ? bySiren.filter((m) => m.address.postcode === clues.postcode) : [];
    if (bySiren.length === 1 && (!clues.postcode || inPostcode.length === 1)) {
      const m = bySiren[0]!;
      return { kind: 'MATCHED', merchant: m, method: 'SIREN', score: 0.95, explanation: `SIREN ${siren}` };
    }
    if (inPostcode.length === 1) {
      return { kind: 'MATCHED', merchant: inPostcode[0]!, method: 'SIREN', score: 0.95, explanation: `SIREN ${siren} + code postal ${clues.postcode}` };
    }
  }
  if (!clues.sign) {
    return { kind: 'NOT_FOUND', explanation: clues.siret ? `SIRET ${clues.siret} inconnu, pas d'enseigne lue` : 'ni SIRET ni enseigne lus' };
  }
  const scored = active
    .map((merchant) => {
      let score = nameScore(clues.sign!, merchant);
      if (clues.postcode && merchant.address.postcode !== clues.postcode) score *= 0.8;
      return { merchant, score };
    })
    .filter((c) => c.score >= thresholds.review)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) {
    return { kind: 'NOT_FOUND', explanation: `aucun commerce proche de « ${clues.sign} »` };
  }
  const runnerUp = scored[1];
  const postcodeAgrees = clues.postcode !== undefined && best.merchant.address.postcode === clues.postcode;
  const unambiguous = !runnerUp || best.score - runnerUp.score >= 0.1;
  // A SIRET that was read and is valid but belongs to none of our shops contradicts a name match.
  const siretContradicts = clues.siret !== undefined && clues.siret !== best.merchant.siret;
  if (best.score >= thresholds.auto && postcodeAgrees && unambiguous && !siretContradicts) {
    return {
      kind: 'MATCHED',
      merchant: best.merchant,
      method: 'NAME',
      score: best.score,
      explanation: `enseigne « ${clues.sign} » ~ « ${best.merchant.name} » (${best.score.toFixed(2)}) + code postal ${clues.postcode}`,
    };
  }
  return {
    kind: 'REVIEW',
    candidates: scored.slice(0, 5),
    explanation: `enseigne « ${clues.sign} » proche de ${scored.length} commerce(s), sans certitude`,
  };
}
