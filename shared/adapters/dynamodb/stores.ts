import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Campaign } from '../../domain/campaign';
import type { MatchDecision, Receipt, ReceiptStatus } from '../../domain/receipt';
import type { Rejection } from '../../domain/rejections';
import type { RuleTrace } from '../../domain/campaign';
import type { Extraction } from '../../receipts/extraction';
import type { ReceiptErasure, ReceiptVersion } from '../../domain/privacy';
import type { CampaignStore, ClaimStore, Page, PhotoHashes, ReceiptStore, ReviewRecord } from '../../ports';
import { cursorFor, keys } from './table';
import { isConditionFailure, queryAll, queryAllAs, queryPage, stripKeys } from './query';
import { counterUpdates } from './figures';
import { decisionChange } from '../../domain/figures';

/** Before the status time of an erased receipt in its status list: after every ISO instant (see erasePersonalData). */
const ERASED_SORT_PREFIX = '~';

/** The campaign a receipt in review was counted in (set when it was sent to review). */
function reviewCampaignOf(item: Record<string, unknown>): string | undefined {
  return typeof item.reviewCampaignId === 'string' ? item.reviewCampaignId : undefined;
}

export class DynamoReceiptStore implements ReceiptStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  async create(r: Receipt): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.receipt(r.receiptId), type: 'receipt', gsi1pk: `RESIDENT#${r.residentId}`, gsi1sk: `RECEIPT#${r.createdAt}#${r.receiptId}`, ...r },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(receiptId: string): Promise<Receipt | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(receiptId), ConsistentRead: true }));
    return out.Item ? stripKeys<Receipt>(out.Item) : undefined;
  }

  listByResident(residentId: string, limit: number, cursor?: string): Promise<Page<Receipt>> {
    const pk = `RESIDENT#${residentId}`;
    return queryPage<Receipt>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'RECEIPT#' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', pk, cursor),
      },
      limit,
    );
  }

  listByStatus(status: ReceiptStatus, limit: number, cursor?: string): Promise<Page<Receipt>> {
    const pk = `RECEIPTS#${status}`;
    return queryPage<Receipt>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: true,
        ExclusiveStartKey: cursorFor('gsi2', pk, cursor),
      },
      limit,
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
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: 'SET #s = :processing, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #s IN (:awaiting, :processing)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':processing': 'PROCESSING', ':awaiting': 'AWAITING_UPLOAD', ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async saveExtraction(receiptId: string, sha256: string, extraction: Extraction, now: Date, photo?: PhotoHashes): Promise<boolean> {
    return this.conditionalUpdate(
      receiptId,
      `SET extraction = :e, sha256 = :h, updatedAt = :now${photo ? ', perceptualHash = :p, perceptualHashTurned = :pt' : ''}`,
      'attribute_not_exists(extraction) AND #s = :processing',
      {
        ':e': extraction, ':h': sha256, ':now': now.toISOString(), ':processing': 'PROCESSING',
        ...(photo ? { ':p': photo.perceptualHash, ':pt': photo.perceptualHashTurned } : {}),
      },
    );
  }

  async saveDecision(receiptId: string, decision: MatchDecision, now: Date): Promise<boolean> {
    return this.conditionalUpdate(
      receiptId,
      'SET decision = :d, updatedAt = :now',
      'attribute_not_exists(decision) AND #s = :processing',
      { ':d': decision, ':now': now.toISOString(), ':processing': 'PROCESSING' },
    );
  }

  markWaiting(receiptId: string, w: import('../../domain/parking').ParkingWait, now: Date): Promise<boolean> {
    return this.conditionalUpdate(receiptId, 'SET waiting = :w, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s', 'attribute_not_exists(decision) AND #s = :processing', { ':w': w, ':now': now.toISOString(), ':processing': 'PROCESSING', ':g2': 'RECEIPTS#PROCESSING', ':g2s': `${w.until}#${receiptId}` });
  }

  async reject(receiptId: string, rejection: Rejection, now: Date, campaignId?: string, ruleTrace?: RuleTrace[]): Promise<boolean> {
    return this.moveToFinalOrReview(receiptId, 'REJECTED', { rejection, ...(ruleTrace ? { ruleTrace } : {}) }, now, campaignId);
  }

  async sendToReview(receiptId: string, review: NonNullable<Receipt['review']>, now: Date, campaignId?: string): Promise<boolean> {
    return this.moveToFinalOrReview(receiptId, 'IN_REVIEW', { review }, now, campaignId);
  }

  async approveReview(receiptId: string, decision: MatchDecision, reviewer: ReviewRecord, now: Date): Promise<boolean> {
    const receipt = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(receiptId), ConsistentRead: true })).then((o) => o.Item);
    if (receipt?.status !== 'IN_REVIEW') return false;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: keys.receipt(receiptId),
                UpdateExpression: 'SET #s = :processing, decision = :d, reviewDecision = :r, updatedAt = :now REMOVE gsi2pk, gsi2sk',
                ConditionExpression: '#s = :inReview',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':processing': 'PROCESSING', ':inReview': 'IN_REVIEW', ':d': decision, ':r': reviewer, ':now': now.toISOString() },
              },
            },
            // The figures: one receipt fewer in review, in the same transaction as the move.
            ...counterUpdates(this.table, decisionChange(String(receipt.createdAt), { leftReview: true }, { review: reviewCampaignOf(receipt) })),
          ],
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string })?.name === 'TransactionCanceledException') return false;
      throw err;
    }
  }

  async rejectReview(receiptId: string, rejection: Rejection, reviewer: ReviewRecord, now: Date, campaignId?: string): Promise<boolean> {
    const receipt = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(receiptId), ConsistentRead: true })).then((o) => o.Item);
    if (receipt?.status !== 'IN_REVIEW') return false;
    const iso = now.toISOString();
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
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
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if ((err as { name?: string })?.name === 'TransactionCanceledException') return false;
      throw err;
    }
  }

  private async moveToFinalOrReview(
    receiptId: string,
    status: 'REJECTED' | 'IN_REVIEW',
    fields: Record<string, unknown>,
    now: Date,
    campaignId?: string,
  ): Promise<boolean> {
    const receipt = await this.get(receiptId);
    if (!receipt || (receipt.status !== 'PROCESSING' && receipt.status !== 'AWAITING_UPLOAD')) return false;
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
    for (const [k, v] of Object.entries(fields)) {
      names[`#${k}`] = k;
      values[`:${k}`] = v;
      sets.push(`#${k} = :${k}`);
    }
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: `SET ${sets.join(', ')}`,
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
    items.push(...counterUpdates(this.table, decisionChange(receipt.createdAt, status === 'REJECTED' ? { refused: true } : { enteredReview: true }, { now: campaignId })));
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException || (err as { name?: string })?.name === 'TransactionCanceledException') return false;
      throw err;
    }
  }

  private async conditionalUpdate(receiptId: string, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: condition.includes('#s') ? { '#s': 'status' } : undefined,
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
   */
  async erasePersonalData(receiptId: string, expected: ReceiptVersion, erasure: ReceiptErasure): Promise<boolean> {
    const raw = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.receipt(receiptId), ConsistentRead: true }));
    const item = raw.Item;
    if (!item) return false;
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':resident': expected.residentId, ':status': expected.status };
    const sets: string[] = [];
    for (const [k, v] of Object.entries(erasure)) {
      if (v === undefined) continue;
      names[`#e_${k}`] = k;
      values[`:e_${k}`] = v;
      sets.push(`#e_${k} = :e_${k}`);
    }
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
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.receipt(receiptId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Receipts in `status` since before `before` (an instant) whose personal data is not erased yet, oldest first. */
  async listPersonalDataDue(status: 'CREDITED' | 'REJECTED', before: string, limit: number): Promise<Receipt[]> {
    const found: Receipt[] = [];
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
      found.push(...(out.Items ?? []).map((i) => stripKeys<Receipt>(i)));
      start = out.LastEvaluatedKey;
    } while (start && found.length < limit);
    return found.slice(0, limit);
  }
}

export class DynamoClaimStore implements ClaimStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  async claim(key: string, receiptId: string): Promise<string> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.claim(key), type: 'claim', receiptId },
          ConditionExpression: 'attribute_not_exists(pk) OR receiptId = :id',
          ExpressionAttributeValues: { ':id': receiptId },
        }),
      );
      return receiptId;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.claim(key), ConsistentRead: true }));
      return String(out.Item?.receiptId ?? '');
    }
  }

  async tally(key: string, receiptId: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `TALLY#${key}`, sk: 'TALLY' },
        UpdateExpression: 'SET #type = :type ADD receiptIds :one',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'tally', ':one': new Set([receiptId]) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const ids = out.Attributes?.receiptIds as Set<string> | undefined;
    return ids?.size ?? 1;
  }

  /** Deletes the claims and the tallies under these keys (a resident's erasure); absent ones are no error. */
  async forget(keysToForget: { claims: readonly string[]; tallies: readonly string[] }): Promise<void> {
    const deletes = [
      ...[...new Set(keysToForget.claims)].map((k) => keys.claim(k)),
      ...[...new Set(keysToForget.tallies)].map((k) => ({ pk: `TALLY#${k}`, sk: 'TALLY' })),
    ].map((Key) => ({ DeleteRequest: { Key } }));
    for (let i = 0; i < deletes.length; i += 25) {
      let pending: typeof deletes = deletes.slice(i, i + 25);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > 6) throw new Error(`Claims: ${pending.length} deletes still unprocessed after 6 attempts`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (out.UnprocessedItems?.[this.table] ?? []) as typeof deletes;
      }
    }
  }
}

export class DynamoCampaignStore implements CampaignStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly table: string) {}

  async create(c: Campaign): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.campaign(c.campaignId), type: 'campaign', gsi1pk: 'CAMPAIGNS', gsi1sk: `${c.createdAt}#${c.campaignId}`, ...c },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(campaignId: string): Promise<Campaign | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.campaign(campaignId), ConsistentRead: true }));
    return out.Item ? stripKeys<Campaign>(out.Item) : undefined;
  }

  async replaceDraft(c: Campaign): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.campaign(c.campaignId), type: 'campaign', gsi1pk: 'CAMPAIGNS', gsi1sk: `${c.createdAt}#${c.campaignId}`, ...c },
          ConditionExpression: '#s = :draft',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':draft': 'DRAFT' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async transition(campaignId: string, from: Campaign['status'], to: Campaign['status'], now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaign(campaignId),
          UpdateExpression: 'SET #s = :to, updatedAt = :now',
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':to': to, ':from': from, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  list(limit: number, cursor?: string): Promise<Page<Campaign>> {
    return queryPage<Campaign>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CAMPAIGNS' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', 'CAMPAIGNS', cursor),
      },
      limit,
    );
  }

  listActive(): Promise<Campaign[]> {
    return queryAllAs(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: '#s = :active',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pk': 'CAMPAIGNS', ':active': 'ACTIVE' },
      },
      (i) => stripKeys<Campaign>(i),
    );
  }
}
