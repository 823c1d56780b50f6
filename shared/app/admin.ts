import { ConflictError, DomainError, NotFoundError } from '../domain/errors';
import { CampaignInput, type Campaign } from '../domain/campaign';
import type { AppContext } from './context';
import { receiptObjectKey, type Receipt } from '../domain/receipt';

/** A welcome bonus or a loyalty reward names the shop that pays it: it must be a participating shop. */
async function assertFunderExists(ctx: AppContext, input: CampaignInput) {
  if (input.merchantId !== undefined && !(await ctx.merchants.get(input.merchantId))) {
    throw new DomainError('MERCHANT_NOT_FOUND', 'The campaign names a paying shop that is not in the directory.', 400, [{ path: 'merchantId', message: 'unknown shop' }]);
  }
}

/** A campaign's rules as callers give them; `merchants` defaults to all shops. */
export type CampaignBody = Omit<CampaignInput, 'merchants'> & Partial<Pick<CampaignInput, 'merchants'>>;

export async function createCampaign(ctx: AppContext, body: CampaignBody) {
  // The route has parsed the body already; the CLI, the demo territory and tests have not.
  const input = CampaignInput.parse(body);
  await assertFunderExists(ctx, input);
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

/** Every campaign, newest first (the console's list; its budget burn comes from each one's stats). */
export function listCampaigns(ctx: AppContext, limit: number, cursor?: string) {
  return ctx.campaigns.list(limit, cursor);
}

export async function getCampaign(ctx: AppContext, campaignId: string) {
  return mustGetCampaign(ctx, campaignId);
}

export async function campaignStats(ctx: AppContext, campaignId: string) {
  await mustGetCampaign(ctx, campaignId);
  // Kept as counters by the ledger and the decisions (docs/ledger.md, "Figures"): no receipt is read.
  const ledger = await ctx.ledger.campaignStats(campaignId);
  return {
    budgetCents: ledger.fundedCents,
    creditedCents: ledger.creditedCents,
    remainingCents: ledger.remainingCents,
    reversedCents: ledger.reversedCents,
    returnedCents: ledger.returnedCents,
    salesCents: ledger.salesCents,
    receipts: { credited: ledger.creditedReceipts, rejected: ledger.rejectedReceipts, inReview: ledger.inReviewReceipts },
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
      imageUrl: await ctx.images.presignKeptDownload(r, 900),
      extraction: r.extraction ?? null,
      review: r.review ? await withImageLinks(ctx, r.review) : null,
    })),
  );
  return { items, nextCursor: page.nextCursor };
}

/** A review with a short-lived link to each look-alike photo, so that staff can compare them. */
async function withImageLinks(ctx: AppContext, review: NonNullable<Receipt['review']>) {
  if (!review.lookAlikes?.length) return review;
  const lookAlikes = await Promise.all(
    review.lookAlikes.map(async (l) => {
      // The other receipt says where its image as read is (the upload, or a kept copy).
      const other = await ctx.receipts.get(l.receiptId);
      return { ...l, imageUrl: await ctx.images.presignKeptDownload(other ?? { objectKey: receiptObjectKey(l.receiptId) }, 900) };
    }),
  );
  return { ...review, lookAlikes };
}

/** PUT /v1/admin/campaigns/{id}: a draft's rules may change until it is activated. */
export async function updateDraftCampaign(ctx: AppContext, campaignId: string, body: CampaignBody) {
  const input = CampaignInput.parse(body);
  const current = await mustGetCampaign(ctx, campaignId);
  await assertFunderExists(ctx, input);
  if (current.status !== 'DRAFT' || !(await ctx.campaigns.replaceDraft({ ...input, campaignId, status: 'DRAFT', createdAt: current.createdAt }))) {
    throw new ConflictError('CAMPAIGN_NOT_DRAFT', 'Only a draft campaign can be edited; an active one can be paused, topped up or closed.');
  }
  return mustGetCampaign(ctx, campaignId);
}

/** POST .../pause and .../resume: a paused campaign credits nothing new; its budget stays. */
export async function setCampaignPaused(ctx: AppContext, campaignId: string, paused: boolean) {
  await mustGetCampaign(ctx, campaignId);
  const [from, to] = paused ? (['ACTIVE', 'PAUSED'] as const) : (['PAUSED', 'ACTIVE'] as const);
  if (!(await ctx.campaigns.transition(campaignId, from, to, ctx.clock.now()))) {
    const now = await mustGetCampaign(ctx, campaignId);
    if (now.status !== to) throw new ConflictError(paused ? 'CAMPAIGN_NOT_ACTIVE' : 'CAMPAIGN_NOT_PAUSED', `Campaign ${campaignId} is ${now.status}.`);
  }
  return { campaignId, status: to };
}

/** GET /v1/admin/receipts/{id}: everything staff need to understand a receipt's fate. */
export async function receiptForStaff(ctx: AppContext, receiptId: string) {
  const r = await ctx.receipts.get(receiptId);
  if (!r) throw new NotFoundError('RECEIPT_NOT_FOUND', 'No such receipt.');
  return { ...r, imageUrl: await ctx.images.presignKeptDownload(r, 900) };
}
