import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_POLICY as REVIEW_POLICY } from '../../../shared/domain/fraud-policy';
import { isValidSiren, isValidSiret } from '../../../shared/receipts/identifiers';
import { parseReceipt } from '../../../shared/receipts/parser';
import { fold } from '../../../shared/receipts/text';
import { contentLines, receiptContent } from '../../fixtures/corpus/content';

// The parser alone on the printed text of many generated receipts (what a perfect OCR would
// read): shops, layouts, wordings of the total and the date, SIRET forms, decoys (sub-totals,
// change, VAT tables, loyalty, card slips, offers' end dates). Seeds far from the benchmark's.
const SEEDS = Array.from({ length: 400 }, (_, k) => 900_000 + k * 7);
const sign = (s: string | undefined) =>
  fold(s ?? '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

describe('the generated corpus content', () => {
  it('is deterministic and carries a consistent truth', () => {
    expect(receiptContent({ seed: 42 })).toEqual(receiptContent({ seed: 42 }));
    for (const seed of SEEDS.slice(0, 100)) {
      const c = receiptContent({ seed });
      const text = contentLines(c).join('\n');
      expect(isValidSiren(c.truth.siren)).toBe(true);
      if (c.truth.siret) {
        expect(isValidSiret(c.truth.siret)).toBe(true);
        expect(c.truth.siret.slice(0, 9)).toBe(c.truth.siren);
      }
      expect(c.truth.postcode).toMatch(/^\d{5}$/);
      expect(text).toContain(c.truth.postcode);
      expect(text).toContain(c.truth.shopSign);
      expect(text).toContain((c.truth.totalCents / 100).toFixed(2).replace('.', ','));
      for (const line of contentLines(c)) expect(line.length).toBeLessThanOrEqual(c.columns);
    }
  });
});

describe('what real scans taught, in the generated corpus', () => {
  it('has long tickets, VAT tables with a gross column, and cash tendered with the change given', () => {
    let long = 0;
    let gross = 0;
    let change = 0;
    for (const seed of SEEDS) {
      const c = receiptContent({ seed });
      const lines = contentLines(c);
      const total = (c.truth.totalCents / 100).toFixed(2).replace('.', ',');
      if (lines.length >= 45) long++;
      // A VAT row: a rate, then amounts, the last one of the last row the total.
      const rows = lines.filter((l) => /\d\s?%\s+\d+,\d\d\s+\d+,\d\d\s+\d+,\d\d$/.test(l));
      if (rows.length && lines.some((l) => l.endsWith(`  ${total}`) && /^(TOTAL|Total|SOMME)\b/.test(l) && /\d,\d\d\s+\d+,\d\d\s+\d+,\d\d$/.test(l)) || (rows.length === 1 && rows[0]!.endsWith(total))) gross++;
      if (lines.some((l) => /^(ESPECES|Espèces|ESP|Reçu espèces)\b/.test(l)) && lines.some((l) => /^(RENDU|Monnaie rendue|A RENDRE)\b/.test(l))) change++;
    }
    expect(long).toBeGreaterThan(SEEDS.length * 0.05);
    expect(gross).toBeGreaterThan(SEEDS.length * 0.1);
    expect(change).toBeGreaterThan(SEEDS.length * 0.15);
  });
});

describe('parseReceipt on the printed text of generated receipts', () => {
  const results = SEEDS.map((seed) => {
    const c = receiptContent({ seed });
    const e = parseReceipt({ engine: 'text', lines: contentLines(c).map((text) => ({ text, confidence: 0.96 })), hints: [] });
    return { seed, c, e };
  });

  it('reads the SIRET (or only the SIREN where that is all there is), date, total and sign of every one', () => {
    const wrong: string[] = [];
    for (const { seed, c, e } of results) {
      const t = c.truth;
      if (t.siret ? e.siret?.value !== t.siret : e.siret !== undefined || e.siren?.value !== t.siren) wrong.push(`${seed} siret ${e.siret?.value ?? e.siren?.value}`);
      if (e.purchaseDate?.value !== t.purchaseDate) wrong.push(`${seed} date ${e.purchaseDate?.value} != ${t.purchaseDate}`);
      if (e.totalCents?.value !== t.totalCents) wrong.push(`${seed} total ${e.totalCents?.value} != ${t.totalCents}`);
      if (sign(e.shopSign?.value) !== sign(t.shopSign)) wrong.push(`${seed} sign ${e.shopSign?.value} != ${t.shopSign}`);
      if (e.postcode?.value !== t.postcode) wrong.push(`${seed} postcode ${e.postcode?.value} != ${t.postcode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is confident of what it read right: clean receipts do not go to review', () => {
    const doubtful = results.filter(
      ({ e }) =>
        (e.totalCents?.confidence ?? 0) < REVIEW_POLICY.minTotalConfidence ||
        (e.purchaseDate?.confidence ?? 0) < REVIEW_POLICY.minDateConfidence ||
        e.confidence < REVIEW_POLICY.minReadingConfidence,
    );
    expect(doubtful.map((d) => d.seed)).toEqual([]);
  });
});
