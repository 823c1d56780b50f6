import { NotFoundError } from '../domain/errors';
import type { Campaign, CampaignInput } from '../domain/campaign';
import type { AppContext } from './context';

export async function createCampaign(ctx: AppContext, input: CampaignInput) {
  const campaign: Campaign = { ...input, campaignId: ctx.newId(), status: 'DRAFT', createdAt: ctx.clock.now().toISOString() };
  await ctx.campaigns.create(campaign);
  return { campaignId: campaign.campaignId, status: campaign.status };
}

async function mustGetCampaign(ctx: AppContext, campaignId: string) {
  const campaign = await ctx.campaigns.get(campaignId);
  if (!campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND', 'No such campaign.');
  return campaign;
}

/** Activation funds the budget from the city's account in the same transaction. */
export async function activateCampaign(ctx: AppContext, campaignId: string) {
  const campaign = await mustGetCampaign(ctx, campaignId);
  await ctx.ledger.activateCampaign(campaign, ctx.clock.now());
  return { campaignId, status: 'ACTIVE' as const };
}

export async function getCampaign(ctx: AppContext, campaignId: string) {
  return mustGetCampaign(ctx, campaignId);
}

export async function campaignStats(ctx: AppContext, campaignId: string) {
  await mustGetCampaign(ctx, campaignId);
  const ledger = await ctx.ledger.campaignStats(campaignId);
  let rejected = 0;
  let inReview = 0;
  for await (const r of ctx.receipts.listByCampaign(campaignId)) {
    if (r.status === 'REJECTED') rejected++;
    else if (r.status === 'IN_REVIEW') inReview++;
  }
  return {
    budgetCents: ledger.fundedCents,
    creditedCents: ledger.creditedCents,
    remainingCents: ledger.remainingCents,
    reversedCents: ledger.reversedCents,
    returnedCents: ledger.returnedCents,
    salesCents: ledger.salesCents,
    receipts: { credited: ledger.creditedReceipts, rejected, inReview },
    residents: ledger.residents,
    merchants: ledger.merchants,
  };
}

export async function listReview(ctx: AppContext, limit: number, cursor?: string) {
  const page = await ctx.receipts.listByStatus('IN_REVIEW', limit, cursor);
  const items = await Promise.all(
    page.items.map(async (r) => ({
      receiptId: r.receiptId,
      residentId: r.residentId,
      createdAt: r.createdAt,
      imageUrl: await ctx.images.presignDownload(r.objectKey, 900),
      extraction: r.extraction ?? null,
      review: r.review ?? null,
    })),
  );
  return { items, nextCursor: page.nextCursor };
}
