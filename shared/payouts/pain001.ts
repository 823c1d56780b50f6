import * as z from '../schema';
import { DomainError } from '../domain/errors';
import { decimalEuros } from '../domain/money';
import { BIC_PATTERN, formatIbanMasked, parseIban } from './iban';
import { escapeXml, sepaIdProblem, toSepaText } from './sepa-text';
import { csvCell, euros, toCsv, type CsvOptions } from '../reports/csv';

/**
 * SEPA credit transfer initiation files: ISO 20022 pain.001.001.09
 * (CustomerCreditTransferInitiationV09), the version of the EPC 2023 and 2025 SCT Customer-to-PSP
 * implementation guidelines, and a CSV of the same batch for the city's accountant.
 *
 * The generic ISO schema is looser than the EPC rules; this module follows the EPC rules:
 * - one PmtInf, PmtMtd TRF, BtchBookg true, PmtTpInf/SvcLvl/Cd SEPA at PmtInf level, ChrgBr SLEV;
 * - NbOfTxs and CtrlSum in both GrpHdr and PmtInf;
 * - names at most 70 characters (the XSD allows 140), remittance one Ustrd of at most 140;
 * - every text in the SEPA basic Latin character set (see sepa-text.ts), identifiers checked,
 *   never rewritten;
 * - amounts 0.01 to 999 999 999.99 EUR with exactly two decimals;
 * - the debtor's postal address, when given, structured (TwnNm and Ctry at least, as the 2025
 *   rulebooks' structured and hybrid formats require; unstructured AdrLine-only addresses are no
 *   longer allowed from 15 November 2026);
 * - DbtrAgt is mandatory in the XSD: BICFI when known, otherwise Othr/Id NOTPROVIDED;
 * - CdtrAgt is optional in the XSD and omitted when the payee's BIC is unknown (IBAN-only).
 */

export interface PostalAddress {
  street?: string;
  buildingNumber?: string;
  postcode: string;
  townName: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface PayoutBatchItem {
  /** <= 35 characters in the SEPA identifier set: the payout item id. Also used as InstrId. */
  endToEndId: string;
  /** Integer cents, 1 .. 99 999 999 999. */
  amountCents: number;
  creditor: { name: string; iban: string; bic?: string };
  /** Unstructured remittance text, transliterated and cut to 140 characters. */
  remittance: string;
}

export interface PayoutBatchFile {
  /** <= 35 characters, unique per file (e.g. the payout batch id). Also used as PmtInfId. */
  messageId: string;
  /** GrpHdr/CreDtTm, written in UTC without milliseconds. */
  createdAt: Date;
  /** YYYY-MM-DD: PmtInf/ReqdExctnDt/Dt. */
  requestedExecutionDate: string;
  debtor: { name: string; iban: string; bic?: string; address?: PostalAddress };
  items: PayoutBatchItem[];
}

export const PAIN_001_001_09_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** EPC maximum of one SCT: 999 999 999.99 EUR. */
export const MAX_AMOUNT_CENTS = 99_999_999_999;
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;

/** The batch cannot be turned into a file; `errors` lists every problem with its path. */
export class PayoutBatchError extends DomainError {
  override readonly name = 'PayoutBatchError';
  constructor(message: string, errors: Array<{ path: string; message: string }>) {
    super('INVALID_PAYOUT_BATCH', message, 422, errors);
  }
}

/** Sum of the items' cents, exact (BigInt) and checked to stay a safe integer. */
export function controlSumCents(items: ReadonlyArray<{ amountCents: number }>): number {
  let sum = 0n;
  for (const item of items) {
    if (!Number.isSafeInteger(item.amountCents)) throw new RangeError(`amountCents must be an integer, got ${item.amountCents}`);
    sum += BigInt(item.amountCents);
  }
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('The control sum exceeds the largest safe integer.');
  return Number(sum);
}

/** Integer cents as euros with two decimals and a dot (12345 -> "123.45"); a payment is never negative. */
export function formatCents(cents: number | bigint): string {
  if (cents < 0) throw new RangeError(`cents must not be negative, got ${cents}`);
  return decimalEuros(cents);
}

// ---------------------------------------------------------------------------------------------
// Validation and normalisation, shared by the XML and the CSV so that both always agree.

const Id = z.string().check(
  z.superRefine((id, ctx) => {
    const problem = sepaIdProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** A free text transliterated to the SEPA set, cut to `max`, and required to keep at least one character. */
const sepaText = (max: number, what: string) =>
  z.converted(z.string(), (value) => {
    const text = toSepaText(value, max);
    return text.length === 0 ? { ok: false, message: `${what} has no character that can be written in a SEPA file.` } : { ok: true, value: text };
  });

const Iban = z.converted(z.string(), (value) => {
  const parsed = parseIban(value);
  return parsed.ok ? { ok: true, value: parsed.iban } : { ok: false, message: parsed.reason };
});

const Bic = z.optional(z.string().check(z.regex(BIC_PATTERN, 'must be a BIC of 8 or 11 upper-case letters and digits (ISO 9362)')));

/** An optional free text transliterated and cut to `max`; left out when nothing of it is left. */
const optionalSepaText = (max: number) => z.pipe(z.optional(z.string()), z.transform((s: string | undefined) => (s === undefined ? undefined : toSepaText(s, max) || undefined)));

const Address = z.object({
  street: optionalSepaText(70),
  buildingNumber: optionalSepaText(16),
  postcode: sepaText(16, 'postcode'),
  townName: sepaText(35, 'townName'),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code in upper case')),
});

const Item = z.object({
  endToEndId: Id,
  amountCents: z.number().check(z.int('must be an integer number of cents'), z.positive('must be at least 1 cent'), z.maximum(MAX_AMOUNT_CENTS, 'must be at most 999 999 999.99 EUR')),
  creditor: z.object({ name: sepaText(NAME_MAX, 'creditor.name'), iban: Iban, bic: Bic }),
  remittance: z.pipe(z.string(), z.transform((s: string) => toSepaText(s, REMITTANCE_MAX))),
});

const Batch = z
  .object({
    messageId: Id,
    createdAt: z.date({ error: 'must be a valid Date' }),
    requestedExecutionDate: z.string().check(z.refine(isIsoDate, 'must be a calendar date YYYY-MM-DD')),
    debtor: z.object({ name: sepaText(NAME_MAX, 'debtor.name'), iban: Iban, bic: Bic, address: z.optional(Address) }),
    items: z.array(Item).check(z.minLength(1, 'a payout batch must have at least one item')),
  })
  .check(
    z.superRefine((batch, ctx) => {
      const seen = new Map<string, number>();
      batch.items.forEach((item, i) => {
        const first = seen.get(item.endToEndId);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'endToEndId'], message: `duplicates items.${first}.endToEndId` });
        } else seen.set(item.endToEndId, i);
      });
      const year = batch.createdAt.getUTCFullYear();
      if (year < 2000 || year > 9999) ctx.addIssue({ code: 'custom', path: ['createdAt'], message: 'must be between the years 2000 and 9999' });
    }),
  );

export type NormalizedPayoutBatch = z.output<typeof Batch>;

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Validates and normalises a batch (IBANs compacted, texts transliterated and cut); throws PayoutBatchError. */
export function normalizePayoutBatch(batch: PayoutBatchFile): NormalizedPayoutBatch {
  const parsed = Batch.safeParse(batch);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(batch)', message: i.message }));
    const first = errors[0];
    throw new PayoutBatchError(`The payout batch cannot be written as a SEPA file: ${first ? `${first.path} ${first.message}` : 'invalid'}.`, errors);
  }
  // The sum of at most MAX_AMOUNT_CENTS per item stays exact; controlSumCents checks the rest.
  try {
    controlSumCents(parsed.data.items);
  } catch (e) {
    throw new PayoutBatchError('The payout batch total is too large.', [{ path: 'items', message: (e as Error).message }]);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// pain.001.001.09

/** A tiny XML writer: elements with text or children, two-space indentation. */
type Node = { tag: string; attrs?: Record<string, string>; text?: string; children?: Array<Node | undefined> };

function el(tag: string, content: string | Array<Node | undefined>, attrs?: Record<string, string>): Node {
  return typeof content === 'string' ? { tag, text: content, ...(attrs ? { attrs } : {}) } : { tag, children: content, ...(attrs ? { attrs } : {}) };
}

function render(node: Node, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${pad}<${node.tag}${attrs}>${escapeXml(node.text)}</${node.tag}>`);
    return;
  }
  out.push(`${pad}<${node.tag}${attrs}>`);
  for (const child of node.children ?? []) if (child) render(child, depth + 1, out);
  out.push(`${pad}</${node.tag}>`);
}

function agent(bic: string | undefined): Node {
  return el('FinInstnId', [bic ? el('BICFI', bic) : el('Othr', [el('Id', 'NOTPROVIDED')])]);
}

function postalAddress(a: NormalizedPayoutBatch['debtor']['address']): Node | undefined {
  if (!a) return undefined;
  // PostalAddress24 order: ... StrtNm, BldgNb, ..., PstCd, TwnNm, ..., Ctry, AdrLine.
  return el('PstlAdr', [
    a.street ? el('StrtNm', a.street) : undefined,
    a.buildingNumber ? el('BldgNb', a.buildingNumber) : undefined,
    el('PstCd', a.postcode),
    el('TwnNm', a.townName),
    el('Ctry', a.country),
  ]);
}

/** ISO 8601 UTC without milliseconds: 2026-03-01T09:30:00Z. */
function isoDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The pain.001.001.09 document of a payout batch, UTF-8, pretty-printed, ending with a newline.
 * Throws PayoutBatchError (code INVALID_PAYOUT_BATCH) when the batch is not valid.
 */
export function buildPain001(input: PayoutBatchFile): string {
  const batch = normalizePayoutBatch(input);
  const nbOfTxs = String(batch.items.length);
  const ctrlSum = formatCents(controlSumCents(batch.items));
  const { debtor } = batch;

  const transactions = batch.items.map((item) =>
    el('CdtTrfTxInf', [
      el('PmtId', [el('InstrId', item.endToEndId), el('EndToEndId', item.endToEndId)]),
      el('Amt', [el('InstdAmt', formatCents(item.amountCents), { Ccy: 'EUR' })]),
      item.creditor.bic ? el('CdtrAgt', [agent(item.creditor.bic)]) : undefined,
      el('Cdtr', [el('Nm', item.creditor.name)]),
      el('CdtrAcct', [el('Id', [el('IBAN', item.creditor.iban)])]),
      item.remittance ? el('RmtInf', [el('Ustrd', item.remittance)]) : undefined,
    ]),
  );

  const doc = el('Document', [
    el('CstmrCdtTrfInitn', [
      el('GrpHdr', [
        el('MsgId', batch.messageId),
        el('CreDtTm', isoDateTime(batch.createdAt)),
        el('NbOfTxs', nbOfTxs),
        el('CtrlSum', ctrlSum),
        el('InitgPty', [el('Nm', debtor.name)]),
      ]),
      el('PmtInf', [
        el('PmtInfId', batch.messageId),
        el('PmtMtd', 'TRF'),
        el('BtchBookg', 'true'),
        el('NbOfTxs', nbOfTxs),
        el('CtrlSum', ctrlSum),
        el('PmtTpInf', [el('SvcLvl', [el('Cd', 'SEPA')])]),
        el('ReqdExctnDt', [el('Dt', batch.requestedExecutionDate)]),
        el('Dbtr', [el('Nm', debtor.name), postalAddress(debtor.address)]),
        el('DbtrAcct', [el('Id', [el('IBAN', debtor.iban)]), el('Ccy', 'EUR')]),
        el('DbtrAgt', [agent(debtor.bic)]),
        el('ChrgBr', 'SLEV'),
        ...transactions,
      ]),
    ]),
  ], { xmlns: PAIN_001_001_09_NS });

  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(doc, 0, out);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// CSV for the accountant

/** The header, in French like the rest of the city's accounting documents. */
export const PAYOUT_CSV_HEADER = ['reference', 'beneficiaire', 'iban', 'montant_eur', 'libelle'] as const;

export type PayoutCsvOptions = CsvOptions;

/**
 * The batch as CSV, written by the shared writer (shared/reports/csv.ts: RFC 4180, comma separator,
 * CRLF line ends, text cells guarded against spreadsheet formulas, optional BOM so that Excel reads
 * the masked IBAN's bullets right): a header, then one line per item in file order with the
 * EndToEndId, the creditor name as written in the XML, the masked IBAN ("FR76 •••• 0189"), the
 * amount as a number in euros with a dot and two decimals ("123.45", exactly the XML's InstdAmt,
 * so that the sum matches CtrlSum) and the remittance text.
 * Throws PayoutBatchError like buildPain001.
 */
export function buildPayoutCsv(input: PayoutBatchFile, options: PayoutCsvOptions = {}): string {
  const batch = normalizePayoutBatch(input);
  const rows = batch.items.map((item) => [
    item.endToEndId,
    item.creditor.name,
    formatIbanMasked(item.creditor.iban),
    euros(item.amountCents),
    item.remittance,
  ]);
  return toCsv(PAYOUT_CSV_HEADER, rows, options);
}

/** One field as the CSVs write it (kept here for existing callers; see shared/reports/csv.ts). */
export { csvCell };
