import type { DocumentStore, Page, PayoutAccount, PayoutBatch, PayoutItem, PayoutStore } from '../../ports';
import { ConditionFailedError, copy, pageOf, sortedBy } from './cursor';
import { MemoryTables } from './tables';

/** Payout batches, items and residents' payout accounts in memory, with the DynamoDB store's conditions. */
export class MemoryPayoutStore implements PayoutStore {
  readonly batches = new Map<string, PayoutBatch>();
  readonly accounts = new Map<string, PayoutAccount>();

  constructor(readonly tables: MemoryTables = new MemoryTables()) {}

  async createBatch(batch: PayoutBatch): Promise<PayoutBatch> {
    const existing = this.batches.get(batch.payoutId);
    if (existing) return copy(existing);
    this.batches.set(batch.payoutId, copy(batch));
    return batch;
  }

  async getBatch(payoutId: string): Promise<PayoutBatch | undefined> {
    const b = this.batches.get(payoutId);
    return b ? copy(b) : undefined;
  }

  async deleteBatch(payoutId: string): Promise<void> {
    if (this.batches.get(payoutId)?.status === 'BUILDING') this.batches.delete(payoutId);
  }

  async markReady(payoutId: string, fields: { itemCount: number; totalCents: number; fileKey: string; csvKey: string }): Promise<void> {
    const b = this.batches.get(payoutId);
    if (b?.status !== 'BUILDING' && b?.status !== 'READY') throw new ConditionFailedError(`payout ${payoutId} is not building`);
    Object.assign(b, fields, { status: 'READY' });
  }

  async markSettled(payoutId: string, now: Date): Promise<void> {
    const b = this.batches.get(payoutId);
    if (b?.status !== 'READY' && b?.status !== 'SETTLED') throw new ConditionFailedError(`payout ${payoutId} is not ready`);
    b.status = 'SETTLED';
    b.settledAt ??= now.toISOString();
  }

  async listBatches(limit: number, cursor?: string): Promise<Page<PayoutBatch>> {
    const page = pageOf('payouts', sortedBy(this.batches.values(), (b) => `${b.createdAt}#${b.payoutId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  private items(payoutId: string): Map<string, PayoutItem> {
    let items = this.tables.payoutItems.get(payoutId);
    if (!items) this.tables.payoutItems.set(payoutId, (items = new Map()));
    return items;
  }

  async putItem(item: PayoutItem): Promise<PayoutItem> {
    const existing = this.items(item.payoutId).get(item.itemId);
    if (existing) return copy(existing);
    this.items(item.payoutId).set(item.itemId, copy(item));
    return item;
  }

  async markItemSkipped(payoutId: string, itemId: string): Promise<void> {
    const item = this.tables.payoutItems.get(payoutId)?.get(itemId);
    if (item?.status === 'RESERVING') item.status = 'SKIPPED';
  }

  async getItem(payoutId: string, itemId: string): Promise<PayoutItem | undefined> {
    const item = this.tables.payoutItems.get(payoutId)?.get(itemId);
    return item ? copy(item) : undefined;
  }

  async listItems(payoutId: string): Promise<PayoutItem[]> {
    return sortedBy(this.tables.payoutItems.get(payoutId)?.values() ?? [], (i) => i.itemId).map(({ item }) => copy(item));
  }

  async getAccount(residentId: string): Promise<PayoutAccount | undefined> {
    const a = this.accounts.get(residentId);
    return a ? copy(a) : undefined;
  }

  async putAccount(residentId: string, account: PayoutAccount): Promise<void> {
    this.accounts.set(residentId, copy(account));
  }

  async deleteAccount(residentId: string): Promise<void> {
    this.accounts.delete(residentId);
  }

  async reassignItem(payoutId: string, itemId: string, residentId: string): Promise<boolean> {
    const item = this.tables.payoutItems.get(payoutId)?.get(itemId);
    if (item?.status !== 'POSTED' && item?.status !== 'VOIDED' && item?.status !== 'SKIPPED') return false;
    item.residentId = residentId;
    return true;
  }
}

/** Files given to the bank, in memory. */
export class MemoryDocuments implements DocumentStore {
  readonly files = new Map<string, { body: string; contentType: string }>();
  async put(key: string, body: string, contentType: string): Promise<void> {
    this.files.set(key, { body, contentType });
  }
  async get(key: string): Promise<string | undefined> {
    return this.files.get(key)?.body;
  }
}
