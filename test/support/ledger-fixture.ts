import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit';
import { DynamoHouseholdStore } from '../../shared/adapters/dynamodb/households';
import { DynamoFingerprintStore } from '../../shared/adapters/dynamodb/fingerprints';
import { randomUUID } from 'node:crypto';
import { DynamoLedger } from '../../shared/adapters/dynamodb/ledger';
import { DynamoMerchantStore } from '../../shared/adapters/dynamodb/merchants';
import { DynamoCampaignStore, DynamoClaimStore, DynamoReceiptStore } from '../../shared/adapters/dynamodb/stores';
import { activateCampaign, createCampaign } from '../../shared/app/admin';
import type { AppContext } from '../../shared/app/context';
import type { CampaignInput } from '../../shared/domain/campaign';
import { systemClock } from '../../shared/ports';
import type { startTestTable } from './dynamo';
import { MemoryDocuments, MemoryImages, RecordingBus } from './memory';
import { DynamoPayoutStore } from '../../shared/adapters/dynamodb/payouts';

/** An application context over a DynamoDB Local table, with in-memory images and bus. */
export function ledgerContext(db: Awaited<ReturnType<typeof startTestTable>>, doc = db.doc): AppContext {
  return {
    receipts: new DynamoReceiptStore(doc, db.table),
    merchants: new DynamoMerchantStore(doc, db.table),
    campaigns: new DynamoCampaignStore(doc, db.table),
    claims: new DynamoClaimStore(doc, db.table),
    households: new DynamoHouseholdStore(doc, db.table),
    fingerprints: new DynamoFingerprintStore(doc, db.table),
    ledger: new DynamoLedger(doc, db.table),
    payouts: new DynamoPayoutStore(doc, db.table),
    audit: new DynamoAuditLog(doc, db.table),
    images: new MemoryImages(),
    documents: new MemoryDocuments(),
    bus: new RecordingBus(),
    clock: systemClock,
    newId: () => randomUUID(),
    uploadUrlTtlSeconds: 900,
  };
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
