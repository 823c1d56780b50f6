/**
 * Payment, ticket number, items.
 */
import type { OcrHint } from '../../ocr/types';
import { findDates, fold } from '../text';
import { type PaymentMeans, type Field, type Line, clamp, round2, ocrFactor } from './common';

const PAYMENT_PATTERNS: Array<[RegExp, PaymentMeans]> = [
  [/\bAPPLE ?PAY\b/, 'APPLE_PAY'],
  [/\bGOOGLE ?PAY\b|\bG ?PAY\b/, 'GOOGLE_PAY'],
  [/\b(TICKETS? RESTAURANT|TICKETS? RESTO|TITRES? RESTAURANT|TITRE-RESTAURANT|CHEQUES? DEJEUNER|SWILE|UP DEJEUNER|PASS RESTAURANT|EDENRED|APETIZ|T\.?R\.?)\b/, 'TITRE_RESTAURANT'],
  [/\bSANS CONTACT\b|\bCONTACTLESS\b|\bNFC\b/, 'CB_SANS_CONTACT'],
  [/\b(CB|C\.B\.?|CARTE BANCAIRE|CARTE BLEUE|CARTE|VISA|MASTERCARD|MASTER CARD|MAESTRO|AMEX|AMERICAN EXPRESS|CREDIT CARD|DEBIT CARD|EMV)\b/, 'CB'],
  [/\b(ESPECES|ESP|CASH|NUMERAIRE|LIQUIDE)\b/, 'ESPECES'],
  [/\b(CHEQUE|CHQ|CHEQUES)\b/, 'CHEQUE'],
  [/\bAVOIR\b/, 'AVOIR'],
];

export function readPayment(lines: Line[], total: number | undefined, totalLine: number | undefined): Field<string> | undefined {
  interface Candidate {
    means: PaymentMeans;
    score: number;
    line: Line;
  }
  const found: Candidate[] = [];
  for (const line of lines) {
    const f = line.fold;
    if (/FIDELITE|CARTE (DE )?FIDELITE|CARTE CADEAU|CARTE CLIENT|RENDU|A RENDRE/.test(f)) continue;
    for (const [re, means] of PAYMENT_PATTERNS) {
      if (!re.test(f)) continue;
      let score = 1;
      if (total !== undefined && line.amounts.some((a) => a.cents === total)) score += 1;
      if (totalLine !== undefined && line.index >= totalLine) score += 0.5;
      if (/PAIEMENT|REGLEMENT|PAYE|MODE/.test(f)) score += 0.3;
      found.push({ means, score, line });
      break;
    }
  }
  if (found.length === 0) return undefined;
  // "CB" then "SANS CONTACT" on the card slip: contactless is the finer reading.
  const kinds = new Set(found.map((c) => c.means));
  if (kinds.has('CB') && kinds.has('CB_SANS_CONTACT')) {
    for (const c of found) if (c.means === 'CB') c.means = 'CB_SANS_CONTACT';
  }
  const best = found.sort((a, b) => b.score - a.score)[0]!;
  const distinct = new Set(found.map((c) => c.means)).size;
  let confidence = best.score >= 2 ? 0.9 : best.score >= 1.5 ? 0.8 : 0.65;
  if (distinct > 1) confidence *= 0.85;
  return { value: best.means, confidence: round2(confidence * ocrFactor(best.line)) };
}

const TICKET_LABELS: Array<[RegExp, number]> = [
  [/\b(?:N[°O]?\.?\s*(?:DE\s*)?TICKET|TICKET\s*(?:N[°O]?\.?|NO\.?|NUM(?:ERO)?\.?|#)?)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/.]{0,20})/, 0.9],
  [/\b(?:VENTE|FACTURE|FACT|BON|RECU|NOTE|COMMANDE|CDE)\s*(?:N[°O]?\.?|NO\.?|#)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/.]{0,20})/, 0.8],
  [/\b(?:TRANS(?:ACTION)?|TRX|TR#|TRANS\.)\s*(?:N[°O]?\.?|#|ID)?\s*[:#-]?\s*([A-Z0-9][A-Z0-9\-/]{0,20})/, 0.65],
  [/\b(?:REF|REFERENCE|INVOICE|RECEIPT)\s*(?:N[°O]?\.?|#|NO\.?)?\s*[:#-]?\s*([A-Z0-9][A-Z0-9\-/]{0,20})/, 0.5],
];

export function readTicketNumber(lines: Line[], hints: OcrHint[], monthFirst: boolean): Field<string> | undefined {
  let best: Field<string> | undefined;
  for (const line of lines) {
    for (const [re, base] of TICKET_LABELS) {
      const m = re.exec(line.fold);
      const value = m?.[1]?.replace(/[.\-/]+$/, '');
      if (!value || !/\d/.test(value)) continue;
      if (findDates(value, { monthFirst }).length) continue;
      const confidence = round2(base * ocrFactor(line));
      if (!best || confidence > best.confidence) best = { value, confidence };
      break;
    }
  }
  if (!best) {
    const h = hints.find((x) => x.type === 'INVOICE_RECEIPT_ID' && /\d/.test(x.value));
    if (h) best = { value: h.value.trim(), confidence: round2(0.45 * clamp(h.confidence)) };
  }
  return best;
}

const NOT_AN_ITEM =
  /\b(TOTAL|T0TAL|SOUS[- ]?TOTAL|SUBTOTAL|NET A PAYER|A PAYER|TVA|T\.V\.A|H\.?T\b|TTC|RENDU|MONNAIE|ESPECES|CB|CARTE|CHEQUE|PAIEMENT|REGLEMENT|MONTANT|TAX|TEND|CHANGE|BALANCE|VISA|MASTERCARD|SANS CONTACT|AMOUNT|DUE|CASH)\b/;

export function readItems(lines: Line[], start: number, end: number, excluded: Set<number>): Array<{ label: string; amountCents: number; quantity?: number }> {
  const items: Array<{ label: string; amountCents: number; quantity?: number }> = [];
  let pendingLabel: string | undefined;
  for (const line of lines.slice(start, end)) {
    if (excluded.has(line.index)) {
      pendingLabel = undefined;
      continue;
    }
    if (NOT_AN_ITEM.test(line.fold)) {
      pendingLabel = undefined;
      continue;
    }
    const amount = line.amounts[line.amounts.length - 1];
    const labelText = (amount ? line.text.slice(0, amount.index) : line.text).replace(/\s{2,}/g, ' ').trim();
    const letters = fold(labelText).replace(/[^A-Z]/g, '').length;
    if (!amount) {
      pendingLabel = letters >= 2 && !/^[-=*_ .]+$/.test(labelText) ? labelText : undefined;
      continue;
    }
    // "2 x 1,30" / "0,850 kg x 3,20 EUR/kg" details under a label line.
    // Quantities: "2 x BAGUETTE", "0,850 kg x 3,20 EUR/kg", "Menu du jour 2 x 15,50", "2 Menu du jour".
    let quantity: number | undefined;
    const num = (t: string) => Number(t.replace(',', '.'));
    let label = labelText
      .replace(/\s+\d+(?:[.,]\d+)?\s*(?:€|EUR)?\s*\/\s*(?:KG|L|U|UNIT|PCE|PIECE)\b.*$/i, '')
      .replace(/^(\d+(?:[.,]\d+)?)\s*(?:KG\s*)?[xX*]\s*/i, (_, q: string) => {
        quantity = num(q);
        return '';
      })
      .replace(/\s+(\d+(?:[.,]\d+)?)\s*[xX*]\s*(?:\d+[.,]\d{2}\s*(?:€|EUR)?)?\s*$/, (_, q: string) => {
        quantity ??= num(q);
        return '';
      })
      // "BAGUETTE 1,30   2,60": the unit price is not part of the label.
      .replace(/\s+\d+[.,]\d{2}\s*(?:€|EUR)?$/i, '')
      .replace(/^(\d{1,2})\s+(?=[A-Za-zÀ-ÿ])/, (_, q: string) => {
        quantity ??= num(q);
        return '';
      })
      .replace(/[\s:.\-]+$/, '')
      .trim();
    const detailOnly = fold(label).replace(/\b(KG|G|X|EUR|L|U|UNIT)\b/g, '').replace(/[^A-Z]/g, '').length < 2;
    if (detailOnly) {
      if (!pendingLabel) continue;
      label = pendingLabel;
    }
    pendingLabel = undefined;
    if (fold(label).replace(/[^A-Z]/g, '').length < 2) continue;
    items.push({
      label,
      amountCents: amount.cents,
      ...(quantity !== undefined && Number.isFinite(quantity) && quantity > 0 && quantity < 1000 ? { quantity } : {}),
    });
  }
  return items;
}
