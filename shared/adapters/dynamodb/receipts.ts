import { type TableClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from './client/commands';
import type { MatchDecision, Receipt, ReceiptStatus } from '../../domain/receipt';
import type { Rejection } from '../../domain/rejections';
import type { RuleTrace } from '../../domain/campaign';
import type { ParkingWait } from '../../domain/parking';
import type { Extraction } from '../../receipts/extraction';
import type { ReceiptErasure, ReceiptVersion } from '../../domain/privacy';
import type { Page, PhotoHashes, ReceiptListView, ReceiptStore, ReviewRecord } from '../../ports';
import { cursorFor, encodeCursor, keys } from './table';
import { isConditionFailure, queryAll } from './query';
import { counterUpdates } from './figures';
import { decisionChange } from '../../domain/figures';
import {
  batchDeleteDetails,
  deleteDetails,
  detailKey,
  discardDetails,
  isDetailItem,
  mergeReceipt,
  OCR_FILE_FIELDS,
  putDetails,
  splitFields,
  tokensOf,
  withDetails,
  type DetailPart,
  type DetailWrite,
} from './receipt-detail';

/** Before the status time of an erased receipt in its status list: after every ISO instant (see erasePersonalData). */
const ERASED_SORT_PREFIX = '~';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** The campaign a receipt in review was counted in (set when it was sent to review). */
function reviewCampaignOf(item: Record<string, unknown>): string | undefined {
  return typeof item.reviewCampaignId === 'string' ? item.reviewCampaignId : undefined;
}

function isCancelled(err: unknown): boolean {
  return (err as { name?: string })?.name === 'TransactionCanceledException';
}

/** `SET` clauses (and their names and values) for fields of a receipt; names are aliased, values prefixed. */
function setClauses(fields: Record<string, unknown>, prefix: string, names: Record<string, string>, values: Record<string, unknown>): string[] {
  const sets: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    names[`#${prefix}${k}`] = k;
    values[`:${prefix}${k}`] = v;
    sets.push(`#${prefix}${k} = :${prefix}${k}`);
  }
  return sets;
}

/**
 * Receipts on the single table: a small summary item that the lists read through the indexes, and
 * the bulky parts written once in detail items of the same partition (see receipt-detail.ts). Every
 * method returns whole receipts, as the in-memory store does.
 */
export class DynamoReceiptStore implements ReceiptStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async create(r: Receipt): Promise<void> {
    const { summary, details } = splitFields({ ...r });
    await putDetails(this.doc, this.table, r.receiptId, details);
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.receipt(r.receiptId), type: 'receipt', gsi1pk: `RESIDENT#${r.residentId}`, gsi1sk: `RECEIPT#${r.createdAt}#${r.receiptId}`, ...summary },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ).catch(async (err: unknown) => {
      if (isConditionFailure(err)) await discardDetails(this.doc, this.table, r.receiptId, details);
      throw err;
    });
  }

  /** The summary and the detail items of the receipt's partition, read together (one strongly consistent Query). */
  private async readPartition(receiptId: string): Promise<{ summary?: Record<string, unknown>; details: Map<string, Record<string, unknown>> }> {
    const details = new Map<string, Record<string, unknown>>();
    let summary: Record<string, unknown> | undefined;
    for await (const item of queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.receipt(receiptId).pk },
      ConsistentRead: true,
    })) {
      if (item.sk === keys.receipt(receiptId).sk) summary = item;
      else if (isDetailItem(item)) details.set(String(item.sk), item);
    }
    return { summary, details };
  }

  async get(receiptId: string): Promise<Receipt | undefined> {
    const { summary, details } = await this.readPartition(receiptId);
    return summary ? mergeReceipt(summary, details) : undefined;
  }

  /** One page of summaries through an index, with their details merged unless the caller wants the summaries only. */
  private async page(input: ConstructorParameters<typeof QueryCommand>[0], limit: number, view: ReceiptListView): Promise<Page<Receipt>> {
    const out = await this.doc.send(new QueryCommand({ ...input, Limit: limit }));
    const summaries = out.Items ?? [];
    const items = view === 'summary' ? summaries.map((s) => mergeReceipt(s, new Map())) : await withDetails(this.doc, this.table, summaries);
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  listByResident(residentId: string, limit: number, cursor?: string, view: ReceiptListView = 'whole'): Promise<Page<Receipt>> {
    const pk = `RESIDENT#${residentId}`;
    return this.page(
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'RECEIPT#' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', pk, cursor),
      },
      limit,
      view,
    );
  }

  listByStatus(status: ReceiptStatus, limit: number, cursor?: string, view: ReceiptListView = 'whole'): Promise<Page<Receipt>> {
    const pk = `RECEIPTS#${status}`;
    return this.page(
      {
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: true,
        ExclusiveStartKey: cursorFor('gsi2', pk, cursor),
      },
      limit,
      view,
    );
  }

  async *listByCampaign(campaignId: string): AsyncIterable<Pick<Receipt, 'receiptId' | 'status'>> {
    const items = queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': 'RECEIPT#' },
    });
    for await (const i of items) yield { receiptId: String(i.receiptId), status: i.status as ReceiptStatus };
  }

  async markProcessing(receiptId: string, now: Date): Promise<boolean> {
    return this.conditionalUpdate(receiptId, [], 'SET #s = :processing, updatedAt = :now', 'attribute_exists(pk) AND #s IN (:awaiting, :processing)', {
      ':processing': 'PROCESSING',
      ':awaiting': 'AWAITING_UPLOAD',
      ':now': now.toISOString(),
    });
  }

  saveExtraction(receiptId: string, sha256: string, extraction: Extraction, now: Date, photo?: PhotoHashes): Promise<boolean> {
    return this.saveOnce(receiptId, 'extraction', { extraction, sha256, ...(photo ?? {}) }, now);
  }

  saveDecision(receiptId: string, decision: MatchDecision, now: Date): Promise<boolean> {
    return this.saveOnce(receiptId, 'decision', { decision }, now);
  }

  markWaiting(receiptId: string, w: ParkingWait, now: Date): Promise<boolean> {
    return this.conditionalUpdate(receiptId, [], 'SET waiting = :w, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s', 'attribute_not_exists(decision) AND #s = :processing', {
      ':w': w,
      ':now': now.toISOString(),
      ':processing': 'PROCESSING',
      ':g2': 'RECEIPTS#PROCESSING',
      ':g2s': `${w.until}#${receiptId}`,
    });
  }

  async reject(receiptId: string, rejection: Rejection, now: Date, campaignId?: string, ruleTrace?: RuleTrace[]): Promise<boolean> {
    return this.moveToFinalOrReview(receiptId, 'REJECTED', { rejection, ...(ruleTrace ? { ruleTrace } : {}) }, now, campaignId);
  }

  async sendToReview(receiptId: string, review: NonNullable<Receipt['review']>, now: Date, campaignId?: string): Promise<boolean> {
    return this.moveToFinalOrReview(receiptId, 'IN_REVIEW', { review }, now, campaignId);
  }

  async approveReview(receiptId: string, decision: MatchDecision, reviewer: ReviewRecord, now: Date): Promise<boolean> {
    const receipt = await this.readSummary(receiptId);
    if (receipt?.status !== 'IN_REVIEW') return false;
    const { summary, details } = splitFields({ decision });
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':processing': 'PROCESSING', ':inReview': 'IN_REVIEW', ':r': reviewer, ':now': now.toISOString() };
    const sets = ['#s = :processing', ...setClauses(summary, 'f_', names, values), 'reviewDecision = :r', 'updatedAt = :now'];
    const items: TransactItems = [
      {
        Update: {
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE gsi2pk, gsi2sk`,
          ConditionExpression: '#s = :inReview',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      // The figures: one receipt fewer in review, in the same transaction as the move.
      ...counterUpdates(this.table, decisionChange(String(receipt.createdAt), { leftReview: true }, { review: reviewCampaignOf(receipt) })),
    ];
    return this.transactStep(receiptId, receipt, details, items);
  }

  async rejectReview(receiptId: string, rejection: Rejection, reviewer: ReviewRecord, now: Date, campaignId?: string): Promise<boolean> {
    const receipt = await this.readSummary(receiptId);
    if (receipt?.status !== 'IN_REVIEW') return false;
    const iso = now.toISOString();
    const items: TransactItems = [
      {
        Update: {
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: 'SET #s = :rejected, rejection = :rej, reviewDecision = :r, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s',
          ConditionExpression: '#s = :inReview',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':rejected': 'REJECTED', ':inReview': 'IN_REVIEW', ':rej': rejection, ':r': reviewer, ':now': iso, ':g2': 'RECEIPTS#REJECTED', ':g2s': `${iso}#${receiptId}` },
        },
      },
    ];
    if (campaignId) {
      items.push({ Put: { TableName: this.table, Item: { pk: `CAMPAIGN#${campaignId}`, sk: `RECEIPT#${receiptId}`, type: 'campaignReceipt', receiptId, status: 'REJECTED' } } });
    }
    // The figures: out of review, one more refused, in the same transaction as the move.
    items.push(...counterUpdates(this.table, decisionChange(String(receipt.createdAt), { leftReview: true, refused: true }, { review: reviewCampaignOf(receipt), now: campaignId })));
    return this.transactStep(receiptId, receipt, [], items);
  }

  private async moveToFinalOrReview(
    receiptId: string,
    status: 'REJECTED' | 'IN_REVIEW',
    fields: Record<string, unknown>,
    now: Date,
    campaignId?: string,
  ): Promise<boolean> {
    const receipt = await this.readSummary(receiptId);
    if (!receipt || (receipt.status !== 'PROCESSING' && receipt.status !== 'AWAITING_UPLOAD')) return false;
    const { summary, details, removed } = splitFields(fields);
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = {
      ':status': status,
      ':now': now.toISOString(),
      ':processing': 'PROCESSING',
      ':awaiting': 'AWAITING_UPLOAD',
      ':g2': `RECEIPTS#${status}`,
      ':g2s': `${now.toISOString()}#${receiptId}`,
    };
    const sets = ['#s = :status', 'updatedAt = :now', 'gsi2pk = :g2', 'gsi2sk = :g2s'];
    // The campaign a receipt in review was counted in, so that leaving review uncounts it there.
    if (status === 'IN_REVIEW' && campaignId) {
      values[':reviewCampaign'] = campaignId;
      sets.push('reviewCampaignId = :reviewCampaign');
    }
    sets.push(...setClauses(summary, 'f_', names, values));
    // A receipt written before the split may hold the moved field on its summary.
    const removes = removed.map((k) => {
      names[`#r_${k}`] = k;
      return `#r_${k}`;
    });
    const items: TransactItems = [
      {
        Update: {
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#s IN (:processing, :awaiting)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    if (campaignId) {
      items.push({
        Put: {
          TableName: this.table,
          Item: { pk: `CAMPAIGN#${campaignId}`, sk: `RECEIPT#${receiptId}`, type: 'campaignReceipt', receiptId, status },
        },
      });
    }
    // The figures: one more refused or in review, in the same transaction as the move.
    items.push(...counterUpdates(this.table, decisionChange(String(receipt.createdAt), status === 'REJECTED' ? { refused: true } : { enteredReview: true }, { now: campaignId })));
    return this.transactStep(receiptId, receipt, details, items);
  }

  /**
   * A step whose summary update is a transaction (with the figures): its detail items first, then
   * the transaction; a cancelled one deletes them again, a done one deletes the items of the same
   * parts it replaced (read with the summary as `before`).
   */
  private async transactStep(receiptId: string, before: Record<string, unknown>, details: readonly DetailWrite[], items: TransactItems): Promise<boolean> {
    await putDetails(this.doc, this.table, receiptId, details);
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if (!isCancelled(err)) throw err;
      await discardDetails(this.doc, this.table, receiptId, details);
      return false;
    }
    await this.dropReplaced(receiptId, before, details);
    return true;
  }

  /** Deletes the detail items a step's new ones replaced (best effort: the erasure deletes any left). */
  private async dropReplaced(receiptId: string, before: Record<string, unknown>, details: readonly DetailWrite[]): Promise<void> {
    const old = tokensOf(before);
    const replaced = details.filter((d) => old[d.part] && old[d.part] !== d.token).map((d) => detailKey(receiptId, d.part, old[d.part]!).sk);
    if (replaced.length) await deleteDetails(this.doc, this.table, receiptId, replaced).catch(() => undefined);
  }

  /**
   * A step written once while the receipt is PROCESSING (`once` not set yet): its detail items
   * first, then the conditional update of the summary; the details go again if the condition fails.
   */
  private async saveOnce(receiptId: string, once: 'extraction' | 'decision', fields: Record<string, unknown>, now: Date): Promise<boolean> {
    const { summary, details } = splitFields(fields);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':now': now.toISOString(), ':processing': 'PROCESSING' };
    const sets = [...setClauses(summary, 'f_', names, values), 'updatedAt = :now'];
    await putDetails(this.doc, this.table, receiptId, details);
    const done = await this.conditionalUpdate(receiptId, Object.entries(names), `SET ${sets.join(', ')}`, `attribute_not_exists(${once}) AND #s = :processing`, values);
    if (!done) await discardDetails(this.doc, this.table, receiptId, details);
    return done;
  }

  /** The summary item as stored (keys and detail tokens included), read consistently. */
  private readSummary(receiptId: string): Promise<Record<string, unknown> | undefined> {
    return this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(receiptId), ConsistentRead: true })).then((o) => o.Item);
  }

  private async conditionalUpdate(receiptId: string, names: Array<[string, string]>, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#s': 'status', ...Object.fromEntries(names) },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /**
   * Writes a receipt's erasure (see shared/domain/privacy.ts) if the receipt is still as it was
   * read; false when it changed meanwhile (read it again). A receipt given a pseudonym leaves its
   * resident's list for the pseudonym's. An erased receipt keeps its place in its status list
   * (reconcile reads every CREDITED one) but sorts after the others (`~` before its status time), so
   * that listPersonalDataDue reads only what is left to erase.
   *
   * The detail items are rewritten in place first (same tokens, so a summary that then fails its
   * condition still names consistent, already scrubbed items), then the summary; once it is
   * written, every detail item it does not name (a step that lost its race, a crash between a
   * step's two writes, an item replaced) is deleted, so no text outlives the erasure.
   */
  async erasePersonalData(receiptId: string, expected: ReceiptVersion, erasure: ReceiptErasure): Promise<boolean> {
    const { summary: item, details: stored } = await this.readPartition(receiptId);
    if (!item) return false;
    const tokens = tokensOf(item);
    // The ocr part also holds the file's hashes, which the erasure keeps.
    const ocr = tokens.ocr ? stored.get(detailKey(receiptId, 'ocr', tokens.ocr).sk) : undefined;
    const file = erasure.extraction && ocr ? Object.fromEntries(OCR_FILE_FIELDS.filter((k) => ocr[k] !== undefined).map((k) => [k, ocr[k]])) : {};
    const fields: Record<string, unknown> = { ...erasure, ...file };
    const { summary, details, removed } = splitFields(fields, tokens);
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':resident': expected.residentId, ':status': expected.status };
    const sets = setClauses(summary, 'e_', names, values);
    if (erasure.residentId !== undefined) {
      values[':g1'] = `RESIDENT#${erasure.residentId}`;
      sets.push('gsi1pk = :g1');
    }
    const conditions = ['residentId = :resident', '#s = :status'];
    if (expected.personalDataErasedAt === undefined) conditions.push('attribute_not_exists(personalDataErasedAt)');
    else {
      values[':erasedAt'] = expected.personalDataErasedAt;
      conditions.push('personalDataErasedAt = :erasedAt');
    }
    const g2s = item.gsi2sk as string | undefined;
    if (g2s !== undefined) {
      values[':g2s'] = g2s;
      conditions.push('gsi2sk = :g2s');
      if (!g2s.startsWith(ERASED_SORT_PREFIX)) {
        values[':g2sErased'] = `${ERASED_SORT_PREFIX}${g2s}`;
        sets.push('gsi2sk = :g2sErased');
      }
    }
    const removes = removed.map((k) => {
      names[`#r_${k}`] = k;
      return `#r_${k}`;
    });
    await putDetails(this.doc, this.table, receiptId, details);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Items in place stay (the summary still names them); new ones go.
      await discardDetails(this.doc, this.table, receiptId, details.filter((d) => tokens[d.part] !== d.token));
      return false;
    }
    const named = new Set(Object.entries({ ...tokens, ...Object.fromEntries(details.map((d) => [d.part, d.token])) }).map(([part, t]) => detailKey(receiptId, part as DetailPart, t!).sk));
    const unnamed = [...stored.keys()].filter((sk) => !named.has(sk)).map((sk) => ({ pk: keys.receipt(receiptId).pk, sk }));
    await batchDeleteDetails(this.doc, this.table, unnamed);
    return true;
  }

  /** Receipts in `status` since before `before` (an instant) whose personal data is not erased yet, oldest first. */
  async listPersonalDataDue(status: 'CREDITED' | 'REJECTED', before: string, limit: number): Promise<Receipt[]> {
    const found: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
          FilterExpression: 'attribute_not_exists(personalDataErasedAt)',
          ExpressionAttributeValues: { ':pk': `RECEIPTS#${status}`, ':before': before },
          ScanIndexForward: true,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && found.length < limit);
    return withDetails(this.doc, this.table, found.slice(0, limit));
  }
}
