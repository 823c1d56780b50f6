import type { Campaign } from '../../domain/campaign';
import { allocateCredits } from '../../domain/credit';
import { COUNTER_NAMES, zeroCounters, type BucketKey, type Counters } from '../../domain/figures';
import { campaignStatsOf } from '../../domain/campaign-stats';
import {
  accountIds,
  type Account,
  type CampaignBudget,
  type CampaignLedgerStats,
  type FigureBuckets,
  type FiguresQuery,
  type CashbackRequest,
  type CashbackResult,
  type FundingAccount,
  type Ledger,
  type LedgerEntry,
  type Page,
  type PayoutMovement,
  type ReversalRequest,
  type Tally,
  type Transfer,
} from '../../ports';
import { copy, pageOf, sortedBy } from './cursor';
import { MemoryTables } from './tables';
import { CITY, MemoryBook, key, toAccount, type AccountItem } from './ledger-book';
import { activateCampaign as activateCampaignOp, topUpCampaign as topUpCampaignOp, closeCampaign as closeCampaignOp, depositMerchantFunds as depositMerchantFundsOp } from './ledger-campaigns';
import { creditCashback as creditCashbackOp, reverseCashback as reverseCashbackOp } from './ledger-cashback';
import { reservePayout as reservePayoutOp, postPayout as postPayoutOp, voidPayout as voidPayoutOp } from './ledger-payouts';
import { renameWallet as renameWalletOp, closeWallet as closeWalletOp, rekeyResidentRecords as rekeyResidentRecordsOp } from './ledger-residents';

/**
 * The dotation ledger in memory, with the DynamoDB ledger's contract: immutable transfers whose
 * deterministic ids make every movement idempotent, stored balances guarded (a budget never goes
 * below zero), cap counters and the receipt's move to CREDITED in the same all-or-nothing step as
 * the money. What a credit pays is decided by the domain's allocateCredits on the state read, as
 * the DynamoDB adapter does; this class only applies the plan. It shares receipts, campaigns and
 * payout items with the other in-memory stores through MemoryTables.
 */
export class MemoryLedger extends MemoryBook implements Ledger {
  activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
    return activateCampaignOp(this, campaign, now);
  }

  topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
    return topUpCampaignOp(this, campaignId, amountCents, topUpId, by, now, source);
  }

  closeCampaign(campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
    return closeCampaignOp(this, campaignId, by, now, source);
  }

  async capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number> {
    return this.caps.get(key(campaignId, holderId))?.get(windowKey) ?? 0;
  }

  async tally(campaignId: string, holderId: string, windowKey: string): Promise<Tally> {
    return { ...(this.tallies.get(key(campaignId, holderId, windowKey)) ?? { count: 0, rewarded: 0 }) };
  }

  async isCustomer(merchantId: string, residentId: string): Promise<boolean> {
    return this.customers.has(key(merchantId, residentId));
  }

  depositMerchantFunds(merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
    return depositMerchantFundsOp(this, merchantId, amountCents, reference, by, now);
  }

  creditCashback(req: CashbackRequest, now: Date): Promise<CashbackResult> {
    return creditCashbackOp(this, req, now);
  }

  reverseCashback(req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
    return reverseCashbackOp(this, req, now);
  }

  reservePayout(item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
    return reservePayoutOp(this, item, now);
  }

  postPayout(item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
    return postPayoutOp(this, item, now);
  }

  voidPayout(item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
    return voidPayoutOp(this, item, reason, now);
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const a = this.accounts.get(accountId);
    return a ? toAccount(a) : undefined;
  }

  async entries(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
    const sorted = sortedBy(this.entryItems.get(accountId)?.entries() ?? [], ([sk]) => sk, 'DESC').map(({ key: k, item: [, e] }) => ({ key: k, item: e }));
    const page = pageOf(`account:${accountId}`, sorted, 'DESC', limit, cursor);
    return { ...page, items: page.items.map(({ accountId: _a, ...e }) => copy(e)) };
  }

  async campaignStats(campaignId: string): Promise<CampaignLedgerStats> {
    const b: Partial<AccountItem> = this.accounts.get(accountIds.budget(campaignId)) ?? {};
    const buckets = this.tables.figures.read({ campaignId });
    return campaignStatsOf((k) => Number(b[k] ?? 0), buckets);
  }

  async figureBuckets(query: FiguresQuery): Promise<FigureBuckets> {
    return this.tables.figures.read(query);
  }

  async campaignBudgets(campaignIds?: readonly string[]): Promise<CampaignBudget[]> {
    const ids = [...new Set(campaignIds ?? [...this.tables.campaigns.keys()])];
    const budgets: CampaignBudget[] = [];
    for (const id of ids) {
      const a = this.accounts.get(accountIds.budget(id));
      if (!a) continue;
      const n = (k: string) => Number(a[k] ?? 0);
      budgets.push({ campaignId: id, fundedCents: n('fundedCents'), spentCents: n('cashbackCents') - n('reversedCents'), returnedCents: n('returnedCents'), remainingCents: n('balanceCents') });
    }
    return budgets.sort((a, b) => (a.campaignId < b.campaignId ? -1 : 1));
  }

  async *allFigureBuckets(): AsyncIterable<{ key: BucketKey; counters: Counters }> {
    for (const { key: k, counters } of [...this.tables.figures.buckets.values()]) {
      const only = zeroCounters();
      for (const n of COUNTER_NAMES) only[n] = counters[n];
      yield { key: copy(k), counters: only };
    }
  }

  async *allAccounts(): AsyncIterable<Account> {
    for (const a of [...this.accounts.values()]) yield toAccount(a);
  }

  async *allTransfers(): AsyncIterable<Transfer> {
    for (const t of [...this.transfers.values()]) yield copy(t);
  }

  async *allEntries(): AsyncIterable<LedgerEntry & { accountId: string }> {
    for (const entries of [...this.entryItems.values()]) for (const e of [...entries.values()]) yield copy(e);
  }

  async *walletsWithBalance(minCents: number): AsyncIterable<Account> {
    for (const a of [...this.accounts.values()]) if (a.kind === 'RESIDENT_WALLET' && a.balanceCents >= minCents) yield toAccount(a);
  }

  renameWallet(fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
    return renameWalletOp(this, fromResidentId, toResidentId);
  }

  closeWallet(residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
    return closeWalletOp(this, residentId, now);
  }

  rekeyResidentRecords(fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
    return rekeyResidentRecordsOp(this, fromResidentId, toResidentId, refs);
  }
}

