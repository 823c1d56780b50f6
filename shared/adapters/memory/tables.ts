import type { Campaign } from '../../domain/campaign';
import type { Receipt, ReceiptStatus } from '../../domain/receipt';
import type { PayoutItem } from '../../ports/payouts';
import { MemoryFigures } from './figures';

/** A receipt as stored, with its place in a status list (the table's gsi2), if it is listed. */
export interface StoredReceipt {
  receipt: Receipt;
  listed?: { status: ReceiptStatus; sortKey: string };
}

/**
 * What the in-memory stores share, as the DynamoDB adapters share one table: the ledger's credit
 * moves a receipt to CREDITED and marks it in its campaign, its activation moves the campaign,
 * its payout movements move payout items, and both count in the figures. Each store owns its part; the ledger writes the others'
 * in the same synchronous step as its own (all or nothing).
 */
export class MemoryTables {
  readonly receipts = new Map<string, StoredReceipt>();
  /** Per campaign, its receipts' last known status (the table's CAMPAIGN#/RECEIPT# markers). */
  readonly campaignReceipts = new Map<string, Map<string, ReceiptStatus>>();
  readonly campaigns = new Map<string, Campaign>();
  /** Payout items by payout, then by item id. */
  readonly payoutItems = new Map<string, Map<string, PayoutItem>>();
  /** The figures' counters, changed with the decisions and movements they count. */
  readonly figures = new MemoryFigures();

  markCampaignReceipt(campaignId: string, receiptId: string, status: ReceiptStatus): void {
    let marks = this.campaignReceipts.get(campaignId);
    if (!marks) this.campaignReceipts.set(campaignId, (marks = new Map()));
    marks.set(receiptId, status);
  }
}
