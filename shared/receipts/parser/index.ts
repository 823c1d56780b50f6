/**
 * The French receipt parser: OCR lines (any engine) -> Extraction. Pure TypeScript, no I/O.
 *
 * It reads what a French till receipt prints (shop sign, SIRET/SIREN/TVA, phone, address,
 * date and time, total TTC, payment, ticket number, items) with labels and patterns rather than
 * positions, so it does not depend on one till's layout. AnalyzeExpense hints are used as
 * supporting evidence (they raise or lower a field's confidence, and fill a field the lines do
 * not give, with a low confidence), never as the truth: AnalyzeExpense does not read French.
 *
 * Every field carries a confidence 0..1; `confidence` is the receipt's: low when the total or
 * the date is missing or disputed, or when neither the SIRET nor the shop sign and postcode were
 * found, so that doubtful receipts go to review.
 */
import type { OcrResult } from '../../ocr/types';
import { Extraction } from '../extraction';
import { MAX_TEXT_LENGTH, clamp, round2 } from './common';
import { prepareLines, looksAmerican } from './lines';
import { readTotal } from './total';
import { readDate, readTime } from './date-time';
import { readIdentifiers } from './identifiers';
import { readPhone, readAddress } from './phone-address';
import { readShopSign } from './shop-sign';
import { readPayment, readTicketNumber, readItems } from './payment-ticket-items';
import { readParking } from './parking';

export { MAX_TEXT_LENGTH, PAYMENT_MEANS, type PaymentMeans } from './common';

export function parseReceipt(ocr: OcrResult): Extraction {
  const lines = prepareLines(ocr.lines ?? []);
  const hints = (ocr.hints ?? []).filter((h) => typeof h.value === 'string' && h.value.trim() !== '');
  const monthFirst = looksAmerican(lines);

  const ids = readIdentifiers(lines, hints);
  const { date: printedDate, line: dateLine } = readDate(lines, hints, monthFirst);
  const time = readTime(lines, dateLine);
  const { field: rawTotal, line: totalLine } = readTotal(lines, hints);
  // A parking ticket (parking.ts): paid at a car park's exit, so its date is the exit's, not the entry's.
  const parking = readParking(lines, { total: rawTotal, totalLine, date: printedDate, monthFirst });
  const date =
    parking.parking && parking.paidOn && parking.paidOn.value !== printedDate?.value
      ? { value: parking.paidOn.value, confidence: Math.min(printedDate?.confidence ?? 0.8, parking.paidOn.confidence) }
      : printedDate;
  const phone = readPhone(lines, hints);

  // The header ends at the first line with an amount (the first item), or at the total.
  const firstAmountLine = lines.find((l) => l.amounts.length > 0 && !ids.lines.has(l.index))?.index ?? lines.length;
  const itemsStart = Math.min(firstAmountLine, totalLine ?? lines.length);
  const address = readAddress(lines, hints, itemsStart);

  const excluded = new Set<number>([...ids.lines, ...phone.lines, ...address.lines]);
  if (dateLine !== undefined) excluded.add(dateLine);
  const shopSign = readShopSign(lines, hints, excluded, itemsStart, monthFirst, address.city?.value);

  // Items: lines with an amount between the header and the total.
  const itemsEnd = totalLine ?? lines.length;
  let headerEnd = 0;
  for (const l of lines.slice(0, itemsEnd)) {
    if (l.amounts.length > 0 && !excluded.has(l.index)) break;
    headerEnd = l.index + 1;
  }
  // A label line right above the first priced line belongs to the items.
  const itemsFrom = Math.max(0, headerEnd > 0 && lines[headerEnd - 1] && !excluded.has(headerEnd - 1) ? headerEnd - 1 : headerEnd);
  const lineItems = totalLine !== undefined ? readItems(lines, itemsFrom, itemsEnd, excluded) : [];
  const total = rawTotal;

  const paymentMeans = readPayment(lines, total?.value, totalLine);
  const ticketNumber = readTicketNumber(lines, hints, monthFirst);

  // The receipt's confidence: the weakest of what the match stage needs, tempered by the rest.
  const identity = Math.max(
    ids.siret?.confidence ?? 0,
    Math.min(shopSign?.confidence ?? 0, address.postcode?.confidence ?? 0),
    ids.siren ? ids.siren.confidence * 0.9 : 0,
  );
  const core = [total?.confidence ?? 0, date?.confidence ?? 0, identity];
  let confidence = 0.6 * Math.min(...core) + 0.4 * (core.reduce((s, x) => s + x, 0) / core.length);
  if (!total && !date) confidence = Math.min(confidence, 0.15);
  else if (!total) confidence = Math.min(confidence, 0.3);
  else if (!date) confidence = Math.min(confidence, 0.4);
  if (!ids.siret && !(shopSign && address.postcode)) confidence = Math.min(confidence, 0.5);
  if (lines.length === 0) confidence = 0;

  const text = (ocr.lines ?? [])
    .map((l) => (typeof l?.text === 'string' ? l.text : ''))
    .join('\n')
    .slice(0, MAX_TEXT_LENGTH);

  const extraction = {
    engine: ocr.engine,
    ...(shopSign ? { shopSign } : {}),
    ...(ids.siret ? { siret: ids.siret } : {}),
    ...(ids.siren ? { siren: ids.siren } : {}),
    ...(ids.vatNumber ? { vatNumber: ids.vatNumber } : {}),
    ...(phone.phone ? { phone: phone.phone } : {}),
    ...(address.street ? { street: address.street } : {}),
    ...(address.postcode ? { postcode: address.postcode } : {}),
    ...(address.city ? { city: address.city } : {}),
    ...(date ? { purchaseDate: date } : {}),
    ...(time ? { purchaseTime: time } : {}),
    ...(total ? { totalCents: total } : {}),
    ...(paymentMeans ? { paymentMeans } : {}),
    ...(ticketNumber ? { ticketNumber } : {}),
    lineItems,
    ...(parking.parking ? { parking: parking.parking } : {}),
    ...(parking.fine ? { parkingFine: parking.fine } : {}),
    confidence: round2(clamp(confidence)),
    ...(text ? { text } : {}),
  };
  return validated(extraction);
}

/** The extraction as the schema wants it; a field that fails (a bug, not a receipt) is dropped, not thrown. */
function validated(extraction: Record<string, unknown>): Extraction {
  const first = Extraction.safeParse(extraction);
  if (first.success) return first.data;
  const bad = new Set(first.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(Object.entries(extraction).filter(([k]) => !bad.has(k) || k === 'engine'));
  if (bad.has('lineItems')) kept.lineItems = [];
  if (bad.has('confidence')) kept.confidence = 0;
  return Extraction.parse(kept);
}

/** At or above this confidence for both the total and the date, a reading holds together. */
export const HOLDS_AT = 0.75;

/**
 * How good a reading of a receipt is, for an engine choosing between readings (renderings of one
 * photo): the parser's confidence in the total and the date (which says how many of the
 * receipt's own cross-checks agree), and the engine's confidence in its characters. It holds
 * together when both the total and the date are confident: another reading would not do better.
 */
export function judgeReading(ocr: OcrResult): { score: number; holds: boolean } {
  const e = parseReceipt(ocr);
  const total = e.totalCents?.confidence ?? 0;
  const date = e.purchaseDate?.confidence ?? 0;
  let chars = 0;
  let weighted = 0;
  for (const l of ocr.lines ?? []) {
    const n = typeof l?.text === 'string' ? l.text.trim().length : 0;
    chars += n;
    weighted += n * (Number.isFinite(l.confidence) ? clamp(l.confidence) : 0);
  }
  const ocrConfidence = chars ? weighted / chars : 0;
  return { score: round2(0.4 * total + 0.35 * date + 0.25 * ocrConfidence), holds: total >= HOLDS_AT && date >= HOLDS_AT };
}
