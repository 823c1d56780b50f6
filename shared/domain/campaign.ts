import { z } from 'zod';
import { Cents, PositiveCents, applyRateBps } from './money';
import { isValidDate, daysBetween } from './dates';
import type { RejectionCode } from './rejections';
import type { Merchant } from './merchant';

const LocalDate = z.string().refine(isValidDate, 'expected a date as YYYY-MM-DD');

export const CapPeriod = z.enum(['DAY', 'WEEK', 'MONTH', 'CAMPAIGN']);
export type CapPeriod = z.infer<typeof CapPeriod>;

export const MerchantSelection = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ tags: z.array(z.string().min(1).max(64)).min(1).max(50) }).strict(),
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(5000) }).strict(),
]);
export type MerchantSelection = z.infer<typeof MerchantSelection>;

/** The body of `POST /v1/admin/campaigns` (DESIGN section 4). */
export const CampaignInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    budgetCents: PositiveCents,
    startsOn: LocalDate,
    endsOn: LocalDate,
    rateBps: z.number().int().min(1).max(10_000),
    maxCashbackPerReceiptCents: PositiveCents.optional(),
    minPurchaseCents: Cents.optional(),
    perResidentCap: z.object({ amountCents: PositiveCents, period: CapPeriod }).strict().optional(),
    receiptMaxAgeDays: z.number().int().min(1).max(366).optional(),
    merchants: MerchantSelection.default({ all: true }),
  })
  .strict()
  .refine((c) => c.startsOn <= c.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type CampaignInput = z.infer<typeof CampaignInput>;

export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'CLOSED';

export interface Campaign extends CampaignInput {
  campaignId: string;
  status: CampaignStatus;
  createdAt: string;
  activatedAt?: string;
}

export function merchantEligible(campaign: Pick<Campaign, 'merchants'>, merchant: Merchant): boolean {
  const sel = campaign.merchants;
  if ('all' in sel) return true;
  if ('tags' in sel) return sel.tags.some((t) => merchant.tags.includes(t));
  return sel.ids.includes(merchant.merchantId);
}

export interface ReceiptFacts {
  merchant: Merchant;
  purchaseDate: string;
  totalCents: number;
  /** Today in Europe/Paris. */
  today: string;
}

export type CampaignVerdict =
  | { ok: true; campaign: Campaign; cashbackCents: number }
  | { ok: false; code: RejectionCode; campaign?: Campaign };

/**
 * Applies one campaign's rules to a receipt: eligibility, window, age, minimum, rate and the
 * per-receipt maximum. Caps and the remaining budget are applied later, by the ledger, in the
 * same transaction as the credit.
 */
export function evaluateCampaign(campaign: Campaign, facts: ReceiptFacts): CampaignVerdict {
  if (campaign.status !== 'ACTIVE') return { ok: false, code: 'NO_ACTIVE_CAMPAIGN', campaign };
  if (!merchantEligible(campaign, facts.merchant)) return { ok: false, code: 'MERCHANT_NOT_ELIGIBLE', campaign };
  if (facts.purchaseDate < campaign.startsOn || facts.purchaseDate > campaign.endsOn) {
    return { ok: false, code: 'OUTSIDE_CAMPAIGN_PERIOD', campaign };
  }
  if (campaign.receiptMaxAgeDays !== undefined && daysBetween(facts.purchaseDate, facts.today) > campaign.receiptMaxAgeDays) {
    return { ok: false, code: 'RECEIPT_TOO_OLD', campaign };
  }
  if (campaign.minPurchaseCents !== undefined && facts.totalCents < campaign.minPurchaseCents) {
    return { ok: false, code: 'BELOW_MINIMUM', campaign };
  }
  let cashback = applyRateBps(facts.totalCents, campaign.rateBps);
  if (campaign.maxCashbackPerReceiptCents !== undefined) cashback = Math.min(cashback, campaign.maxCashbackPerReceiptCents);
  if (campaign.perResidentCap) cashback = Math.min(cashback, campaign.perResidentCap.amountCents);
  if (cashback <= 0) return { ok: false, code: 'BELOW_MINIMUM', campaign };
  return { ok: true, campaign, cashbackCents: cashback };
}

/** Order in which a failed verdict explains itself best when no campaign accepts a receipt. */
const REJECTION_PRIORITY: RejectionCode[] = [
  'BELOW_MINIMUM',
  'RECEIPT_TOO_OLD',
  'OUTSIDE_CAMPAIGN_PERIOD',
  'MERCHANT_NOT_ELIGIBLE',
  'NO_ACTIVE_CAMPAIGN',
];

/**
 * Chooses the campaign that pays the resident most among those that accept the receipt; when
 * none does, returns the most specific reason (a campaign the shop is in beats one it is not).
 */
export function chooseCampaign(campaigns: Campaign[], facts: ReceiptFacts): CampaignVerdict {
  const verdicts = campaigns.map((c) => evaluateCampaign(c, facts));
  const accepted = verdicts.filter((v): v is Extract<CampaignVerdict, { ok: true }> => v.ok);
  if (accepted.length > 0) {
    return accepted.reduce((best, v) =>
      v.cashbackCents > best.cashbackCents ||
      (v.cashbackCents === best.cashbackCents && v.campaign.campaignId < best.campaign.campaignId)
        ? v
        : best,
    );
  }
  for (const code of REJECTION_PRIORITY) {
    const found = verdicts.find((v) => !v.ok && v.code === code);
    if (found) return found;
  }
  return { ok: false, code: 'NO_ACTIVE_CAMPAIGN' };
}

/** The key of the cap window a purchase falls in. */
export function capWindowKey(period: CapPeriod, purchaseDate: string, isoWeekOf: (d: string) => string): string {
  switch (period) {
    case 'DAY':
      return purchaseDate;
    case 'WEEK':
      return isoWeekOf(purchaseDate);
    case 'MONTH':
      return purchaseDate.slice(0, 7);
    case 'CAMPAIGN':
      return 'ALL';
  }
}
