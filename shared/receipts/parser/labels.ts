/**
 * Labels: the words that name a total (TOTAL TTC, NET A PAYER, MONTANT...), by strength, and those
 * that never do (sub-totals, change, tax lines, counts of items). French first; the commonest
 * German and English words too (SUMME, ZU ZAHLEN, RÜCKGELD, MWST; AMOUNT DUE, TOTAL ROUNDED,
 * CHANGE, ROUNDING ADJ, GST/SST, TOTAL QTY), since residents near a border and tourists' shops
 * print them. The arithmetic cross-checks (cross-checks.ts) do not depend on any of these words.
 */
import type { Line } from './common';

// OCR-tolerant spellings of the words that matter most.
const TOTAL = String.raw`T[O0Q]T[A4][LI1|]`;
const PAYER = String.raw`P[A4]Y[E3]R`;

/** Total labels by strength (matched on folded text). */
const TOTAL_LABELS: Array<[RegExp, number]> = [
  [new RegExp(String.raw`\b${TOTAL}\s*\.?\s*T\.?\s?T\.?\s?C\b`), 10],
  [new RegExp(String.raw`\bNET\s*(A|À)?\s*${PAYER}\b`), 10],
  [new RegExp(String.raw`\b${TOTAL}\s*(A|À)\s*${PAYER}\b`), 10],
  [new RegExp(String.raw`\bMONTANT\s*(T\.?T\.?C|(A|À)\s*${PAYER}|DU|TOTAL)\b`), 10],
  [new RegExp(String.raw`\b(GRAND|NETT?|ROUNDED)\s*${TOTAL}\b|\b${TOTAL}\s*(EUROS?|EUR|€|DUE|NETT?|TICKET|GENERAL|CLIENT|PAYABLE|ROUNDED|AFTER ROUNDING)\b`), 9.5],
  [/\b(AMOUNT|BALANCE)\s*DUE\b|\bAMOUNT PAYABLE\b/, 9.5],
  [/\b(ENDSUMME|GESAMTSUMME|GESAMTBETRAG|ZAHLBETRAG|RECHNUNGSBETRAG|ZU ZAHLEN|TOTAL AMOUNT)\b/, 9.5],
  [/\b(SUMME|GESAMT)\b/, 8.5],
  [new RegExp(String.raw`\b${TOTAL}\b`), 8.5],
  [new RegExp(String.raw`(^|\s)(A|À)\s*${PAYER}\b`), 8.5],
  [new RegExp(String.raw`\b(${TOTAL}|NET|MONTANT)?\s*(A|À)\s*REGLER\b`), 9],
  [/^NET\b/, 7],
  [/\bT\.?T\.?C\b/, 7],
  [/\bMONTANT\b|\bAMOUNT\b|\bSOMME\b|\bBETRAG\b/, 5],
  [
    /\b(CB|C\.B\.?|CARTE|CARTE BANCAIRE|CARTE BLEUE|PAIEMENT|REGLEMENT|REGLE|VISA|MASTERCARD|MAESTRO|AMEX|DEBIT|SANS CONTACT|CONTACTLESS|PAYE|TEND|CREDIT CARD|DEBIT CARD|CARD|EFTPOS|AMOUNT PAID|PAID|APPLE PAY|GOOGLE PAY|EC[- ]?KARTE|GIROCARD|KARTENZAHLUNG)\b/,
    5,
  ],
  [/\b(ESPECES|ESP|CASH|CHEQUE|CHQ|TICKET RESTAURANT|TITRE RESTAURANT|GEGEBEN)\b|^BAR(\s+(EUR|EURO|€))?\s*(?=-?\d|$)/, 3],
];

/** Never a total: sub-totals, change, discounts, loyalty. */
export const HARD_NOT_TOTAL =
  /\b(SOUS[- ]?TOTAL|SS[- ]?TOTAL|S\/ ?TOTAL|S\. ?TOTAL|SUB ?TOTAL|SUBTOTAL|RENDU|A RENDRE|MONNAIE|CHANGE|REMISES?|ECONOMI\w*|RESTE|POURBOIRE|FIDELITE|CAGNOTTE|AVANTAGES?|POINTS?|PTS|ACOMPTE|ARRONDI|DONT|QTE|QUANTITE|SOLDE FIDELITE|BON D'ACHAT|TICKET N|PLAFOND|AUTORISATION|ZWISCHENSUMME|RUCKGELD|WECHSELGELD|ZURUCK|RABATT|PUNKTE|ROUNDING|ROUND(?:ING)? ADJ\w*|ADJUSTMENT|QTY|QUANTITY|(?:TOTAL|NO\.? OF|NUMBER OF) ITEMS?|ITEMS? ?\(S\)|ITEM COUNT|DISCOUNTS?|SAVINGS?|YOU SAVED|TIPS?|GRATUITY|DEPOSIT|BALANCE(?! ?DUE))\b/;
/** Not a TTC total unless the line says TTC: tax lines and their bases. */
export const SOFT_NOT_TOTAL = /\b(H\.? ?T\.?|HORS TAXES?|TVA|T\.V\.A\.?|TAXES?|TAX|BASE|TAUX|TX|MWST|UST|NETTO|STEUER|GST|SST|VAT|EXCL\w*)\b/;
const SAYS_TTC = /\bT\.?\s?T\.?\s?C\b|TVA INCL|TAXES? INCL|TAX INCL|(GST|SST|TAX|VAT) INCL|\bINCL\w*\.? (OF |W\/ ?)?(GST|SST|TAX|VAT)|INKL\.? (MWST|UST)/;

export function totalLabelScore(folded: string): number {
  if (HARD_NOT_TOTAL.test(folded)) return 0;
  if (SOFT_NOT_TOTAL.test(folded) && !SAYS_TTC.test(folded)) return 0;
  for (const [re, score] of TOTAL_LABELS) if (re.test(folded)) return score;
  return 0;
}

/** Letters on a line, ignoring currency words: to tell a label line from a bare amount line. */
export function labelLetters(line: Line): number {
  return line.fold.replace(/\b(EUR|EUROS|USD|TTC)\b|[^A-Z]/g, '').length;
}
