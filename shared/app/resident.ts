import * as z from '../schema';
import { DomainError, NotFoundError } from '../domain/errors';
import { MAX_RECEIPT_BYTES, ReceiptContentType, receiptObjectKey, receiptView, type Receipt } from '../domain/receipt';
import { accountIds } from '../ports';
import { localDate } from '../domain/dates';
import { claimKeys } from '../domain/fraud/claim-keys';
import { DEFAULT_FRAUD_POLICY } from '../domain/fraud-policy';
import { TooManyRequestsError, secondsUntilNextLocalDay, uploadsInFlight } from '../domain/limits';
import type { AppContext, Caller } from './context';

export const CreateReceiptBody = z.strictObject({
  contentType: z.string(),
  contentLength: z.int().check(z.positive()),
});

/**
 * POST /v1/receipts: a receipt awaiting its image and a presigned PUT limited to the declared type
 * and size. At the counter (shared/app/counter.ts) staff send it for a resident: `sentAtCounterBy`
 * names the staff member, kept on the receipt.
 */
export async function createReceipt(ctx: AppContext, caller: Caller, body: z.infer<typeof CreateReceiptBody>, opts: { sentAtCounterBy?: string } = {}) {
  const type = ReceiptContentType.safeParse(body.contentType);
  if (!type.success) {
    throw new DomainError('UNSUPPORTED_FILE', 'contentType must be image/jpeg, image/png or application/pdf.', 400, [
      { path: 'contentType', message: 'unsupported type' },
    ]);
  }
  if (body.contentLength > MAX_RECEIPT_BYTES) {
    throw new DomainError('TOO_LARGE', `A receipt file may not exceed ${MAX_RECEIPT_BYTES} bytes.`, 400, [
      { path: 'contentLength', message: `at most ${MAX_RECEIPT_BYTES}` },
    ]);
  }
  const now = ctx.clock.now();
  const receiptId = ctx.newId();
  await checkResidentLimits(ctx, caller, receiptId, now);
  const objectKey = receiptObjectKey(receiptId);
  const receipt: Receipt = {
    receiptId,
    residentId: caller.sub,
    status: 'AWAITING_UPLOAD',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    contentType: type.data,
    contentLength: body.contentLength,
    objectKey,
    uploadWriteOnce: true,
    ...(opts.sentAtCounterBy ? { sentAtCounter: { by: opts.sentAtCounterBy, at: now.toISOString() } } : {}),
  };
  await ctx.receipts.create(receipt);
  const upload = await ctx.images.presignUpload(objectKey, type.data, body.contentLength, ctx.uploadUrlTtlSeconds);
  return {
    receiptId,
    status: 'AWAITING_UPLOAD' as const,
    upload: {
      method: 'PUT' as const,
      url: upload.url,
      headers: upload.headers,
      expiresAt: new Date(now.getTime() + ctx.uploadUrlTtlSeconds * 1000).toISOString(),
    },
  };
}

/**
 * Announcing a receipt reserves an upload and, once sent, an OCR read: a resident may have a few
 * uploads open at once and announce a bounded number a day (the city's `fraud` policy sets both).
 */
async function checkResidentLimits(ctx: AppContext, caller: Caller, receiptId: string, now: Date) {
  const policy = ctx.policy ?? DEFAULT_FRAUD_POLICY;
  const recent = await ctx.receipts.listByResident(caller.sub, policy.maxUploadsInFlightPerResident + 5, undefined, 'summary');
  const open = uploadsInFlight(recent.items, now, ctx.uploadUrlTtlSeconds, policy.maxUploadsInFlightPerResident);
  if (open.retryAfterSeconds !== undefined) {
    throw new TooManyRequestsError('TOO_MANY_UPLOADS_IN_FLIGHT', `You have ${open.count} receipts announced and not yet uploaded: send them, or wait for their upload links to expire.`, open.retryAfterSeconds);
  }
  const today = await ctx.claims.tally(claimKeys.announcedByResident(caller.sub, localDate(now)), receiptId);
  if (today > policy.maxReceiptsCreatedPerResidentPerDay) {
    throw new TooManyRequestsError('TOO_MANY_RECEIPTS_TODAY', `At most ${policy.maxReceiptsCreatedPerResidentPerDay} receipts a day: try again tomorrow.`, secondsUntilNextLocalDay(now));
  }
}

/** GET /v1/receipts/{id}: the owner or city staff; anyone else is told it does not exist. */
export async function getReceipt(ctx: AppContext, caller: Caller, receiptId: string) {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || (receipt.residentId !== caller.sub && !caller.isAdmin)) {
    throw new NotFoundError('RECEIPT_NOT_FOUND', 'No such receipt.');
  }
  return receiptView(receipt);
}

export async function listMyReceipts(ctx: AppContext, caller: Caller, limit: number, cursor?: string) {
  const page = await ctx.receipts.listByResident(caller.sub, limit, cursor);
  return { items: page.items.map(receiptView), nextCursor: page.nextCursor };
}

export async function getWallet(ctx: AppContext, caller: Caller) {
  const wallet = await ctx.ledger.getAccount(accountIds.wallet(caller.sub));
  return {
    balanceCents: wallet?.balanceCents ?? 0,
    pendingPayoutCents: wallet?.pendingPayoutCents ?? 0,
    paidOutCents: wallet?.paidOutCents ?? 0,
    currency: 'EUR' as const,
  };
}
