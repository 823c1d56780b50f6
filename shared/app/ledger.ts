import * as z from '../schema';
import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import { PositiveCents } from '../domain/money';
import { REJECTION_MESSAGES } from '../domain/rejections';
import { accountIds, fundingAccountOf } from '../ports';
import type { AppContext, Caller } from './context';
import { campaignsById, reversalParts } from './credits';
import { euros, toCsv } from '../reports/csv';

export const TopUpBody = z.strictObject({
  amountCents: PositiveCents,
  /** The city's own reference (a council decision, a budget line): makes the top-up idempotent. */
  reference: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)'))),
});

export const ReverseBody = z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)) });

async function mustGetCampaign(ctx: AppContext, campaignId: string) {
  const campaign = await ctx.campaigns.get(campaignId);
  if (!campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND', 'No such campaign.');
  return campaign;
}

/** POST /v1/admin/campaigns/{id}/top-up: more budget, moved from the city's funding account. */
export async function topUpCampaign(ctx: AppContext, caller: Caller, campaignId: string, body: z.infer<typeof TopUpBody>) {
  const campaign = await mustGetCampaign(ctx, campaignId);
  const topUpId = body.reference ?? ctx.newId();
  const outcome = await ctx.ledger.topUpCampaign(campaignId, body.amountCents, topUpId, caller.sub, ctx.clock.now(), fundingAccountOf(campaign));
  const stats = await ctx.ledger.campaignStats(campaignId);
  return { campaignId, transferId: `topup:${campaignId}:${topUpId}`, outcome, budgetCents: stats.fundedCents, remainingCents: stats.remainingCents };
}

export const DepositBody = z.strictObject({
  amountCents: PositiveCents,
  /** The city's receipt for the shop's payment (a treasury reference): makes the deposit idempotent. */
  reference: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)')),
});

/**
 * POST /v1/admin/merchants/{id}/deposits: a shop paid the city for its welcome bonuses. The money
 * sits in the shop's own account until a welcome-bonus campaign of that shop is activated or
 * topped up from it; what such a campaign has not paid goes back to it at close.
 */
export async function depositMerchantFunds(ctx: AppContext, caller: Caller, merchantId: string, body: z.infer<typeof DepositBody>) {
  if (!(await ctx.merchants.get(merchantId))) throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  const outcome = await ctx.ledger.depositMerchantFunds(merchantId, body.amountCents, body.reference, caller.sub, ctx.clock.now());
  const account = await ctx.ledger.getAccount(accountIds.merchantFunds(merchantId));
  return { merchantId, transferId: `deposit:${merchantId}:${body.reference}`, outcome, availableCents: account?.balanceCents ?? 0 };
}

/** POST /v1/admin/campaigns/{id}/close: no more credits; what is left goes back to the city. */
export async function closeCampaign(ctx: AppContext, caller: Caller, campaignId: string) {
  const campaign = await mustGetCampaign(ctx, campaignId);
  const outcome = await ctx.ledger.closeCampaign(campaignId, caller.sub, ctx.clock.now(), fundingAccountOf(campaign));
  const stats = await ctx.ledger.campaignStats(campaignId);
  return { campaignId, status: 'CLOSED' as const, returnedCents: stats.returnedCents, alreadyClosed: outcome === 'ALREADY_CLOSED' };
}

/**
 * POST /v1/admin/receipts/{id}/reverse: fraud found after the credit. A new transfer takes the
 * cashback back from the wallet (which may go negative, to be repaid by later cashback before any
 * payout); the receipt ends REJECTED_BY_REVIEWER and the resident's cap is released.
 */
export async function reverseReceipt(ctx: AppContext, caller: Caller, receiptId: string, body: z.infer<typeof ReverseBody>) {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt) throw new NotFoundError('RECEIPT_NOT_FOUND', 'No such receipt.');
  if (receipt.status !== 'CREDITED' || !receipt.decision || receipt.cashbackCents === undefined) {
    throw new ConflictError('RECEIPT_NOT_CREDITED', `Only a credited receipt can be reversed; this one is ${receipt.status}.`);
  }
  const d = receipt.decision;
  const ids = [d.campaignId, ...(receipt.credits ?? []).map((c) => c.campaignId)];
  for (let attempt = 0; attempt < 3; attempt++) {
    const campaigns = await campaignsById(ctx, ids);
    const credits = reversalParts(receipt, (id) => campaigns.get(id));
    try {
      const outcome = await ctx.ledger.reverseCashback(
        {
          receiptId,
          residentId: receipt.residentId,
          totalCents: d.totalCents,
          credits,
          ...(receipt.loyalty?.length ? { loyalty: receipt.loyalty } : {}),
          reason: body.reason,
          by: caller.sub,
          rejectionMessage: REJECTION_MESSAGES.REJECTED_BY_REVIEWER,
        },
        ctx.clock.now(),
      );
      if (outcome === 'NOT_CREDITED') throw new ConflictError('RECEIPT_NOT_CREDITED', 'Only a credited receipt can be reversed.');
      return { receiptId, status: 'REJECTED' as const, reversedCents: receipt.cashbackCents, alreadyReversed: outcome === 'ALREADY_DONE' };
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CAMPAIGN_CHANGED' && attempt < 2) continue;
      throw err;
    }
  }
  throw new ConflictError('CAMPAIGN_CHANGED', 'The campaign changed state during the reversal; try again.');
}

/** GET /v1/me/wallet/transfers: the resident's own movements, newest first. */
export async function walletTransfers(ctx: AppContext, caller: Caller, limit: number, cursor?: string) {
  const page = await ctx.ledger.entries(accountIds.wallet(caller.sub), limit, cursor);
  return {
    items: page.items.map((e) => ({
      transferId: e.transferId,
      kind: e.kind,
      amountCents: e.amountCents,
      createdAt: e.createdAt,
      ...(e.receiptId ? { receiptId: e.receiptId } : {}),
      ...(e.campaignId ? { campaignId: e.campaignId } : {}),
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * GET /v1/admin/campaigns/{id}/ledger.csv: every movement of the campaign's budget, oldest first,
 * for the city's accountant, written by the shared CSV writer (shared/reports/csv.ts: RFC 4180,
 * CRLF, text cells guarded against formulas). Amounts and the running balance are numbers in
 * euros with a dot and two decimals, signed from the budget's side (a cashback is -1.50, never
 * '-1.50).
 */
export async function campaignLedgerCsv(ctx: AppContext, campaignId: string): Promise<string> {
  await mustGetCampaign(ctx, campaignId);
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.ledger.entries(accountIds.budget(campaignId), 500, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  all.reverse();
  let balance = 0;
  const rows = all.map((e) => {
    balance += e.amountCents;
    return [e.createdAt, e.transferId, e.kind, e.counterpartyAccountId, e.receiptId, euros(e.amountCents), euros(balance)];
  });
  return toCsv(['date', 'transfer_id', 'kind', 'counterparty_account', 'receipt_id', 'amount_eur', 'balance_eur'], rows);
}
