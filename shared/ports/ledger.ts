/**
 * The dotation ledger port (DESIGN section 3): double-entry accounts with stored balances and
 * immutable transfers with deterministic ids. The DynamoDB adapter writes each movement in one
 * transaction whose conditions are the guards.
 */
import type { Campaign } from '../domain/campaign';
import type { Page } from './index';

export type AccountKind = 'CITY_FUNDING' | 'CAMPAIGN_BUDGET' | 'RESIDENT_WALLET' | 'PAYOUTS_IN_TRANSIT' | 'PAID_OUT';

export interface Account {
  accountId: string;
  kind: AccountKind;
  /** credits - debits, in cents. */
  balanceCents: number;
  debitsCents: number;
  creditsCents: number;
  /** Wallets only: reserved by a payout batch not yet settled, and paid out for good. */
  pendingPayoutCents: number;
  paidOutCents: number;
  /** Wallets only: the resident, and the unsettled payout batch that holds this wallet, if any. */
  residentId?: string;
  inPayout?: string;
}

export type TransferKind = 'FUNDING' | 'TOP_UP' | 'CASHBACK' | 'REVERSAL' | 'CLOSE' | 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED';

export interface Transfer {
  transferId: string;
  kind: TransferKind;
  debitAccountId: string;
  creditAccountId: string;
  amountCents: number;
  campaignId?: string;
  receiptId?: string;
  /** Why, for movements decided by people (top-ups, reversals). */
  reason?: string;
  /** Who decided it (the staff member's id), for movements decided by people. */
  by?: string;
  createdAt: string;
}

/** One side of a transfer as an account sees it: positive when credited, negative when debited. */
export interface LedgerEntry {
  transferId: string;
  kind: TransferKind;
  amountCents: number;
  counterpartyAccountId: string;
  campaignId?: string;
  receiptId?: string;
  createdAt: string;
}

export interface CashbackRequest {
  receiptId: string;
  residentId: string;
  campaignId: string;
  merchantId: string;
  /** What the campaign's rules grant before the cap and the remaining budget. */
  desiredCents: number;
  totalCents: number;
  cap?: { amountCents: number; windowKey: string };
}

export type CashbackResult =
  | { outcome: 'CREDITED'; amountCents: number }
  | { outcome: 'ALREADY_DONE' }
  | { outcome: 'REFUSED'; code: 'BUDGET_EXHAUSTED' | 'CAP_REACHED' };

export interface ReversalRequest {
  receiptId: string;
  residentId: string;
  campaignId: string;
  amountCents: number;
  totalCents: number;
  /** Releases the resident's cap usage in this window. */
  capWindowKey?: string;
  /** Where the money goes back: the campaign budget while it is open (active or paused), the city's funding account once closed. */
  toBudget: boolean;
  reason: string;
  by: string;
  rejectionMessage: string;
}

/** A payout item as the ledger moves it: wallet -> in transit (pending), then posted or voided. */
export interface PayoutMovement {
  payoutId: string;
  itemId: string;
  residentId: string;
  amountCents: number;
}

export interface CampaignLedgerStats {
  /** Dotation plus top-ups. */
  fundedCents: number;
  /** Cashback paid into wallets, net of reversals. */
  creditedCents: number;
  reversedCents: number;
  /** Given back to the city: the remainder when the campaign closed, and reversals after that. */
  returnedCents: number;
  remainingCents: number;
  salesCents: number;
  creditedReceipts: number;
  residents: number;
  merchants: number;
}

export interface Ledger {
  /** DRAFT -> ACTIVE and the dotation moved from the city's funding account to the campaign budget, atomically. */
  activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'>;
  /** More money for an active or paused campaign, from the city's funding account. Idempotent on `topUpId`. */
  topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date): Promise<'TOPPED_UP' | 'ALREADY_DONE'>;
  /** ACTIVE or PAUSED -> CLOSED and the whole remaining budget back to the city's funding account, atomically. */
  closeCampaign(campaignId: string, by: string, now: Date): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'>;
  /** One transaction: the transfer `cashback:<receiptId>`, the guarded budget, the wallet, the cap and the receipt. */
  creditCashback(request: CashbackRequest, now: Date): Promise<CashbackResult>;
  /** The transfer `reversal:<receiptId>`: the wallet (which may go negative) pays the cashback back. */
  reverseCashback(request: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'>;
  /**
   * Phase one of a payout: the wallet's balance moves to payouts in transit and the wallet is held
   * by the batch until the item is posted or voided. Refused when the wallet holds less, or is
   * held by another batch.
   */
  reservePayout(item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'>;
  /** The bank confirmed: in transit -> paid out, and the wallet is released. */
  postPayout(item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'>;
  /** The bank returned it: in transit -> back to the wallet, and the wallet is released. */
  voidPayout(item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'>;
  getAccount(accountId: string): Promise<Account | undefined>;
  /** An account's entries, newest first. */
  entries(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>>;
  campaignStats(campaignId: string): Promise<CampaignLedgerStats>;
  allAccounts(): AsyncIterable<Account>;
  allTransfers(): AsyncIterable<Transfer>;
  /** Every entry of every account, for reconciliation. */
  allEntries(): AsyncIterable<LedgerEntry & { accountId: string }>;
  /** Wallets whose balance is at least `minCents`. */
  walletsWithBalance(minCents: number): AsyncIterable<Account>;
}

export const accountIds = {
  cityFunding: 'city:funding',
  payoutsInTransit: 'payouts:in-transit',
  paidOut: 'payouts:paid-out',
  budget: (campaignId: string) => `budget:${campaignId}`,
  wallet: (residentId: string) => `wallet:${residentId}`,
};
