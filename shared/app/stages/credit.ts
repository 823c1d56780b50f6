import { rejection } from '../../domain/rejections';
import type { AppContext } from '../context';
import { campaignsById, cashbackOptions } from '../credits';
import { wakeParkingTickets } from '../parking';
import type { StageOutcome } from './outcome';

/**
 * Credit stage: one ledger transaction per receipt; a redelivered command credits nothing. A shop
 * purchase credited wakes the resident's parking tickets of that day waiting for one
 * (shared/app/parking.ts), which are decided and credited here at once.
 */
export async function creditReceipt(ctx: AppContext, receiptId: string): Promise<StageOutcome> {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.status !== 'PROCESSING' || !receipt.decision) return 'ALREADY_DONE';
  const d = receipt.decision;
  const campaigns = await campaignsById(ctx, [d.campaignId, ...(d.credits ?? []).flat().map((c) => c.campaignId)]);
  const credits = cashbackOptions(d, (id) => campaigns.get(id), receipt.residentId);
  if (credits.length === 0) {
    await ctx.receipts.reject(receiptId, rejection('NO_ACTIVE_CAMPAIGN'), ctx.clock.now(), d.campaignId);
    return 'REJECTED';
  }
  const result = await ctx.ledger.creditCashback(
    { receiptId, residentId: receipt.residentId, merchantId: d.merchantId, totalCents: d.totalCents, credits },
    ctx.clock.now(),
  );
  if (result.outcome === 'REFUSED') {
    await ctx.receipts.reject(receiptId, rejection(result.code), ctx.clock.now(), d.campaignId);
    return 'REJECTED';
  }
  if (result.outcome !== 'CREDITED') return 'ALREADY_DONE';
  await wakeParkingTickets(ctx, { ...receipt, status: 'CREDITED' }, (id) => creditReceipt(ctx, id));
  return 'CREDITED';
}
