import { localDate } from '../../domain/dates';
import { DEFAULT_FRAUD_POLICY, type FraudPolicy } from '../../domain/fraud-policy';
import { claimKeys, purchaseKeys } from '../../domain/fraud/claim-keys';
import { judgeLookAlike, lookAlikeLeads } from '../../domain/fraud/look-alikes';
import { lookAlikeIndexKeys } from '../../domain/fraud/photo-hash';
import { readingsOf } from '../../domain/fraud/readings';
import { fraudSuspicions, sameAmountSuspicion } from '../../domain/fraud/suspicions';
import { decidePurchase, nothingRead, readingDoubts } from '../../domain/purchase';
import type { LookAlike, MatchDecision, Receipt } from '../../domain/receipt';
import { rejection } from '../../domain/rejections';
import type { Extraction } from '../../receipts/extraction';
import type { AppContext } from '../context';
import { decisionFor, shopBonusFacts } from '../credits';
import { isParkingDocument, matchParkingTicket } from '../parking';
import type { StageOutcome } from './outcome';

type ReviewCandidates = NonNullable<Receipt['review']>['candidates'];

/**
 * Match stage: which shop, which campaign, how much. Clear-cut failures are rejected with their
 * code; doubtful readings or shops go to review; an accepted receipt gets its decision stored and
 * a credit command. The rules are the domain's (domain/purchase, domain/fraud, domain/campaign);
 * this stage gathers their facts and stores what they decide.
 */
export async function matchReceipt(ctx: AppContext, receiptId: string): Promise<StageOutcome> {
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.status !== 'PROCESSING') return 'ALREADY_DONE';
  if (receipt.decision) {
    await ctx.bus.sendToCredit({ receiptId });
    return 'FORWARDED';
  }
  const e = receipt.extraction;
  if (!e) throw new Error(`Receipt ${receiptId} reached the match stage without an extraction`);
  // A parking ticket or fine: the parking rules decide it (shared/app/parking.ts), never the shops'.
  if (isParkingDocument(e)) return matchParkingTicket(ctx, receipt);
  const now = ctx.clock.now();
  const today = localDate(now);
  const policy = ctx.policy ?? DEFAULT_FRAUD_POLICY;

  if (nothingRead(e)) {
    await ctx.receipts.reject(receiptId, rejection('UNREADABLE'), now);
    return 'REJECTED';
  }
  // The photo is indexed here, once read, so that every photo a look-alike search finds has its
  // readings (and before this receipt searches: see lookAlikePhotos). Meanwhile, the shop.
  const [match] = await Promise.all([
    ctx.merchants.match({
      siret: e.siret?.value, siren: e.siren?.value, vatNumber: e.vatNumber?.value, phone: e.phone?.value,
      sign: e.shopSign?.value, street: e.street?.value, postcode: e.postcode?.value, city: e.city?.value,
    }),
    receipt.perceptualHash
      ? ctx.fingerprints.remember(
          { receiptId, residentId: receipt.residentId, hash: receipt.perceptualHash, createdAt: receipt.createdAt, readings: readingsOf(e) },
          lookAlikeIndexKeys(receipt.perceptualHash, policy.lookAlikeIndexBands),
        )
      : undefined,
  ]);
  const review = (reasons: string[], candidates: ReviewCandidates = [], campaignId?: string, lookAlikes: LookAlike[] = []) =>
    ctx.receipts
      .sendToReview(receiptId, { reasons, candidates, ...(lookAlikes.length > 0 ? { lookAlikes } : {}) }, now, campaignId)
      .then(() => 'IN_REVIEW' as const);

  if (match.kind === 'NOT_FOUND') {
    // A shop the city suspended is known but not taking part now.
    if (match.suspended) {
      await ctx.receipts.reject(receiptId, rejection('MERCHANT_NOT_ELIGIBLE'), now);
      return 'REJECTED';
    }
    if (e.confidence < policy.minReadingConfidence) return review([`Lecture incertaine : ${match.explanation}`]);
    await ctx.receipts.reject(receiptId, rejection('MERCHANT_NOT_FOUND'), now);
    return 'REJECTED';
  }
  if (match.kind === 'REVIEW') {
    return review(
      [`Commerce incertain : ${match.explanation}`],
      match.candidates.map((c) => ({ merchantId: c.merchant.merchantId, name: c.merchant.name, score: Math.round(c.score * 100) / 100 })),
    );
  }
  const merchant = match.merchant;
  const doubts = readingDoubts(policy, e);
  if (doubts.length > 0 || !e.totalCents || !e.purchaseDate) {
    return review(doubts, [{ merchantId: merchant.merchantId, name: merchant.name, score: match.score }]);
  }
  const purchaseDate = e.purchaseDate.value;
  const totalCents = e.totalCents.value;
  const purchaseTime = e.purchaseTime?.value;
  const campaigns = await ctx.campaigns.listActive();
  const verdict = decidePurchase(campaigns, {
    merchant, purchaseDate, totalCents, today,
    ...(purchaseTime ? { purchaseTime } : {}),
    ...(await shopBonusFacts(ctx, campaigns, merchant.merchantId, receipt.residentId, purchaseDate)),
  });
  if (!verdict.ok) {
    // A date in the future is refused before any campaign is looked at: no rule to trace.
    await ctx.receipts.reject(receiptId, rejection(verdict.code), now, verdict.campaign?.campaignId, verdict.code === 'FUTURE_DATE' ? undefined : verdict.trace);
    return 'REJECTED';
  }

  // The same purchase sent twice (another photo of the same ticket, by anyone).
  const purchase = { merchantId: merchant.merchantId, purchaseDate, totalCents, ...(purchaseTime ? { purchaseTime } : {}), ...(e.ticketNumber ? { ticketNumber: e.ticketNumber.value } : {}) };
  for (const key of purchaseKeys(purchase)) {
    if ((await ctx.claims.claim(key, receiptId)) !== receiptId) {
      await ctx.receipts.reject(receiptId, rejection('DUPLICATE_RECEIPT'), now, verdict.campaign.campaignId, verdict.trace);
      return 'REJECTED';
    }
  }

  // Softer signs, for staff rather than a rejection.
  const [byResident, byAnyone, residentToday, residentAtShop, shopDay, lookAlikes] = await Promise.all([
    ctx.claims.claim(claimKeys.sameAmountByResident(receipt.residentId, merchant.merchantId, purchaseDate, totalCents), receiptId),
    ctx.claims.claim(claimKeys.sameAmountAtShop(merchant.merchantId, purchaseDate, totalCents), receiptId),
    ctx.claims.tally(claimKeys.residentDay(receipt.residentId, today), receiptId),
    ctx.claims.tally(claimKeys.residentShopDay(receipt.residentId, merchant.merchantId, purchaseDate), receiptId),
    ctx.claims.tally(claimKeys.shopDay(merchant.merchantId, purchaseDate), receiptId),
    lookAlikePhotos(ctx, policy, receipt, e),
  ]);
  const suspicions = [
    ...[sameAmountSuspicion(receiptId, { byResident, byAnyone }, purchase)].filter((s): s is string => s !== undefined),
    ...fraudSuspicions(policy, { merchant, purchaseDate, purchaseTime, totalCents, lineItems: e.lineItems }, { residentToday, residentAtShop, shopDay }),
    ...lookAlikes.map((l) => l.reason),
    ...(verdict.doubtful ? [verdict.doubtful] : []),
  ];
  if (suspicions.length > 0) {
    const candidates = [{ merchantId: merchant.merchantId, name: merchant.name, score: match.score }];
    return review(suspicions, candidates, verdict.campaign.campaignId, lookAlikes.map(({ receiptId: id, distance }) => ({ receiptId: id, distance })));
  }

  const decision: MatchDecision = await decisionFor(
    ctx,
    verdict,
    { merchantId: merchant.merchantId, merchantName: merchant.name, purchaseDate, totalCents, residentId: receipt.residentId },
    match.explanation,
  );
  await ctx.receipts.saveDecision(receiptId, decision, now);
  await ctx.bus.sendToCredit({ receiptId });
  return 'FORWARDED';
}

/**
 * Photos that look like this one (perceptual hashes within the city's distance): the same picture
 * re-encoded, resized, re-framed, turned a little or photographed again from a screen. Never a
 * rejection on its own: staff compare the two photos. The photo as sent and its three turns are
 * looked up band by band; the domain (domain/fraud/look-alikes) picks the leads and judges each
 * against the other receipt.
 *
 * Which of two look-alikes is held: the later one by upload time, when it reaches this stage
 * second (the usual order). When the queues deliver the later one first, it is paid and the
 * earlier one is held, naming it. Receipts are indexed here, once read and before they search, so
 * one of the two is always held; the one gap is two look-alikes matched within the same few
 * milliseconds.
 */
async function lookAlikePhotos(ctx: AppContext, policy: FraudPolicy, receipt: Receipt, e: Extraction): Promise<Array<LookAlike & { reason: string }>> {
  const hash = receipt.perceptualHash;
  if (!hash) return [];
  const readings = readingsOf(e);
  const views = [hash, ...(receipt.perceptualHashTurned ?? [])].filter((v) => v.length === hash.length);
  const candidates = await ctx.fingerprints.candidates([...new Set(views.flatMap((v) => lookAlikeIndexKeys(v, policy.lookAlikeIndexBands)))]);
  const leads = lookAlikeLeads({ receiptId: receipt.receiptId, views, readings }, candidates, policy.nearDuplicateMaxDistance);
  const others = await Promise.all(leads.map((c) => ctx.receipts.get(c.receiptId)));
  const self = { receiptId: receipt.receiptId, residentId: receipt.residentId, createdAt: receipt.createdAt, readings, hashBits: hash.length * 4 };
  return leads.flatMap((lead, i) => {
    const other = others[i];
    if (!other) return [];
    const found = judgeLookAlike(self, lead, {
      receiptId: other.receiptId,
      residentId: other.residentId,
      createdAt: other.createdAt,
      status: other.status,
      hasDecision: other.decision !== undefined,
      ...(other.rejection ? { rejectionCode: other.rejection.code } : {}),
      ...(other.extraction ? { extraction: other.extraction } : {}),
    });
    return found ? [found] : [];
  });
}
