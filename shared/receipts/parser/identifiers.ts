/**
 * Identifiers: SIRET, SIREN and TVA intracommunautaire, labelled or not, repaired where Luhn allows.
 */
import type { OcrHint } from '../../ocr/types';
import { checkVatNumber, isValidSiren, isValidSiret } from '../identifiers';
import { fixDigitConfusions } from '../text';
import { type Field, type Line, clamp, round2, ocrFactor } from './common';

export const SIRET_LABEL = /\bS[I1L|][R][E3]T\b|\bN[°O]?\s*S[I1L|]R[E3]T\b/;
const SIREN_LABEL = /\bS[I1L|]R[E3]N\b|\bR\.?\s?C\.?\s?S\.?\b/;

/** In the text after an identifier label, look-alike letters in digit tokens are digits. */
function digitsAfterLabel(text: string): string {
  return text.replace(/[0-9OoIl|SB]+/g, (tok) =>
    /\d/.test(tok) ? tok.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/S/g, '5').replace(/B/g, '8') : tok,
  );
}

/**
 * A labelled SIRET with one unreadable character among 14 ("7995501240003)"): Luhn leaves one
 * digit that fits; a guess, so with a low confidence.
 */
function repairSiret(afterLabel: string): string | undefined {
  const run = afterLabel.replace(/^[\s:.#°N]+/, '').replace(/[\s.]/g, '');
  const chars = run.slice(0, 14);
  if (chars.length !== 14) return undefined;
  const bad = [...chars].flatMap((c, k) => (/\d/.test(c) ? [] : [k]));
  if (bad.length !== 1) return undefined;
  for (let d = 0; d <= 9; d++) {
    const candidate = chars.slice(0, bad[0]) + d + chars.slice(bad[0]! + 1);
    if (isValidSiret(candidate)) return candidate;
  }
  return undefined;
}


interface Identifiers {
  siret?: Field<string>;
  siren?: Field<string>;
  vatNumber?: Field<string>;
  /** Lines holding identifiers (not shop signs, not items). */
  lines: Set<number>;
}

export function readIdentifiers(lines: Line[], hints: OcrHint[]): Identifiers {
  const ids: Identifiers = { lines: new Set() };
  let siret: Field<string> | undefined;
  let siren: Field<string> | undefined;
  let vat: Field<string> | undefined;
  const better = <T>(a: Field<T> | undefined, b: Field<T>) => (!a || b.confidence > a.confidence ? b : a);

  const unlabelled: Array<Field<string> & { line: number }> = [];
  for (const line of lines) {
    const f = line.fold;
    // SIRET, labelled: the digits after the label (or on the next line).
    const label = SIRET_LABEL.exec(line.upper);
    if (label) {
      ids.lines.add(line.index);
      const firstRun = (src: string) => /\d(?:[ .\-]?\d)*/.exec(src)?.[0].replace(/\D/g, '') ?? '';
      // After a SIRET label, every token made of digits and look-alikes is a number.
      const afterLabel = digitsAfterLabel(line.text.slice(label.index + label[0].length));
      let digits = firstRun(afterLabel);
      let sameLine = true;
      const next = lines[line.index + 1];
      if (digits.length < 9 && next) {
        // "SIRET :" with the number on the next line.
        digits = firstRun(next.text);
        sameLine = false;
        if (digits.length >= 9) ids.lines.add(next.index);
      }
      if (digits.length >= 14 && isValidSiret(digits.slice(0, 14))) {
        siret = better(siret, { value: digits.slice(0, 14), confidence: round2((sameLine ? 0.96 : 0.88) * ocrFactor(line)) });
      } else {
        const repaired = sameLine ? repairSiret(afterLabel) : undefined;
        if (repaired) siret = better(siret, { value: repaired, confidence: round2(0.5 * ocrFactor(line)) });
        else if (digits.length >= 9 && isValidSiren(digits.slice(0, 9))) {
          // The SIRET is misread but its SIREN part holds.
          siren = better(siren, { value: digits.slice(0, 9), confidence: round2(0.6 * ocrFactor(line)) });
        }
      }
    } else {
      // Unlabelled 14-digit numbers that pass Luhn: could be a SIRET, or a barcode that happens to
      // (one in ten does). SIRENs do not start with 0 or 1; GTIN barcodes usually do.
      for (const m of line.text.matchAll(/(?<![\d])\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5}(?![\d])/g)) {
        const digits = m[0].replace(/\D/g, '');
        if (/^[01]/.test(digits) || !isValidSiret(digits)) continue;
        const spaced = /\d{3}[ .]\d{3}[ .]\d{3}[ .]\d{5}/.test(m[0]);
        const itemish = line.amounts.length > 0;
        unlabelled.push({ value: digits, confidence: round2((itemish ? 0.2 : spaced ? 0.45 : 0.35) * ocrFactor(line)), line: line.index });
      }
    }
    // SIREN, labelled (RCS ...).
    const sl = SIREN_LABEL.exec(line.upper);
    if (sl) {
      ids.lines.add(line.index);
      for (const m of line.text.slice(sl.index + sl[0].length).matchAll(/(?<![\d])(\d{3}[ .]?\d{3}[ .]?\d{3})(?![ .]?\d)/g)) {
        const digits = m[1]!.replace(/\D/g, '');
        if (isValidSiren(digits)) siren = better(siren, { value: digits, confidence: round2(0.9 * ocrFactor(line)) });
      }
    }
    // TVA intracommunautaire.
    for (const m of f.matchAll(/\bFR\s?([0-9A-HJ-NP-Z]{2})\s?(\d{3}\s?\d{3}\s?\d{3})(?!\s?\d)/g)) {
      const value = `FR${m[1]}${m[2]!.replace(/\s/g, '')}`;
      const check = checkVatNumber(value);
      if (check === 'invalid') continue;
      ids.lines.add(line.index);
      const labelled = /\bTVA\b|\bT\.V\.A\b|\bVAT\b|INTRA/.test(f);
      const confidence = (check === 'valid' ? 0.95 : labelled ? 0.6 : 0.4) * ocrFactor(line);
      vat = better(vat, { value, confidence: round2(confidence) });
      const vatSiren = value.slice(4);
      if (check === 'valid' && isValidSiren(vatSiren)) siren = better(siren, { value: vatSiren, confidence: round2(confidence * 0.95) });
    }
    if (/\b(APE|NAF|RCS|CAPITAL|SARL|SAS|EURL|SASU|SNC|SIEGE SOCIAL)\b/.test(f)) ids.lines.add(line.index);
  }

  // Several different unlabelled "SIRETs" are product barcodes: trust none of them.
  const distinctUnlabelled = new Set(unlabelled.map((u) => u.value));
  if (!siret && distinctUnlabelled.size === 1) {
    const u = unlabelled.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    siret = { value: u.value, confidence: u.confidence };
    ids.lines.add(u.line);
  }

  // Hints (TAX_PAYER_ID, VENDOR_VAT_NUMBER) are read like a line, with less trust.
  for (const h of hints) {
    if (h.type !== 'TAX_PAYER_ID' && h.type !== 'VENDOR_VAT_NUMBER') continue;
    const digits = fixDigitConfusions(h.value).replace(/[\s.]/g, '');
    const c = clamp(h.confidence) * 0.6;
    if (/^\d{14}$/.test(digits) && isValidSiret(digits)) {
      if (siret?.value === digits) siret = { value: digits, confidence: round2(clamp(siret.confidence + 0.03, 0, 0.99)) };
      else if (!siret || siret.confidence < c) siret = { value: digits, confidence: round2(c) };
    }
    const v = /^FR([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(digits.toUpperCase());
    if (v && checkVatNumber(v[0]) === 'valid' && !vat) vat = { value: v[0], confidence: round2(c) };
  }

  // SIREN derived from the SIRET when not printed alone.
  if (siret) {
    const fromSiret = siret.value.slice(0, 9);
    if (!siren || (siren.value !== fromSiret && siren.confidence < siret.confidence)) {
      siren = { value: fromSiret, confidence: siret.confidence };
    } else if (siren.value === fromSiret) {
      siren = { value: fromSiret, confidence: round2(clamp(Math.max(siren.confidence, siret.confidence) + 0.02, 0, 0.99)) };
    }
  }
  // SIRET, SIREN and TVA that agree reinforce each other.
  if (siret && vat && vat.value.slice(4) === siret.value.slice(0, 9)) {
    siret = { value: siret.value, confidence: round2(clamp(siret.confidence + 0.05, 0, 0.99)) };
  }
  if (siret) ids.siret = siret;
  if (siren) ids.siren = siren;
  if (vat) ids.vatNumber = vat;
  return ids;
}
