import type { RuleTrace } from '../../domain/campaign';
import type { ReceiptErasure, ReceiptVersion } from '../../domain/privacy';
import type { MatchDecision, Receipt, ReceiptStatus, ReviewRecord } from '../../domain/receipt';
import type { ParkingWait } from '../../domain/parking';
import type { Rejection } from '../../domain/rejections';
import type { Extraction } from '../../receipts/extraction';
import { decisionChange } from '../../domain/figures';
import type { Page, PhotoHashes, ReceiptStore } from '../../ports';
import { ConditionFailedError, copy, pageOf, sortedBy } from './cursor';
import { MemoryTables, type StoredReceipt } from './tables';

/** Before the status time of an erased receipt in its status list: after every ISO instant (as on the table). */
const ERASED_SORT_PREFIX = '~';

/**
 * Receipts in memory with the DynamoDB store's conditions: each move is allowed from the same
 * statuses only, a receipt is listed by status from its rejection, review or credit on (oldest
 * first), by resident newest first, and marked in its campaign when a campaign is named.
 */
export class MemoryReceiptStore implements ReceiptStore {
  constructor(readonly tables: MemoryTables = new MemoryTables()) {}

  private stored(receiptId: string): StoredReceipt | undefined {
    return this.tables.receipts.get(receiptId);
  }

  async create(receipt: Receipt): Promise<void> {
    if (this.tables.receipts.has(receipt.receiptId)) throw new ConditionFailedError(`receipt ${receipt.receiptId} exists`);
    this.tables.receipts.set(receipt.receiptId, { receipt: copy(receipt) });
  }

  async get(receiptId: string): Promise<Receipt | undefined> {
    const s = this.stored(receiptId);
    return s ? copy(s.receipt) : undefined;
  }

  async listByResident(residentId: string, limit: number, cursor?: string): Promise<Page<Receipt>> {
    const mine = [...this.tables.receipts.values()].map((s) => s.receipt).filter((r) => r.residentId === residentId);
    const page = pageOf(`resident:${residentId}`, sortedBy(mine, (r) => `${r.createdAt}#${r.receiptId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  async listByStatus(status: ReceiptStatus, limit: number, cursor?: string): Promise<Page<Receipt>> {
    const page = pageOf(`status:${status}`, this.statusList(status), 'ASC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  private statusList(status: ReceiptStatus) {
    const listed = [...this.tables.receipts.values()].filter((s) => s.listed?.status === status);
    return sortedBy(listed, (s) => s.listed!.sortKey).map(({ key, item }) => ({ key, item: item.receipt as Receipt }));
  }

  async *listByCampaign(campaignId: string): AsyncIterable<Pick<Receipt, 'receiptId' | 'status'>> {
    const marks = [...(this.tables.campaignReceipts.get(campaignId) ?? new Map<string, ReceiptStatus>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [receiptId, status] of marks) yield { receiptId, status };
  }

  async markProcessing(receiptId: string, now: Date): Promise<boolean> {
    const s = this.stored(receiptId);
    if (!s || (s.receipt.status !== 'AWAITING_UPLOAD' && s.receipt.status !== 'PROCESSING')) return false;
    Object.assign(s.receipt, { status: 'PROCESSING', updatedAt: now.toISOString() });
    return true;
  }

  async saveExtraction(receiptId: string, sha256: string, extraction: Extraction, now: Date, photo?: PhotoHashes): Promise<boolean> {
    const s = this.stored(receiptId);
    if (!s || s.receipt.extraction !== undefined || s.receipt.status !== 'PROCESSING') return false;
    Object.assign(s.receipt, { extraction: copy(extraction), sha256, updatedAt: now.toISOString(), ...(photo ? copy(photo) : {}) });
    return true;
  }

  async saveDecision(receiptId: string, decision: MatchDecision, now: Date): Promise<boolean> {
    const s = this.stored(receiptId);
    if (!s || s.receipt.decision !== undefined || s.receipt.status !== 'PROCESSING') return false;
    Object.assign(s.receipt, { decision: copy(decision), updatedAt: now.toISOString() });
    return true;
  }

  async markWaiting(receiptId: string, waiting: ParkingWait, now: Date): Promise<boolean> {
    const s = this.stored(receiptId);
    if (!s || s.receipt.status !== 'PROCESSING' || s.receipt.decision !== undefined) return false;
    Object.assign(s.receipt, { waiting: copy(waiting), updatedAt: now.toISOString() });
    s.listed = { status: 'PROCESSING', sortKey: `${waiting.until}#${receiptId}` };
    return true;
  }

  async reject(receiptId: string, rejection: Rejection, now: Date, campaignId?: string, ruleTrace?: RuleTrace[]): Promise<boolean> {
    return this.moveFromProcessing(receiptId, 'REJECTED', { rejection, ...(ruleTrace ? { ruleTrace } : {}) }, now, campaignId);
  }

  async sendToReview(receiptId: string, review: NonNullable<Receipt['review']>, now: Date, campaignId?: string): Promise<boolean> {
    return this.moveFromProcessing(receiptId, 'IN_REVIEW', { review }, now, campaignId);
  }

  private moveFromProcessing(receiptId: string, status: 'REJECTED' | 'IN_REVIEW', fields: Partial<Receipt>, now: Date, campaignId?: string): boolean {
    const s = this.stored(receiptId);
    if (!s || (s.receipt.status !== 'PROCESSING' && s.receipt.status !== 'AWAITING_UPLOAD')) return false;
    // The campaign a receipt in review is counted in, so that leaving review uncounts it there.
    this.move(s, status, { ...fields, ...(status === 'IN_REVIEW' && campaignId ? { reviewCampaignId: campaignId } : {}) }, now);
    if (campaignId) this.tables.markCampaignReceipt(campaignId, receiptId, status);
    this.tables.figures.apply(decisionChange(s.receipt.createdAt, status === 'REJECTED' ? { refused: true } : { enteredReview: true }, { now: campaignId }));
    return true;
  }

  /** Sets the status and fields, and lists the receipt under its new status (the time it moved). */
  private move(s: StoredReceipt, status: ReceiptStatus, fields: Partial<Receipt> & Record<string, unknown>, now: Date): void {
    const iso = now.toISOString();
    Object.assign(s.receipt, copy(fields), { status, updatedAt: iso });
    s.listed = { status, sortKey: `${iso}#${s.receipt.receiptId}` };
  }

  async approveReview(receiptId: string, decision: MatchDecision, reviewer: ReviewRecord, now: Date): Promise<boolean> {
    const s = this.stored(receiptId);
    if (s?.receipt.status !== 'IN_REVIEW') return false;
    const review = reviewCampaignOf(s.receipt);
    Object.assign(s.receipt, { status: 'PROCESSING', decision: copy(decision), reviewDecision: copy(reviewer), updatedAt: now.toISOString() });
    delete s.listed;
    this.tables.figures.apply(decisionChange(s.receipt.createdAt, { leftReview: true }, { review }));
    return true;
  }

  async rejectReview(receiptId: string, rejection: Rejection, reviewer: ReviewRecord, now: Date, campaignId?: string): Promise<boolean> {
    const s = this.stored(receiptId);
    if (s?.receipt.status !== 'IN_REVIEW') return false;
    const review = reviewCampaignOf(s.receipt);
    this.move(s, 'REJECTED', { rejection, reviewDecision: reviewer }, now);
    if (campaignId) this.tables.markCampaignReceipt(campaignId, receiptId, 'REJECTED');
    this.tables.figures.apply(decisionChange(s.receipt.createdAt, { leftReview: true, refused: true }, { review, now: campaignId }));
    return true;
  }

  async erasePersonalData(receiptId: string, expected: ReceiptVersion, erasure: ReceiptErasure): Promise<boolean> {
    const s = this.stored(receiptId);
    if (!s) return false;
    const r = s.receipt;
    if (r.residentId !== expected.residentId || r.status !== expected.status || r.personalDataErasedAt !== expected.personalDataErasedAt) return false;
    for (const [k, v] of Object.entries(erasure)) if (v !== undefined) Object.assign(r, { [k]: copy(v) });
    if (s.listed && !s.listed.sortKey.startsWith(ERASED_SORT_PREFIX)) s.listed = { ...s.listed, sortKey: `${ERASED_SORT_PREFIX}${s.listed.sortKey}` };
    return true;
  }

  async listPersonalDataDue(status: 'CREDITED' | 'REJECTED', before: string, limit: number): Promise<Receipt[]> {
    return this.statusList(status)
      .filter(({ key, item }) => key < before && item.personalDataErasedAt === undefined)
      .slice(0, limit)
      .map(({ item }) => copy(item));
  }
}

/** The campaign a receipt in review was counted in (stored with it when it was sent to review, as on the table). */
function reviewCampaignOf(r: Receipt): string | undefined {
  const id = (r as Receipt & { reviewCampaignId?: unknown }).reviewCampaignId;
  return typeof id === 'string' ? id : undefined;
}
