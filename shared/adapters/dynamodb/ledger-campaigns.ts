import type { Campaign } from '../../domain/campaign';
import { ConflictError } from '../../domain/errors';
import { accountIds, fundingAccountOf, type FundingAccount, type Transfer } from '../../ports';
import { keys } from './table';
import { failed } from './transactions';
import { CITY, LedgerTable, type TransactItem } from './ledger-items';

/* Campaign money: activation (the dotation into the budget), top-ups, closing (the remainder back to its source) and a shop's deposits. */

export async function activateCampaign(kit: LedgerTable, campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
  const budget = accountIds.budget(campaign.campaignId);
  const source = fundingAccountOf(campaign);
  const transfer: Transfer = {
    transferId: `funding:${campaign.campaignId}`,
    kind: 'FUNDING',
    debitAccountId: source.accountId,
    creditAccountId: budget,
    amountCents: campaign.budgetCents,
    campaignId: campaign.campaignId,
    createdAt: now.toISOString(),
  };
  return kit.transact<'ACTIVATED' | 'ALREADY_ACTIVE'>(
    async () => [
      {
        Update: {
          TableName: kit.table,
          Key: keys.campaign(campaign.campaignId),
          UpdateExpression: 'SET #s = :active, activatedAt = :now',
          ConditionExpression: '#s = :draft',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':active': 'ACTIVE', ':draft': 'DRAFT', ':now': now.toISOString() },
        },
      },
      ...kit.movement(
        transfer,
        kit.sourceSide(source),
        { accountId: budget, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: campaign.budgetCents }, sets: { campaignId: campaign.campaignId } },
      ),
    ],
    () => 'ACTIVATED',
    async (reasons) => {
      const status = await kit.campaignStatus(campaign.campaignId);
      if (status === 'ACTIVE') return 'ALREADY_ACTIVE';
      if (status === 'DRAFT' && failed(reasons[2])) {
        throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', `The shop's deposit does not cover this welcome bonus budget (${campaign.budgetCents} cents): record its deposit first.`);
      }
      throw new ConflictError('CAMPAIGN_NOT_DRAFT', `Campaign ${campaign.campaignId} is ${String(status)}, not DRAFT.`);
    },
  );
}

export async function topUpCampaign(kit: LedgerTable, campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
  const transfer: Transfer = {
    transferId: `topup:${campaignId}:${topUpId}`,
    kind: 'TOP_UP',
    debitAccountId: source.accountId,
    creditAccountId: accountIds.budget(campaignId),
    amountCents,
    campaignId,
    by,
    createdAt: now.toISOString(),
  };
  return kit.transact<'TOPPED_UP' | 'ALREADY_DONE'>(
    async () => [
      kit.campaignCheck(campaignId, 'ACTIVE', 'PAUSED'),
      ...kit.movement(
        transfer,
        kit.sourceSide(source),
        { accountId: transfer.creditAccountId, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: amountCents } },
      ),
    ],
    () => 'TOPPED_UP',
    async (reasons) => {
      if (failed(reasons[1])) return 'ALREADY_DONE';
      if (failed(reasons[2])) throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', "The shop's deposit does not cover this top-up: record its deposit first.");
      throw new ConflictError('CAMPAIGN_NOT_ACTIVE', 'Only an active or paused campaign can be topped up.');
    },
  );
}

export async function closeCampaign(kit: LedgerTable, campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
  const budgetId = accountIds.budget(campaignId);
  let remaining = 0;
  return kit.transact<{ returnedCents: number } | 'ALREADY_CLOSED'>(
    async () => {
      const status = await kit.campaignStatus(campaignId);
      if (status === 'CLOSED') return 'ALREADY_CLOSED';
      if (status !== 'ACTIVE' && status !== 'PAUSED') throw new ConflictError('CAMPAIGN_NOT_ACTIVE', `Campaign ${campaignId} is ${String(status)}; only an active or paused campaign can be closed.`);
      remaining = (await kit.getAccount(budgetId))?.balanceCents ?? 0;
      const close: TransactItem = {
        Update: {
          TableName: kit.table,
          Key: keys.campaign(campaignId),
          UpdateExpression: 'SET #s = :closed, closedAt = :now, closedBy = :by',
          ConditionExpression: '#s = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':closed': 'CLOSED', ':was': status, ':now': now.toISOString(), ':by': by },
        },
      };
      if (remaining === 0) {
        return [
          close,
          { ConditionCheck: { TableName: kit.table, Key: keys.account(budgetId), ConditionExpression: 'balanceCents = :zero', ExpressionAttributeValues: { ':zero': 0 } } },
        ];
      }
      const transfer: Transfer = {
        transferId: `close:${campaignId}`,
        kind: 'CLOSE',
        debitAccountId: budgetId,
        creditAccountId: source.accountId,
        amountCents: remaining,
        campaignId,
        by,
        createdAt: now.toISOString(),
      };
      return [
        close,
        ...kit.movement(
          transfer,
          { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: { equals: remaining }, counters: { returnedCents: remaining } },
          { accountId: source.accountId, kind: source.kind },
        ),
      ];
    },
    () => ({ returnedCents: remaining }),
    // A credit or a reversal moved the budget meanwhile: read it again and retry.
    async () => undefined,
  );
}

export async function depositMerchantFunds(kit: LedgerTable, merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
  const transfer: Transfer = {
    transferId: `deposit:${merchantId}:${reference}`,
    kind: 'DEPOSIT',
    debitAccountId: accountIds.merchantDeposits,
    creditAccountId: accountIds.merchantFunds(merchantId),
    amountCents,
    by,
    createdAt: now.toISOString(),
  };
  return kit.transact<'DEPOSITED' | 'ALREADY_DONE'>(
    async () => kit.movement(transfer, { accountId: accountIds.merchantDeposits, kind: 'MERCHANT_DEPOSITS' }, { accountId: transfer.creditAccountId, kind: 'MERCHANT_FUNDS', sets: { merchantId } }),
    () => 'DEPOSITED',
    async () => 'ALREADY_DONE',
  );
}
