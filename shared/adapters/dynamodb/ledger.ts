import type { Campaign } from '../../domain/campaign';
import type { CashbackRequest, CashbackResult, FundingAccount, Ledger, PayoutMovement, ReversalRequest } from '../../ports';
import { CITY } from './ledger-items';
import { DynamoLedgerAccounts } from './ledger-accounts';
import { activateCampaign as activateCampaignOp, topUpCampaign as topUpCampaignOp, closeCampaign as closeCampaignOp, depositMerchantFunds as depositMerchantFundsOp } from './ledger-campaigns';
import { creditCashback as creditCashbackOp, reverseCashback as reverseCashbackOp } from './ledger-cashback';
import { reservePayout as reservePayoutOp, postPayout as postPayoutOp, voidPayout as voidPayoutOp } from './ledger-payouts';

/**
 * The dotation ledger on DynamoDB. Every movement is one transaction that writes the immutable
 * transfer (its deterministic id written with attribute_not_exists), both accounts' stored
 * balances (with condition expressions as guards) and one entry per account for its history.
 */
export class DynamoLedger extends DynamoLedgerAccounts implements Ledger {
  activateCampaign(campaign: Campaign, now: Date): Promise<'ACTIVATED' | 'ALREADY_ACTIVE'> {
    return activateCampaignOp(this.kit, campaign, now);
  }

  topUpCampaign(campaignId: string, amountCents: number, topUpId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<'TOPPED_UP' | 'ALREADY_DONE'> {
    return topUpCampaignOp(this.kit, campaignId, amountCents, topUpId, by, now, source);
  }

  closeCampaign(campaignId: string, by: string, now: Date, source: FundingAccount = CITY): Promise<{ returnedCents: number } | 'ALREADY_CLOSED'> {
    return closeCampaignOp(this.kit, campaignId, by, now, source);
  }

  depositMerchantFunds(merchantId: string, amountCents: number, reference: string, by: string, now: Date): Promise<'DEPOSITED' | 'ALREADY_DONE'> {
    return depositMerchantFundsOp(this.kit, merchantId, amountCents, reference, by, now);
  }

  creditCashback(req: CashbackRequest, now: Date): Promise<CashbackResult> {
    return creditCashbackOp(this.kit, req, now);
  }

  reverseCashback(req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
    return reverseCashbackOp(this.kit, req, now);
  }

  reservePayout(item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
    return reservePayoutOp(this.kit, item, now);
  }

  postPayout(item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
    return postPayoutOp(this.kit, item, now);
  }

  voidPayout(item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
    return voidPayoutOp(this.kit, item, reason, now);
  }
}
