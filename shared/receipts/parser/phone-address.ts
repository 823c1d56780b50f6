/**
 * Phone, address: the shop's phone number, street, postcode and town.
 */
import type { OcrHint } from '../../ocr/types';
import { fold } from '../text';
import { type Field, type Line, clamp, round2, ocrFactor } from './common';
import { SIRET_LABEL } from './identifiers';

const PHONE = /(?<![\d+])(?:(?:\+|00)\s?33\s?\(?0?\)?\s?([1-9])|0([1-9]))((?:[\s.\-/]?\d{2}){4})(?![\d])/g;

export function readPhone(lines: Line[], hints: OcrHint[]): { phone?: Field<string>; lines: Set<number> } {
  const used = new Set<number>();
  let best: Field<string> | undefined;
  for (const line of lines) {
    for (const m of line.text.matchAll(PHONE)) {
      const digits = `0${m[1] ?? m[2]}${m[3]!.replace(/\D/g, '')}`;
      if (digits.length !== 10) continue;
      const labelled = /\bT[E3]L\b|\bTEL\.|TELEPHONE|PHONE|\bFAX\b|☎|\bTEL:/.test(line.fold);
      if (/\bFAX\b/.test(line.fold) && !/\bT[E3]L/.test(line.fold)) continue;
      used.add(line.index);
      const value = digits.replace(/(\d{2})(?=\d)/g, '$1 ');
      const confidence = round2((labelled ? 0.95 : 0.75) * ocrFactor(line));
      if (!best || confidence > best.confidence) best = { value, confidence };
    }
  }
  if (!best) {
    for (const h of hints.filter((x) => x.type === 'VENDOR_PHONE')) {
      const m = [...h.value.matchAll(PHONE)][0];
      if (m) {
        const digits = `0${m[1] ?? m[2]}${m[3]!.replace(/\D/g, '')}`;
        best = { value: digits.replace(/(\d{2})(?=\d)/g, '$1 '), confidence: round2(0.5 * clamp(h.confidence)) };
        break;
      }
    }
  }
  return best ? { phone: best, lines: used } : { lines: used };
}

const VOIE =
  "RUE|AVENUE|AVE|AV|BOULEVARD|BD|BLD|BVD|PLACE|PL|CHEMIN|CHE|CH|ALLEE|ALLEES|IMPASSE|IMP|QUAI|ROUTE|RTE|COURS|CRS|FAUBOURG|FBG|FG|SQUARE|SQ|PASSAGE|VOIE|PROMENADE|PROM|ESPLANADE|CHAUSSEE|PARVIS|ROND[- ]POINT|RD[- ]POINT|MAIL|SENTIER|RESIDENCE|RES|ZONE|ZA|ZI|ZAC|ZAE|CENTRE COMMERCIAL|CCIAL|C\\.C\\.|LIEU[- ]DIT|LD|HAMEAU|CITE|VILLA|TRAVERSE|MONTEE|RAMPE|RUELLE|GRANDE RUE|GRAND RUE|GRAND'RUE|LOTISSEMENT|PARC|DOMAINE|CLOS|CARREFOUR|ROCADE|CORNICHE|GALERIE|PORT|PONT|QUARTIER|VC|CD|RN";
export const STREET_WITH_NUMBER = new RegExp(String.raw`(?<![\d,.])(\d{1,4}(?:\s?(?:BIS|TER|QUATER|B|T|A)\b)?)\s*,?\s+(${VOIE})\.?\s+\S`);
const STREET_NO_NUMBER = new RegExp(String.raw`^(${VOIE})\.?\s+(DE |DU |DES |D'|LA |LE |L'|[A-Z])`);

export const POSTCODE_CITY =
  /(?<![\d,.])(?:F[- ]?)?((?:0[1-9]|[1-8]\d|9[0-8])\d{3})\s+([A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\- ]*[A-Za-zÀ-ÖØ-öø-ÿ]|[A-ZÀ-Ö]{2,})/;
const NOT_A_CITY =
  /^(EUR|EUROS?|ART|ARTICLES?|TTC|HT|KG|G|GR|PIECES?|PCS|POINTS?|PTS|CAISSE|TICKET|X|CB|CARTE|TVA|TOTAL|VENDEUR|OPERATEUR|CLIENT|MAGASIN|TRANS|REF|AUTO|NUM)\b/;

interface Address {
  street?: Field<string>;
  postcode?: Field<string>;
  city?: Field<string>;
  lines: Set<number>;
}

function cleanCity(raw: string): string | undefined {
  let city = raw.split(/\s{2,}/)[0]!;
  city = city.replace(/\s+CEDEX(\s*\d+)?\b.*$/i, '').replace(/\s+(TEL|TÉL|FAX)\b.*$/i, '');
  city = city.replace(/[\s'’-]+$/, '').trim();
  if (city.replace(/[^A-Za-zÀ-ÿ]/g, '').length < 2) return undefined;
  if (NOT_A_CITY.test(fold(city))) return undefined;
  return city;
}

export function readAddress(lines: Line[], hints: OcrHint[], itemsStart: number): Address {
  const out: Address = { lines: new Set() };
  const n = lines.length;
  let best: { postcode: string; city: string; score: number; line: Line } | undefined;
  for (const line of lines) {
    const m = POSTCODE_CITY.exec(line.text);
    if (!m) continue;
    const city = cleanCity(m[2]!);
    if (!city) continue;
    if (line.amounts.length > 0) continue;
    let score = 1;
    if (city === city.toUpperCase()) score += 0.5;
    if (line.index < itemsStart) score += 0.6; // header
    else if (line.index > n * 0.7) score += 0.2; // footer (legal mentions)
    const prev = lines[line.index - 1];
    if (STREET_WITH_NUMBER.test(line.fold) || (prev && STREET_WITH_NUMBER.test(prev.fold))) score += 0.5;
    if (!best || score > best.score) best = { postcode: m[1]!, city, score, line };
  }
  if (best) {
    const c = best.score >= 2 ? 0.92 : best.score >= 1.5 ? 0.85 : 0.65;
    out.postcode = { value: best.postcode, confidence: round2(c * ocrFactor(best.line)) };
    out.city = { value: best.city, confidence: round2(c * 0.95 * ocrFactor(best.line)) };
    out.lines.add(best.line.index);
  } else {
    const hint = hints.find((h) => h.type === 'ZIP_CODE' || h.type === 'VENDOR_ADDRESS' || h.type === 'ADDRESS');
    const m = hint ? POSTCODE_CITY.exec(hint.value.replace(/\n/g, ' ')) : null;
    if (hint && m) {
      out.postcode = { value: m[1]!, confidence: round2(0.45 * clamp(hint.confidence)) };
      const city = cleanCity(m[2]!);
      if (city) out.city = { value: city, confidence: round2(0.4 * clamp(hint.confidence)) };
    }
  }

  // Street: numbered first, near the postcode line, in the header.
  let street: { value: string; score: number; line: Line } | undefined;
  for (const line of lines) {
    if (line.amounts.length > 0 && !out.lines.has(line.index)) continue;
    const numbered = STREET_WITH_NUMBER.exec(line.upper);
    const bare = numbered ? null : STREET_NO_NUMBER.exec(line.upper);
    if (!numbered && !bare) continue;
    if (SIRET_LABEL.test(line.fold) || /\bTEL\b/.test(line.fold) && !numbered) continue;
    // The street is the text from the number (or the voie) up to a postcode on the same line.
    let value = line.text.slice((numbered ?? bare)!.index);
    const pc = POSTCODE_CITY.exec(value);
    if (pc && pc.index > 0) value = value.slice(0, pc.index);
    value = value.split(/\s{2,}/)[0]!.replace(/[\s,;-]+$/, '').trim();
    if (value.length < 4) continue;
    let score = numbered ? 1.5 : 0.8;
    if (best && Math.abs(best.line.index - line.index) <= 1) score += 0.8;
    if (line.index < itemsStart) score += 0.4;
    if (!street || score > street.score) street = { value, score, line };
  }
  if (street) {
    const c = street.score >= 2.5 ? 0.9 : street.score >= 1.9 ? 0.8 : 0.6;
    out.street = { value: street.value, confidence: round2(c * ocrFactor(street.line)) };
    out.lines.add(street.line.index);
  }
  return out;
}
