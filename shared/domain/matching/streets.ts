import { dice, gramsOf, type Grams } from './bigrams';
import { STOP_WORDS } from './words';

// ------------------------------------------------------------------------------------------------
// Prepared streets: street types, numbers, and how two streets compare
// ------------------------------------------------------------------------------------------------

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

export type Agreement = 'SAME' | 'OTHER_NUMBER' | 'OTHER_STREET' | 'UNKNOWN';

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
export function streetBodyAgrees(read: PreparedStreet | undefined, known: PreparedStreet | undefined): boolean {
  if (!read || !known) return false;
  return read.body === known.body || Math.max(dice(read.bodyGrams, known.bodyGrams), dice(read.gluedGrams, known.gluedGrams)) >= 0.8;
}

export function compareStreets(read: PreparedStreet | undefined, known: PreparedStreet | undefined): Agreement {
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
