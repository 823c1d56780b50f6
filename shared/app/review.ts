import * as z from '../schema';
import { decidePurchase } from '../domain/purchase';
import { isValidDate, localDate } from '../domain/dates';
import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import { normaliseName } from '../domain/matching';
import type { MatchDecision } from '../domain/receipt';
import { rejection } from '../domain/rejections';
import type { ReviewRecord } from '../ports';
import type { AppContext, Caller } from './context';
import { decisionFor, shopBonusFacts } from './credits';

/** Below this reading confidence a sign is not taught to a shop as an alias. */
const ALIAS_MIN_CONFIDENCE = 0.7;

export const DecisionBody = z
  .strictObject({
    action: z.enum(['APPROVE', 'REJECT']),
    merchantId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    totalCents: z.optional(z.int().check(z.positive(), z.maximum(1_000_000_00))),
    purchaseDate: z.optional(z.string().check(z.refine(isValidDate, 'expected a date as YYYY-MM-DD'))),
    reason: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(500))),
    /** Teach the shop the sign read on this receipt (default true): say false when the reading is garbled. */
    teachAlias: z.optional(z.boolean()),
  })
  .check(z.refine((b) => b.action === 'APPROVE' || b.reason !== undefined, { message: 'a rejection needs a reason', path: ['reason'] }));

/**
 * POST /v1/admin/receipts/{id}/decision: city staff settle a receipt in review. Approving applies
 * the staff's corrections (shop, total, date) to what was read, runs the campaign rules as for any
 * receipt and hands it to the credit stage; approving with a shop teaches that shop the sign that
 * was read, so the next such receipt matches by itself. Rejecting ends it REJECTED_BY_REVIEWER.
 * Every decision is kept on the receipt with who and when.
 */
export async function decideReceipt(ctx: AppContext, caller: Caller, receiptId: string, body: z.infer<typeof DecisionBody>) {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt) throw new NotFoundError('RECEIPT_NOT_FOUND', 'No such receipt.');
  if (receipt.status !== 'IN_REVIEW') throw new ConflictError('RECEIPT_NOT_IN_REVIEW', `This receipt is ${receipt.status}, not IN_REVIEW.`);
  const now = ctx.clock.now();
  const record: ReviewRecord = {
    action: body.action,
    by: caller.sub,
    at: now.toISOString(),
    ...(body.reason ? { reason: body.reason } : {}),
  };

  if (body.action === 'REJECT') {
    if (!(await ctx.receipts.rejectReview(receiptId, rejection('REJECTED_BY_REVIEWER'), record, now))) throw new ConflictError('RECEIPT_NOT_IN_REVIEW', 'This receipt was decided meanwhile.');
    return { receiptId, status: 'REJECTED' as const };
  }

  const e = receipt.extraction;
  const candidates = receipt.review?.candidates ?? [];
  const merchantId = body.merchantId ?? (candidates.length === 1 ? candidates[0]!.merchantId : undefined);
  const totalCents = body.totalCents ?? e?.totalCents?.value;
  const purchaseDate = body.purchaseDate ?? e?.purchaseDate?.value;
  const missing = [!merchantId && 'merchantId', totalCents === undefined && 'totalCents', !purchaseDate && 'purchaseDate'].filter(Boolean) as string[];
  if (missing.length > 0) {
    throw new DomainError('DECISION_INCOMPLETE', `The receipt's ${missing.join(', ')} could not be read: give them to approve it.`, 400, missing.map((path) => ({ path, message: 'required to approve this receipt' })));
  }
  const merchant = await ctx.merchants.get(merchantId!);
  if (!merchant) throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  record.corrections = {
    ...(body.merchantId ? { merchantId: body.merchantId } : {}),
    ...(body.totalCents !== undefined ? { totalCents: body.totalCents } : {}),
    ...(body.purchaseDate ? { purchaseDate: body.purchaseDate } : {}),
  };

  const today = localDate(now);
  const campaigns = await ctx.campaigns.listActive();
  const verdict = decidePurchase(campaigns, { merchant, purchaseDate: purchaseDate!, totalCents: totalCents!, today, ...(await shopBonusFacts(ctx, campaigns, merchant.merchantId, receipt.residentId, purchaseDate!)) });
  if (!verdict.ok) {
    // Staff confirm the facts; the campaign's rules still decide. The receipt ends with the rule's code.
    if (!(await ctx.receipts.rejectReview(receiptId, rejection(verdict.code), record, now, verdict.campaign?.campaignId))) {
      throw new ConflictError('RECEIPT_NOT_IN_REVIEW', 'This receipt was decided meanwhile.');
    }
    return { receiptId, status: 'REJECTED' as const, rejection: rejection(verdict.code) };
  }
  const decision: MatchDecision = await decisionFor(
    ctx,
    verdict,
    { merchantId: merchant.merchantId, merchantName: merchant.name, purchaseDate: purchaseDate!, totalCents: totalCents!, residentId: receipt.residentId },
    `validé par ${caller.sub}`,
  );
  if (!(await ctx.receipts.approveReview(receiptId, decision, record, now))) throw new ConflictError('RECEIPT_NOT_IN_REVIEW', 'This receipt was decided meanwhile.');
  await ctx.bus.sendToCredit({ receiptId });

  // Teach the shop the sign that was read, so the same sign matches without staff next time, unless
  // staff say the reading is garbled or the parser itself doubted it (a noisy alias could later
  // match a look-alike shop).
  const sign = e?.shopSign && e.shopSign.confidence >= ALIAS_MIN_CONFIDENCE ? e.shopSign.value : undefined;
  let learnedAlias: string | undefined;
  if (body.teachAlias !== false && sign && normaliseName(sign).length >= 3) {
    const known = [merchant.name, ...merchant.aliases].map(normaliseName);
    if (!known.includes(normaliseName(sign)) && merchant.aliases.length < 50) {
      try {
        await ctx.merchants.update({ ...merchant, aliases: [...merchant.aliases, sign], updatedAt: now.toISOString() }, merchant.updatedAt);
        learnedAlias = sign;
      } catch (err) {
        // A concurrent edit of the shop wins; the alias can be taught by the next approval.
        if (!(err instanceof DomainError && err.code === 'MERCHANT_CHANGED')) throw err;
      }
    }
  }
  return { receiptId, status: 'PROCESSING' as const, decision, ...(learnedAlias ? { learnedAlias } : {}) };
}
