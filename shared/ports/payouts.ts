/** Payout batches, their items, residents' payout accounts and the files given to the bank. */
import type { Page } from './page';

/** The city's side of the transfers, from its configuration. */
export interface PayoutSettings {
  thresholdCents: number;
  debtor?: { name: string; iban: string; bic?: string; postcode: string; town: string };
}

export type PayoutBatchStatus = 'BUILDING' | 'READY' | 'SETTLED';
export type PayoutItemStatus = 'RESERVING' | 'PENDING' | 'POSTED' | 'VOIDED' | 'SKIPPED';

export interface PayoutBatch {
  payoutId: string;
  /** The schedule period the batch pays (YYYY-MM): one batch per period. */
  period: string;
  status: PayoutBatchStatus;
  createdAt: string;
  requestedExecutionDate: string;
  itemCount: number;
  totalCents: number;
  fileKey?: string;
  csvKey?: string;
  settledAt?: string;
}

export interface PayoutItem {
  payoutId: string;
  itemId: string;
  residentId: string;
  amountCents: number;
  status: PayoutItemStatus;
  creditor: { name: string; iban: string; bic?: string };
  voidReason?: string;
  updatedAt: string;
}

export interface PayoutAccount {
  iban: string;
  holderName: string;
  bic?: string;
  updatedAt: string;
}

export interface PayoutStore {
  /** Creates the batch of a period; returns the existing one when there is already one. */
  createBatch(batch: PayoutBatch): Promise<PayoutBatch>;
  getBatch(payoutId: string): Promise<PayoutBatch | undefined>;
  deleteBatch(payoutId: string): Promise<void>;
  markReady(payoutId: string, fields: { itemCount: number; totalCents: number; fileKey: string; csvKey: string }): Promise<void>;
  markSettled(payoutId: string, now: Date): Promise<void>;
  listBatches(limit: number, cursor?: string): Promise<Page<PayoutBatch>>;
  /** Creates an item in RESERVING state unless it exists; returns the stored item. */
  putItem(item: PayoutItem): Promise<PayoutItem>;
  markItemSkipped(payoutId: string, itemId: string): Promise<void>;
  getItem(payoutId: string, itemId: string): Promise<PayoutItem | undefined>;
  listItems(payoutId: string): Promise<PayoutItem[]>;
  getAccount(residentId: string): Promise<PayoutAccount | undefined>;
  putAccount(residentId: string, account: PayoutAccount): Promise<void>;
  /** Deletes the resident's payout account (erasure). */
  deleteAccount(residentId: string): Promise<void>;
  /** A finished item (posted, voided, skipped) names another resident from now on (an erased resident's pseudonym); false for one in flight. */
  reassignItem(payoutId: string, itemId: string, residentId: string): Promise<boolean>;
}

export interface DocumentStore {
  put(key: string, body: string, contentType: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}
