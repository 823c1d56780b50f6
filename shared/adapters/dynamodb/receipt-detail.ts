import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, DeleteCommand, type TableClient, PutCommand } from './client/commands';
import { ConsistentBatchReader } from './batch-get';
import type { Receipt } from '../../domain/receipt';
import { stripKeys } from './query';

/*
 * A receipt on the table is two kinds of items in its partition `RECEIPT#<id>`:
 *
 * - the summary (`sk RECEIPT`): status, dates, owner, amounts, what the ledger and the lists need.
 *   It carries the index keys (gsi1 always, gsi2 once in a status list), and both indexes project
 *   every attribute, so each write of it is billed for its whole size once per index it is in, and
 *   twice again inside a transaction (the credit). It must stay small: under 1 KB.
 * - details (`sk DETAIL#<part>#<token>`, type `receiptDetail`): the bulky parts written once by one
 *   step, with no index keys, billed once per write and never in an index.
 *
 * The parts, and why each moves out of the summary:
 * - `ocr` (saveExtraction): the extraction but for the few fields a list shows (engine, confidence,
 *   date, total), so the OCR text (up to 8,000 characters), the line items, the shop's identifiers,
 *   the time and means of payment; and the file's hashes written with it (SHA-256, the perceptual
 *   hash and its three turns: 64 hex digits each), which only the pipeline reads, by `get`.
 * - `decision` (saveDecision, approveReview): the decision's explanation, rule trace and planned
 *   credits (a campaign's id and name per slot). The shop, date and totals stay: the ledger's
 *   transaction reads the summary's decision for them.
 * - `review` (sendToReview): the reasons, candidates and look-alikes staff see.
 * - `ruleTrace` (reject): the rules that led to a rejection.
 *
 * One item per part, not one detail item for all: an update is billed for the larger of the item
 * before and after, so a single detail item holding the OCR text would make every later part's
 * write cost the text again.
 *
 * Each part's item is named by a fresh random token, and the summary names the current item of
 * each part (`ocrDetail`, `decisionDetail`, ...). A step writes its detail item first (a plain Put
 * of a new key: a retry writes another one, nothing blocks it), then the conditional update of the
 * summary that makes the step visible and names the token. So a half-finished step never shows (no
 * token, no detail), and a step that lost its condition to another attempt cannot overwrite the
 * winner's detail: its own item is left unnamed, and deleted (at once when the condition fails,
 * or by the erasure, which deletes every detail item the summary does not name). The detail write
 * is not put in the summary's transaction: a transaction bills every item twice, and the token
 * already gives the ordering the transaction would.
 */

export type DetailPart = 'ocr' | 'decision' | 'review' | 'ruleTrace';

const PARTS: readonly DetailPart[] = ['ocr', 'decision', 'review', 'ruleTrace'];

/** The summary attribute that names each part's current detail item. */
export const TOKEN_ATTRIBUTE: Record<DetailPart, string> = { ocr: 'ocrDetail', decision: 'decisionDetail', review: 'reviewDetail', ruleTrace: 'ruleTraceDetail' };

/** The extraction's fields kept on the summary: what the resident's list shows without the details. */
const SUMMARY_EXTRACTION_FIELDS = new Set(['engine', 'confidence', 'purchaseDate', 'totalCents']);

/** The decision's fields moved to its detail item. */
const DETAIL_DECISION_FIELDS = new Set(['explanation', 'trace', 'credits']);

/** Receipt fields written with the extraction and kept in its detail item. */
export const OCR_FILE_FIELDS = ['sha256', 'perceptualHash', 'perceptualHashTurned'] as const;

const DETAIL_PREFIX = 'DETAIL#';

export function detailKey(receiptId: string, part: DetailPart, token: string) {
  return { pk: `RECEIPT#${receiptId}`, sk: `${DETAIL_PREFIX}${part}#${token}` };
}

export function isDetailItem(item: Record<string, unknown>): boolean {
  return typeof item.sk === 'string' && item.sk.startsWith(DETAIL_PREFIX);
}

function newToken(): string {
  return randomBytes(4).toString('hex');
}

/** The token of each part the summary item names. */
export function tokensOf(summary: Record<string, unknown>): Partial<Record<DetailPart, string>> {
  const tokens: Partial<Record<DetailPart, string>> = {};
  for (const part of PARTS) {
    const t = summary[TOKEN_ATTRIBUTE[part]];
    if (typeof t === 'string') tokens[part] = t;
  }
  return tokens;
}

function pick(obj: Record<string, unknown>, keep: (k: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k, v]) => v !== undefined && keep(k)));
}

/** One detail item to write: its part, token and attributes (beside the keys). */
export interface DetailWrite {
  part: DetailPart;
  token: string;
  fields: Record<string, unknown>;
}

/**
 * Splits receipt fields about to be written into what the summary gets (with the tokens naming the
 * new detail items) and the detail items to write first. `tokens`: reuse these tokens (the erasure
 * rewrites the current items in place); parts without one get a fresh token. `removed`: whole
 * fields that move to a detail item and must leave the summary (a receipt written before the split
 * may hold them there).
 */
export function splitFields(
  fields: Record<string, unknown>,
  tokens: Partial<Record<DetailPart, string>> = {},
): { summary: Record<string, unknown>; details: DetailWrite[]; removed: string[] } {
  const summary: Record<string, unknown> = { ...fields };
  const details: DetailWrite[] = [];
  const removed: string[] = [];
  const add = (part: DetailPart, detail: Record<string, unknown>) => {
    const token = tokens[part] ?? newToken();
    details.push({ part, token, fields: detail });
    summary[TOKEN_ATTRIBUTE[part]] = token;
  };
  const extraction = fields.extraction as Record<string, unknown> | undefined;
  if (extraction !== undefined) {
    summary.extraction = pick(extraction, (k) => SUMMARY_EXTRACTION_FIELDS.has(k));
    const file: Record<string, unknown> = {};
    for (const k of OCR_FILE_FIELDS) {
      if (fields[k] !== undefined) file[k] = fields[k];
      delete summary[k];
    }
    add('ocr', { extraction: pick(extraction, (k) => !SUMMARY_EXTRACTION_FIELDS.has(k)), ...file });
  }
  const decision = fields.decision as Record<string, unknown> | undefined;
  if (decision !== undefined) {
    summary.decision = pick(decision, (k) => !DETAIL_DECISION_FIELDS.has(k));
    add('decision', { decision: pick(decision, (k) => DETAIL_DECISION_FIELDS.has(k)) });
  }
  for (const part of ['review', 'ruleTrace'] as const) {
    if (fields[part] === undefined) continue;
    delete summary[part];
    removed.push(part);
    add(part, { [part]: fields[part] });
  }
  return { summary, details, removed };
}

/**
 * The receipt from its summary item and the detail items read with it (keyed by sort key). A part
 * is merged only when the summary names its item: the summary's update is what makes a step
 * happen. Summary attributes that are not part of a receipt (keys, tokens) are dropped.
 */
export function mergeReceipt(summary: Record<string, unknown>, details: ReadonlyMap<string, Record<string, unknown>>): Receipt {
  const r = stripKeys<Record<string, unknown>>(summary);
  const receiptId = String(summary.receiptId);
  for (const part of PARTS) {
    const token = r[TOKEN_ATTRIBUTE[part]];
    delete r[TOKEN_ATTRIBUTE[part]];
    if (typeof token !== 'string') continue;
    const d = details.get(detailKey(receiptId, part, token).sk);
    if (!d) continue;
    if (part === 'ocr') {
      if (r.extraction && d.extraction) r.extraction = { ...(r.extraction as object), ...(d.extraction as object) };
      for (const k of OCR_FILE_FIELDS) if (d[k] !== undefined) r[k] = d[k];
    } else if (part === 'decision') {
      if (r.decision && d.decision) r.decision = { ...(r.decision as object), ...(d.decision as object) };
    } else if (d[part] !== undefined) {
      r[part] = d[part];
    }
  }
  return r as unknown as Receipt;
}

/** Writes detail items (plain Puts of their own keys: nothing to condition, a retry writes others). */
export async function putDetails(doc: TableClient, table: string, receiptId: string, writes: readonly DetailWrite[]): Promise<void> {
  await Promise.all(
    writes.map((w) =>
      doc.send(new PutCommand({ TableName: table, Item: { ...detailKey(receiptId, w.part, w.token), type: 'receiptDetail', receiptId, ...w.fields } })),
    ),
  );
}

/** Deletes detail items by sort key (items a failed step wrote, or a summary no longer names). */
export async function deleteDetails(doc: TableClient, table: string, receiptId: string, sortKeys: readonly string[]): Promise<void> {
  await Promise.all(sortKeys.map((sk) => doc.send(new DeleteCommand({ TableName: table, Key: { pk: `RECEIPT#${receiptId}`, sk } }))));
}

/** Deletes what a step wrote when its summary update did not happen; a failure here only leaves an unnamed item behind. */
export async function discardDetails(doc: TableClient, table: string, receiptId: string, writes: readonly DetailWrite[]): Promise<void> {
  await deleteDetails(doc, table, receiptId, writes.map((w) => detailKey(receiptId, w.part, w.token).sk)).catch(() => undefined);
}

/**
 * Receipts from summary items read through an index: their detail items read with BatchGetItem
 * (100 keys a call, strongly consistent, since a detail is written just before its summary), then
 * merged. Costs one read unit per detail item of up to 4 KB.
 */
export async function withDetails(doc: TableClient, table: string, summaries: readonly Record<string, unknown>[]): Promise<Receipt[]> {
  const reader = new ConsistentBatchReader(doc, table);
  const read = await Promise.all(
    summaries.map(async (s) => {
      const receiptId = String(s.receiptId);
      const tokens = tokensOf(s);
      const keys = PARTS.flatMap((part) => (tokens[part] ? [detailKey(receiptId, part, tokens[part]!)] : []));
      const items = await Promise.all(keys.map((k) => reader.get(k)));
      return new Map(items.flatMap((item) => (item ? [[String(item.sk), item] as const] : [])));
    }),
  );
  return summaries.map((s, i) => mergeReceipt(s, read[i]!));
}

/** Deletes detail items in batches of 25 (the erasure's unnamed items). */
export async function batchDeleteDetails(doc: TableClient, table: string, keysToDelete: ReadonlyArray<{ pk: string; sk: string }>): Promise<void> {
  const requests = keysToDelete.map((Key) => ({ DeleteRequest: { Key } }));
  for (let i = 0; i < requests.length; i += 25) {
    let pending: typeof requests = requests.slice(i, i + 25);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 6) throw new Error(`Receipt details: ${pending.length} deletes still unprocessed after 6 attempts`);
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}
