import { randomUUID } from 'node:crypto';
import type { TableClient } from '../../shared/adapters/dynamodb/client/commands';
import { activateCampaign, createCampaign } from '../../shared/app/admin';
import type { AppContext } from '../../shared/app/context';
import type { CampaignInput } from '../../shared/domain/campaign';
import { buildAppContext } from '../../shared/wiring/app-context';
import { dynamoPorts } from '../../shared/wiring/dynamo-ports';
import { MemoryDocuments, MemoryImages, MemoryMedia, RecordingBus } from './memory';

/** An application context over a DynamoDB Local table (or any client of one), with in-memory images, documents and bus. */
export function ledgerContext(db: { doc: TableClient; table: string }, doc = db.doc): AppContext {
  return buildAppContext({ ...dynamoPorts(doc, db.table), images: new MemoryImages(), documents: new MemoryDocuments(), media: new MemoryMedia(), bus: new RecordingBus() });
}

export async function activeCampaign(ctx: AppContext, over: Partial<CampaignInput> = {}) {
  const { campaignId } = await createCampaign(ctx, {
    name: 'Test',
    budgetCents: 1_000,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    rateBps: 1000,
    merchants: { all: true },
    ...over,
  });
  await activateCampaign(ctx, campaignId);
  return campaignId;
}

/** A receipt as the match stage leaves it: PROCESSING with its decision. */
export async function decidedReceipt(
  ctx: AppContext,
  campaignId: string,
  residentId: string,
  opts: { totalCents?: number; cashbackCents?: number; purchaseDate?: string; merchantId?: string } = {},
) {
  const receiptId = randomUUID();
  const now = new Date();
  const totalCents = opts.totalCents ?? 1_000;
  await ctx.receipts.create({
    receiptId,
    residentId,
    status: 'PROCESSING',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    contentType: 'image/jpeg',
    contentLength: 1000,
    objectKey: `receipts/${receiptId}`,
  });
  await ctx.receipts.saveDecision(
    receiptId,
    {
      merchantId: opts.merchantId ?? 'shop-1',
      merchantName: 'Shop',
      campaignId,
      purchaseDate: opts.purchaseDate ?? '2026-06-15',
      totalCents,
      cashbackCents: opts.cashbackCents ?? Math.floor(totalCents / 10),
      explanation: [],
    },
    now,
  );
  return receiptId;
}
