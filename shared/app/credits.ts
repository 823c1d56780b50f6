import { capRuleOf, capWindowKey, describeCampaign, kindOf, type Award, type Campaign, type CampaignVerdict } from '../domain/campaign';
import { isoWeek } from '../domain/dates';
import { loyaltyWindowKey, type Tally } from '../domain/loyalty';
import type { MatchDecision, PlannedCredit, Receipt } from '../domain/receipt';
import { fundingAccountOf, type CapCounter, type CashbackOption, type ReversalPart } from '../ports';
import type { AppContext } from './context';

type Accepted = Extract<CampaignVerdict, { ok: true }>;

/**
 * What the shop's own bonuses need to know of the resident, as `chooseCampaign` takes it: whether
 * this is their first purchase at the shop (asked only when a welcome bonus of that shop runs) and
 * the tally of each loyalty reward of that shop in the purchase's period (read only for those).
 * The credit decides again on what it writes; these only forecast and explain.
 */
export async function shopBonusFacts(
  ctx: Pick<AppContext, 'ledger'>,
  campaigns: Campaign[],
  merchantId: string,
  residentId: string,
  purchaseDate: string,
): Promise<{ firstPurchaseAtShop?: boolean; loyaltyTallies?: ReadonlyMap<string, Tally> }> {
  const offersWelcome = campaigns.some((c) => kindOf(c) === 'WELCOME_BONUS' && c.merchantId === merchantId);
  const loyalty = campaigns.filter((c) => kindOf(c) === 'LOYALTY' && c.merchantId === merchantId);
  const [firstPurchase, tallies] = await Promise.all([
    offersWelcome ? ctx.ledger.isCustomer(merchantId, residentId).then((known) => !known) : undefined,
    Promise.all(loyalty.map(async (c) => [c.campaignId, await ctx.ledger.tally(c.campaignId, residentId, loyaltyWindowKey(c.period ?? 'CAMPAIGN', purchaseDate))] as const)),
  ]);
  return { ...(firstPurchase !== undefined ? { firstPurchaseAtShop: firstPurchase } : {}), ...(tallies.length > 0 ? { loyaltyTallies: new Map(tallies) } : {}) };
}

/** The campaigns with these ids that still exist, by id. */
export async function campaignsById(ctx: Pick<AppContext, 'campaigns'>, ids: Iterable<string>): Promise<Map<string, Campaign>> {
  const found = await Promise.all([...new Set(ids)].map((id) => ctx.campaigns.get(id)));
  return new Map(found.filter((c) => c !== undefined).map((c) => [c.campaignId, c]));
}

/** The ledger counter a campaign's cap rule draws on for a purchase, held by `holderId`. */
function capCounter(c: Campaign, cap: NonNullable<ReturnType<typeof capRuleOf>>, purchaseDate: string, holderId: string): CapCounter {
  return {
    basis: cap.basis,
    amountCents: cap.amountCents,
    windowKey: capWindowKey(cap.period, purchaseDate, isoWeek),
    holderId,
    ...(cap.basis === 'PURCHASE' ? { rateBps: c.rateBps ?? 0 } : {}),
  };
}

/**
 * Turns the campaigns' awards into the credits the ledger will pay: which cap counter each one
 * draws on (the resident's, or the household's for an allowance per household) and in which
 * window (the purchase's day, ISO week, month, or the whole campaign).
 */
export async function planCredits(ctx: Pick<AppContext, 'households'>, awards: Award[][], residentId: string, purchaseDate: string): Promise<PlannedCredit[][]> {
  let household: string | undefined | null = null;
  const holderFor = async (per: 'RESIDENT' | 'HOUSEHOLD') => {
    if (per === 'RESIDENT') return residentId;
    if (household === null) household = await ctx.households.householdOf(residentId);
    return household ? `household:${household}` : residentId;
  };
  const plan = async (a: Award): Promise<PlannedCredit> => {
    const c = a.campaign;
    const cap = capRuleOf(c);
    return {
      campaignId: c.campaignId,
      campaignName: c.name,
      kind: kindOf(c),
      cashbackCents: a.cashbackCents,
      ...(cap ? { cap: capCounter(c, cap, purchaseDate, await holderFor(cap.per)) } : {}),
      ...(kindOf(c) === 'WELCOME_BONUS' ? { firstPurchaseOnly: true } : {}),
      // A loyalty reward counts every purchase it accepts; the ledger pays its whole bonus on the Nth.
      ...(kindOf(c) === 'LOYALTY'
        ? { cashbackCents: c.bonusCents ?? a.cashbackCents, tally: { holderId: residentId, windowKey: loyaltyWindowKey(c.period ?? 'CAMPAIGN', purchaseDate), everyNth: c.everyNth ?? 2 } }
        : {}),
    };
  };
  const out: PlannedCredit[][] = [];
  for (const slot of awards) out.push(await Promise.all(slot.map(plan)));
  return out;
}

/** The match decision for an accepted receipt: the shop, the facts, the credits and why. */
export async function decisionFor(
  ctx: Pick<AppContext, 'households'>,
  verdict: Accepted,
  facts: { merchantId: string; merchantName: string; purchaseDate: string; totalCents: number; residentId: string },
  why: string,
): Promise<MatchDecision> {
  const credits = await planCredits(ctx, verdict.credits, facts.residentId, facts.purchaseDate);
  return {
    merchantId: facts.merchantId,
    merchantName: facts.merchantName,
    campaignId: verdict.campaign.campaignId,
    purchaseDate: facts.purchaseDate,
    totalCents: facts.totalCents,
    cashbackCents: verdict.cashbackCents,
    credits,
    explanation: [why, ...verdict.credits.map((slot) => describeCampaign(slot[0]!.campaign))],
    trace: verdict.trace,
  };
}

/** The ledger's options for a decision; a decision from before stacking pays its one campaign. */
export function cashbackOptions(d: MatchDecision, campaign: (id: string) => Campaign | undefined, residentId: string): CashbackOption[][] {
  const slots: PlannedCredit[][] = d.credits ?? [[{ campaignId: d.campaignId, campaignName: '', kind: 'CASHBACK', cashbackCents: d.cashbackCents, ...legacyCap(campaign(d.campaignId), d.purchaseDate, residentId) }]];
  return slots
    .map((slot) =>
      slot
        // A campaign paused, closed or gone since the decision pays nothing now.
        .filter((p) => campaign(p.campaignId)?.status === 'ACTIVE')
        .map((p) => ({
          campaignId: p.campaignId,
          desiredCents: p.cashbackCents,
          ...(p.cap ? { cap: p.cap } : {}),
          ...(p.firstPurchaseOnly ? { firstPurchaseOnly: true } : {}),
          ...(p.tally ? { tally: p.tally } : {}),
        })),
    )
    .filter((slot) => slot.length > 0);
}

function legacyCap(c: Campaign | undefined, purchaseDate: string, residentId: string): Pick<PlannedCredit, 'cap'> {
  const cap = c && capRuleOf(c);
  if (!cap) return {};
  return { cap: capCounter(c, cap, purchaseDate, residentId) };
}

/**
 * What a reversal must undo: each credit paid for the receipt, its money going back to the
 * campaign's budget while the campaign is open, to its funder (the city, or the shop) once closed.
 * A receipt credited before stacking existed carries no list: its one transfer is rebuilt.
 */
export function reversalParts(r: Receipt, campaign: (id: string) => Campaign | undefined): ReversalPart[] {
  const d = r.decision!;
  const paid = r.credits ?? [
    {
      campaignId: d.campaignId,
      transferId: `cashback:${r.receiptId}`,
      amountCents: r.cashbackCents ?? 0,
      ...(() => {
        const cap = legacyCap(campaign(d.campaignId), d.purchaseDate, r.residentId).cap;
        return cap ? { cap: { holderId: cap.holderId, windowKey: cap.windowKey, usedCents: r.cashbackCents ?? 0 } } : {};
      })(),
    },
  ];
  return paid.map((p) => {
    const c = campaign(p.campaignId);
    return { ...p, returnTo: !c || c.status !== 'CLOSED' ? ('BUDGET' as const) : fundingAccountOf(c) };
  });
}
