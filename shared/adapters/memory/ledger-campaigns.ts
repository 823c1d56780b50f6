import type { Campaign } from '../../domain/campaign';
import { ConflictError } from '../../domain/errors';
import { accountIds, fundingAccountOf, type FundingAccount, type Transfer } from '../../ports';
import { MemoryBook, CITY, Transaction } from './ledger-book';

/* Campaign money in memory: activation, top-ups, closing and a shop's deposits, as the DynamoDB ledger does them. */

export async function activateCampaign(book: MemoryBook, campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
  const budget = accountIds.budget(campaign.campaignId);
  const source = fundingAccountOf(campaign);
  const t: Transfer = { transferId: `funding:${campaign.campaignId}`, kind: 'FUNDING', debitAccountId: source.accountId, creditAccountId: budget, amountCents: campaign.budgetCents, campaignId: campaign.campaignId, createdAt: now.toISOString() };
  return book.transact<'ACTIVATED' | 'ALREADY_ACTIVE'>(
    () => {
      const tx = new Transaction();
      book.campaignIn(tx, campaign.campaignId, 'DRAFT');
      tx.change(() => Object.assign(book.tables.campaigns.get(campaign.campaignId)!, { status: 'ACTIVE', activatedAt: now.toISOString() }));
      book.movement(tx, t, book.sourceSide(source), { accountId: budget, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: campaign.budgetCents }, sets: { campaignId: campaign.campaignId } });
      return tx;
    },
    () => 'ACTIVATED',
    (tx) => {
      const status = book.tables.campaigns.get(campaign.campaignId)?.status;
      if (status === 'ACTIVE') return 'ALREADY_ACTIVE';
      if (status === 'DRAFT' && tx.failed('debit')) {
        throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', `The shop's deposit does not cover this welcome bonus budget (${campaign.budgetCents} cents): record its deposit first.`);
      }
      throw new ConflictError('CAMPAIGN_NOT_DRAFT', `Campaign ${campaign.campaignId} is ${String(status)}, not DRAFT.`);
    },
  );
}

export async function topUpCampaign(book: MemoryBook, campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
  const t: Transfer = { transferId: `topup:${campaignId}:${topUpId}`, kind: 'TOP_UP', debitAccountId: source.accountId, creditAccountId: accountIds.budget(campaignId), amountCents, campaignId, by, createdAt: now.toISOString() };
  return book.transact<'TOPPED_UP' | 'ALREADY_DONE'>(
    () => {
      const tx = new Transaction();
      book.campaignIn(tx, campaignId, 'ACTIVE', 'PAUSED');
      book.movement(tx, t, book.sourceSide(source), { accountId: t.creditAccountId, kind: 'CAMPAIGN_BUDGET', counters: { fundedCents: amountCents } });
      return tx;
    },
    () => 'TOPPED_UP',
    (tx) => {
      if (tx.failed('transfer')) return 'ALREADY_DONE';
      if (tx.failed('debit')) throw new ConflictError('MERCHANT_FUNDS_INSUFFICIENT', "The shop's deposit does not cover this top-up: record its deposit first.");
      throw new ConflictError('CAMPAIGN_NOT_ACTIVE', 'Only an active or paused campaign can be topped up.');
    },
  );
}

export async function closeCampaign(book: MemoryBook, campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
  const budgetId = accountIds.budget(campaignId);
  let remaining = 0;
  return book.transact<{ returnedCents: number } | 'ALREADY_CLOSED'>(
    () => {
      const status = book.tables.campaigns.get(campaignId)?.status;
      if (status === 'CLOSED') return { answer: 'ALREADY_CLOSED' };
      if (status !== 'ACTIVE' && status !== 'PAUSED') throw new ConflictError('CAMPAIGN_NOT_ACTIVE', `Campaign ${campaignId} is ${String(status)}; only an active or paused campaign can be closed.`);
      remaining = book.balance(budgetId);
      const tx = new Transaction();
      book.campaignIn(tx, campaignId, status);
      tx.change(() => Object.assign(book.tables.campaigns.get(campaignId)!, { status: 'CLOSED', closedAt: now.toISOString(), closedBy: by }));
      if (remaining === 0) {
        tx.check('budget', book.accounts.get(budgetId)?.balanceCents === 0);
        return tx;
      }
      const t: Transfer = { transferId: `close:${campaignId}`, kind: 'CLOSE', debitAccountId: budgetId, creditAccountId: source.accountId, amountCents: remaining, campaignId, by, createdAt: now.toISOString() };
      book.movement(tx, t, { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: { equals: remaining }, counters: { returnedCents: remaining } }, { accountId: source.accountId, kind: source.kind });
      return tx;
    },
    () => ({ returnedCents: remaining }),
    () => undefined,
  );
}

export async function depositMerchantFunds(book: MemoryBook, merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
  const t: Transfer = { transferId: `deposit:${merchantId}:${reference}`, kind: 'DEPOSIT', debitAccountId: accountIds.merchantDeposits, creditAccountId: accountIds.merchantFunds(merchantId), amountCents, by, createdAt: now.toISOString() };
  return book.transact<'DEPOSITED' | 'ALREADY_DONE'>(
    () => {
      const tx = new Transaction();
      book.movement(tx, t, { accountId: accountIds.merchantDeposits, kind: 'MERCHANT_DEPOSITS' }, { accountId: t.creditAccountId, kind: 'MERCHANT_FUNDS', sets: { merchantId } });
      return tx;
    },
    () => 'DEPOSITED',
    () => 'ALREADY_DONE',
  );
}
