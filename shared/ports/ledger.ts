/**
 * The dotation ledger port (docs/contracts.md, section 3): double-entry accounts with stored balances and
 * immutable transfers with deterministic ids. The DynamoDB adapter writes each movement in one
 * transaction whose conditions are the guards.
 */
import { fundedBy, type Campaign } from '../domain/campaign';
import type { Page } from './page';
import type { CapCounter, CashbackOption, CreditRefusal, LoyaltyMark, PaidCredit, Tally } from '../domain/credit';
export type { CapCounter, CashbackOption, LoyaltyMark, PaidCredit, Tally, TallyCounter } from '../domain/credit';

export type AccountKind = 'CITY_FUNDING' | 'MERCHANT_DEPOSITS' | 'MERCHANT_FUNDS' | 'CAMPAIGN_BUDGET' | 'RESIDENT_WALLET' | 'PAYOUTS_IN_TRANSIT' | 'PAID_OUT';

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

export type TransferKind = 'DEPOSIT' | 'FUNDING' | 'TOP_UP' | 'CASHBACK' | 'REVERSAL' | 'CLOSE' | 'PAYOUT' | 'PAYOUT_POSTED' | 'PAYOUT_VOIDED' | 'WALLET_CLOSE';

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
  merchantId: string;
  totalCents: number;
  /**
   * What to pay, slot by slot: in each slot the first option that can still pay (cap and budget
   * not spent) is paid. Slot 0 is the best single campaign with its fallbacks; the others are
   * stacked campaigns. All slots together never pay more than the purchase.
   */
  credits: CashbackOption[][];
}

export type CashbackResult =
  | { outcome: 'CREDITED'; amountCents: number; credits: PaidCredit[]; loyalty?: LoyaltyMark[] }
  | { outcome: 'ALREADY_DONE' }
  | { outcome: 'REFUSED'; code: CreditRefusal };

/** One credit to take back: where its money returns depends on its campaign's state. */
export interface ReversalPart extends PaidCredit {
  /** The campaign's budget while it is open (active or paused); its funding account once closed. */
  returnTo: 'BUDGET' | { accountId: string; kind: AccountKind };
}

export interface ReversalRequest {
  receiptId: string;
  residentId: string;
  totalCents: number;
  credits: ReversalPart[];
  /** The loyalty tallies the credit advanced (kept on the receipt): each goes back by one purchase. */
  loyalty?: LoyaltyMark[];
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

import type { CampaignLedgerStats } from '../domain/campaign-stats';
export type { CampaignLedgerStats };

export interface Ledger {
  /** DRAFT -> ACTIVE and the dotation moved from the city's funding account to the campaign budget, atomically. */
  activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'>;
  /** More money for an active or paused campaign, from the city's funding account. Idempotent on `topUpId`. */
  topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source?: FundingAccount): Promise<'TOPPED_UP' | 'ALREADY_DONE'>;
  /** ACTIVE or PAUSED -> CLOSED and the whole remaining budget back to the city's funding account, atomically. */
  closeCampaign(campaignId: string, by: string, now: Date, source?: FundingAccount): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'>;
  /** One transaction: the transfer `cashback:<receiptId>`, the guarded budget, the wallet, the cap and the receipt. */
  creditCashback(request: CashbackRequest, now: Date): Promise<CashbackResult>;
  /** How much of a cap counter is used (cashback or purchase cents, by the cap's basis). */
  capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number>;
  /** A loyalty tally: the holder's counted purchases in the window and how many reached a bonus (zeros when none). */
  tally(campaignId: string, holderId: string, windowKey: string): Promise<Tally>;
  /** Whether the resident has a credited purchase at the shop (a welcome bonus goes to new customers only). */
  isCustomer(merchantId: string, residentId: string): Promise<boolean>;
  /** A shop's deposit for its welcome bonuses, received by the city. Idempotent on `reference`. */
  depositMerchantFunds(merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'>;
  /** Each credit's transfer `cashback:...` undone by `reversal:...`: the wallet (which may go negative) pays it back. */
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
  /**
   * Erasure: the resident's wallet becomes the pseudonym's, with its whole history (the transfers
   * keep their ids, amounts and dates; only the wallet's name changes). Every step balances.
   */
  renameWallet(fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'>;
  /** Erasure: transfer `wallet-close:<residentId>` brings the wallet to zero against the city's funding (forfeited, or written off when negative). */
  closeWallet(residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'>;
  /** Erasure: the cap counters, loyalty tallies, campaign markers and customer records naming the resident move to the pseudonym. */
  rekeyResidentRecords(fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void>;
  /**
   * The figures' counters (shared/domain/figures.ts) of the programme or one campaign over a range
   * of ISO weeks, kept in the transactions of credits, reversals and decisions: a few queries,
   * whatever the number of receipts.
   */
  figureBuckets(query: FiguresQuery): Promise<FigureBuckets>;
  /** The budgets of these campaigns, or of every campaign. */
  campaignBudgets(campaignIds?: readonly string[]): Promise<CampaignBudget[]>;
  /** Every stored figures counter, for reconciliation. */
  allFigureBuckets(): AsyncIterable<{ key: import('../domain/figures').BucketKey; counters: import('../domain/figures').Counters }>;
}

export interface FiguresQuery {
  /** One campaign's scope; the whole programme when absent. */
  campaignId?: string;
  /** ISO weeks (`2026-W09`), both included. */
  fromWeek?: string;
  toWeek?: string;
}

export interface FigureBuckets {
  /** The scope's weeks, every shop together (with refused and in-review receipts). */
  scopeWeeks: import('../domain/figures').StoredBucket[];
  /** Each shop's weeks in the scope. */
  shopWeeks: import('../domain/figures').StoredBucket[];
}

export interface CampaignBudget {
  campaignId: string;
  /** Dotation plus top-ups. */
  fundedCents: number;
  /** Cashback paid, net of reversals. */
  spentCents: number;
  returnedCents: number;
  remainingCents: number;
}

export const accountIds = {
  cityFunding: 'city:funding',
  payoutsInTransit: 'payouts:in-transit',
  paidOut: 'payouts:paid-out',
  budget: (campaignId: string) => `budget:${campaignId}`,
  /** Money shops hand to the city for their welcome bonuses and loyalty rewards (the source, like the city's funding). */
  merchantDeposits: 'merchants:deposits',
  /** One shop's deposited money not yet put into a campaign: welcome bonuses and loyalty rewards are funded from it. */
  merchantFunds: (merchantId: string) => `merchant:${merchantId}`,
  wallet: (residentId: string) => `wallet:${residentId}`,
};

/** The account a campaign's budget comes from and returns to: the city's, or a shop's deposit (welcome bonuses). */
export interface FundingAccount {
  accountId: string;
  kind: 'CITY_FUNDING' | 'MERCHANT_FUNDS';
}

export function fundingAccountOf(campaign: Pick<Campaign, 'kind' | 'merchantId'>): FundingAccount {
  const source = fundedBy(campaign);
  return source === 'CITY' ? { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' } : { accountId: accountIds.merchantFunds(source.merchantId), kind: 'MERCHANT_FUNDS' };
}
