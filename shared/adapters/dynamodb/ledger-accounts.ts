import { type TableClient, GetCommand, ScanCommand } from './client/commands';
import {
  accountIds,
  type Account,
  type CampaignLedgerStats,
  type CampaignBudget,
  type FigureBuckets,
  type FiguresQuery,
  type Ledger,
  type LedgerEntry,
  type Page,
  type Tally,
  type Transfer,
} from '../../ports';
import { COUNTER_NAMES, zeroCounters, type BucketKey, type Counters } from '../../domain/figures';
import { campaignStatsOf } from '../../domain/campaign-stats';
import { readCampaignBudgets, readFigureBuckets } from './figures';
import { keys } from './table';
import { cursorFor, queryPage, stripKeys } from './query';
import { LedgerTable, toAccount } from './ledger-items';
import { DynamoLedgerReads } from './ledger-reads';
import { renameWallet as renameWalletOp, closeWallet as closeWalletOp, rekeyResidentRecords as rekeyResidentRecordsOp } from './ledger-residents';

/** The operations of the Ledger port that move money between the city, campaigns, shops and wallets (DynamoLedger). */
export type LedgerMovements = 'activateCampaign' | 'topUpCampaign' | 'closeCampaign' | 'depositMerchantFunds' | 'creditCashback' | 'reverseCashback' | 'reservePayout' | 'postPayout' | 'voidPayout';

/**
 * The ledger's accounts on DynamoDB without the movements of money: its reads (accounts, entries,
 * caps, tallies, a campaign's money, the figures) and a resident's wallet at their erasure. The
 * functions that move no money (the residents' and staff's desk API) are wired with this one and
 * do not carry the transactions' code.
 */
export class DynamoLedgerAccounts implements Omit<Ledger, LedgerMovements> {
  protected readonly kit: LedgerTable;
  private readonly reads: DynamoLedgerReads;

  constructor(protected readonly doc: TableClient, protected readonly table: string) {
    this.kit = new LedgerTable(doc, table);
    this.reads = new DynamoLedgerReads(doc, table);
 }

  capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number> {
    return this.reads.capUsage(campaignId, holderId, windowKey);
 }

  isCustomer(merchantId: string, residentId: string): Promise<boolean> {
    return this.reads.isCustomer(merchantId, residentId);
 }

  tally(campaignId: string, holderId: string, windowKey: string): Promise<Tally> {
    return this.reads.tally(campaignId, holderId, windowKey);
 }

  getAccount(accountId: string): Promise<Account | undefined> {
    return this.kit.getAccount(accountId);
 }

  entries(accountId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>> {
    const pk = `ACCOUNT#${accountId}`;
    return queryPage<LedgerEntry>(
      this.doc,
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'ENTRY#' },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('table', pk, cursor),
 },
      limit,
    ).then((page) => ({ ...page, items: page.items.map(({ accountId: _a, ...e }: LedgerEntry & { accountId?: string }) => e) }));
 }

  /**
   * A campaign's money from its budget item, its residents and shops from the figures' counters
   * (residents and shops with a credited receipt of the campaign): a handful of reads at any scale.
   */
  async campaignStats(campaignId: string): Promise<CampaignLedgerStats> {
    const [budget, buckets] = await Promise.all([
      this.doc.send(new GetCommand({ TableName: this.table, Key: keys.account(accountIds.budget(campaignId)), ConsistentRead: true })),
      readFigureBuckets(this.doc, this.table, { campaignId }),
    ]);
    const b = budget.Item ?? {};
    return campaignStatsOf((k) => Number(b[k] ?? 0), buckets);
 }

  figureBuckets(query: FiguresQuery): Promise<FigureBuckets> {
    return readFigureBuckets(this.doc, this.table, query);
 }

  campaignBudgets(campaignIds?: readonly string[]): Promise<CampaignBudget[]> {
    return readCampaignBudgets(this.doc, this.table, campaignIds);
 }

  private async *scan(type: string, filter?: { expression: string; values: Record<string, unknown> }): AsyncIterable<Record<string, unknown>> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: `#type = :type${filter ? ` AND ${filter.expression}` : ''}`,
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': type, ...(filter?.values ?? {}) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
 }),
      );
      for (const i of out.Items ?? []) yield i;
      start = out.LastEvaluatedKey;
 } while (start);
 }

  async *allFigureBuckets(): AsyncIterable<{ key: BucketKey; counters: Counters }> {
    for await (const i of this.scan('figures')) {
      const counters = zeroCounters();
      for (const n of COUNTER_NAMES) counters[n] = Number(i[n] ?? 0);
      const scope = String(i.pk).replace(/^FIGURES#/, '');
      yield { key: { scope, week: String(i.week), ...(i.merchantId ? { merchantId: String(i.merchantId) } : {}) }, counters };
 }
 }

  async *allAccounts(): AsyncIterable<Account> {
    for await (const i of this.scan('account')) yield toAccount(i);
 }

  async *allTransfers(): AsyncIterable<Transfer> {
    for await (const i of this.scan('transfer')) yield stripKeys<Transfer>(i);
 }

  async *allEntries(): AsyncIterable<LedgerEntry & { accountId: string }> {
    for await (const i of this.scan('entry')) yield stripKeys<LedgerEntry & { accountId: string }>(i);
 }

  async *walletsWithBalance(minCents: number): AsyncIterable<Account> {
    for await (const i of this.scan('account', { expression: 'kind = :wallet AND balanceCents >= :min', values: { ':wallet': 'RESIDENT_WALLET', ':min': minCents } })) {
      yield toAccount(i);
 }
 }

  renameWallet(fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
    return renameWalletOp(this.kit, fromResidentId, toResidentId);
 }

  closeWallet(residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
    return closeWalletOp(this.kit, residentId, now);
 }

  rekeyResidentRecords(fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
    return rekeyResidentRecordsOp(this.kit, fromResidentId, toResidentId, refs);
 }
}
