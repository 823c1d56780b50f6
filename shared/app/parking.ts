import { describeCampaign, kindOf, type Campaign, type RuleTrace } from '../domain/campaign';
import { localDate } from '../domain/dates';
import { DEFAULT_FRAUD_POLICY } from '../domain/fraud-policy';
import { claimKeys } from '../domain/fraud/claim-keys';
import { euros } from '../domain/money';
import {
  deadlineOf,
  judgeParkingTicket,
  normalizeName,
  purchaseOrder,
  purchaseQualifies,
  refundFor,
  startOfLocalDay,
  type CreditedPurchase,
  type ParkingWait,
} from '../domain/parking';
import type { MatchDecision, Receipt } from '../domain/receipt';
import { rejection } from '../domain/rejections';
import type { Extraction } from '../receipts/extraction';
import type { AppContext } from './context';
import { campaignsById } from './credits';
import type { StageOutcome } from './stages/outcome';

/**
 * Free parking with a purchase (shared/domain/parking.ts holds the rules): how a parking ticket
 * goes through the pipeline. The match stage judges the ticket (car park, period, refund), then
 * looks for the resident's credited purchases of the day and claims the first that qualifies; a
 * claim keyed by the purchase is held by one ticket only (first writer wins), so one purchase never
 * validates two tickets, even sent at the same instant. With no purchase, the ticket waits
 * (PROCESSING, `waiting`): a purchase credited later wakes it (the credit stage, `wakeParkingTickets`),
 * and the scheduled sweep (`sweepWaitingTickets`) decides it for good once its deadline passed:
 * credited if a purchase qualifies then, else refused (NO_QUALIFYING_PURCHASE).
 */

/** How a decided ticket goes on to the ledger: the match stage sends it to the credit queue; the credit stage and the sweep credit it at once. */
export type Forward = (receiptId: string) => Promise<StageOutcome>;

/** Ticket or fine: a document the parking rules decide, never the shops' ones. */
export const isParkingDocument = (e: Extraction | undefined): boolean => !!(e?.parking || e?.parkingFine);

type Ports = Pick<AppContext, 'receipts' | 'claims' | 'clock'>;

/** Pages of a resident's receipts looked at, at most, when looking for a day's purchases or tickets. */
const MAX_PAGES = 20;

/** A resident's receipts created since `day` began (a purchase or ticket of that day is never older), newest first. */
async function* receiptsSince(ctx: Pick<AppContext, 'receipts'>, residentId: string, day: string): AsyncIterable<Receipt> {
  const since = startOfLocalDay(day).toISOString();
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await ctx.receipts.listByResident(residentId, 50, cursor);
    for (const r of page.items) {
      if (r.createdAt < since) return;
      yield r;
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return;
  }
}

/** The resident's credited shop purchases of a day (never a parking ticket), with when they were credited. */
async function creditedPurchasesOn(ctx: Pick<AppContext, 'receipts'>, residentId: string, day: string): Promise<Array<CreditedPurchase & { creditedAt: string }>> {
  const found: Array<CreditedPurchase & { creditedAt: string }> = [];
  for await (const r of receiptsSince(ctx, residentId, day)) {
    const d = r.decision;
    if (r.status !== 'CREDITED' || !d || d.parkingPurchaseId || isParkingDocument(r.extraction) || d.purchaseDate !== day) continue;
    found.push({ receiptId: r.receiptId, merchantName: d.merchantName, purchaseDate: d.purchaseDate, totalCents: d.totalCents, creditedAt: r.updatedAt });
  }
  return purchaseOrder(found);
}

/** A ticket judged: where it was paid, the campaigns that accept it (best refund first) and why. */
interface JudgedTicket {
  place: { merchantId: string; name: string };
  day: string;
  amountCents: number;
  accepted: Array<{ campaign: Campaign; refundCents: number }>;
  trace: RuleTrace[];
}

/** Claims the first purchase of the day that qualifies and is not held by another ticket; the decision to store, if one is held. */
async function claimPurchase(ctx: Ports, ticket: Receipt, t: JudgedTicket): Promise<MatchDecision | undefined> {
  for (const p of await creditedPurchasesOn(ctx, ticket.residentId, t.day)) {
    const checks = t.accepted.map((a) => ({ ...a, check: purchaseQualifies(a.campaign, t.day, p) }));
    const fits = checks.filter((c) => c.check.verdict === 'PASS');
    if (fits.length === 0) continue;
    if ((await ctx.claims.claim(claimKeys.parkingPurchase(p.receiptId), ticket.receiptId)) !== ticket.receiptId) continue;
    const best = fits[0]!;
    return {
      merchantId: t.place.merchantId,
      merchantName: t.place.name,
      campaignId: best.campaign.campaignId,
      purchaseDate: t.day,
      totalCents: t.amountCents,
      cashbackCents: best.refundCents,
      // The best refund first; the others are its fallbacks should its budget be spent.
      credits: [fits.map((f) => ({ campaignId: f.campaign.campaignId, campaignName: f.campaign.name, kind: 'PARKING' as const, cashbackCents: f.refundCents }))],
      explanation: [
        `Stationnement ${t.place.name} du ${t.day} : ${euros(t.amountCents)}`,
        `Validé par l'achat de ${euros(p.totalCents)} chez ${p.merchantName} le même jour`,
        describeCampaign(best.campaign),
      ],
      trace: [...t.trace, ...checks.map((c) => c.check), { campaignId: best.campaign.campaignId, rule: 'purchase-claim', verdict: 'PASS', detail: `achat ${p.receiptId} retenu pour ce seul ticket` }],
      parkingPurchaseId: p.receiptId,
    };
  }
  return undefined;
}

/**
 * Decides a judged ticket: paid when a purchase validates it; else refused once its deadline
 * passed, or left waiting until then (looked at once more after it is marked waiting, as a purchase
 * credited meanwhile may have looked for waiting tickets before this one waited).
 */
async function settle(ctx: Ports, ticket: Receipt, t: JudgedTicket, forward: Forward): Promise<StageOutcome> {
  const now = ctx.clock.now();
  const decide = async (decision: MatchDecision) => {
    await ctx.receipts.saveDecision(ticket.receiptId, decision, now);
    return forward(ticket.receiptId);
  };
  const found = await claimPurchase(ctx, ticket, t);
  if (found) return decide(found);
  const until = deadlineOf(t.accepted.map((a) => a.campaign), t.day);
  const main = t.accepted[0]!.campaign.campaignId;
  if (now.toISOString() >= until) {
    const trace: RuleTrace[] = [...t.trace, { campaignId: main, rule: 'purchase', verdict: 'FAIL', detail: `aucun achat remboursé le ${t.day} ne valide ce ticket (attendu jusqu'au ${until})` }];
    await ctx.receipts.reject(ticket.receiptId, rejection('NO_QUALIFYING_PURCHASE'), now, main, trace);
    return 'REJECTED';
  }
  if (!ticket.waiting) {
    const waiting: ParkingWait = { for: 'PURCHASE', until, campaignIds: t.accepted.map((a) => a.campaign.campaignId), place: t.place };
    if (!(await ctx.receipts.markWaiting(ticket.receiptId, waiting, now))) return 'ALREADY_DONE';
    const again = await claimPurchase(ctx, ticket, t);
    if (again) return decide(again);
  }
  return 'WAITING';
}

/**
 * The match stage for a parking ticket or fine (shared/app/stages/match.ts routes it here): a fine
 * is refused; doubtful readings go to review; the same ticket sent twice is refused; then the
 * parking campaigns judge it and a purchase is looked for (see `settle`).
 */
export async function matchParkingTicket(ctx: AppContext, receipt: Receipt): Promise<StageOutcome> {
  const now = ctx.clock.now();
  const e = receipt.extraction!;
  const id = receipt.receiptId;
  const p = e.parking;
  if (e.parkingFine || !p) {
    await ctx.receipts.reject(id, rejection('PARKING_FINE'), now);
    return 'REJECTED';
  }
  const policy = ctx.policy ?? DEFAULT_FRAUD_POLICY;
  const doubts = [
    ...(p.amountCents === undefined ? ['Montant payé du stationnement non lu'] : []),
    ...(!e.purchaseDate ? ['Date de paiement du stationnement non lue'] : e.purchaseDate.confidence < policy.minDateConfidence ? [`Date de paiement incertaine (${e.purchaseDate.value})`] : []),
    ...(p.confidence < policy.minReadingConfidence ? [`Ticket de stationnement incertain (confiance ${p.confidence})`] : []),
  ];
  if (doubts.length > 0 || p.amountCents === undefined || !e.purchaseDate) {
    await ctx.receipts.sendToReview(id, { reasons: doubts, candidates: [] }, now);
    return 'IN_REVIEW';
  }
  const amountCents = p.amountCents;
  const day = e.purchaseDate.value;
  const operator = p.operator ?? e.shopSign?.value;
  // The same ticket sent twice (another photo of it, by anyone): its kind, operator, time and amount.
  const at = p.exitAt ?? p.entryAt;
  if (at && (await ctx.claims.claim(claimKeys.parkingTicket(p.kind, normalizeName(operator ?? ''), at, amountCents), id)) !== id) {
    await ctx.receipts.reject(id, rejection('DUPLICATE_RECEIPT'), now);
    return 'REJECTED';
  }
  const [match, campaigns] = await Promise.all([
    ctx.merchants.match({
      siret: e.siret?.value, siren: e.siren?.value, vatNumber: e.vatNumber?.value, phone: e.phone?.value,
      sign: e.shopSign?.value ?? p.operator, street: e.street?.value, postcode: e.postcode?.value, city: e.city?.value,
    }),
    ctx.campaigns.listActive(),
  ]);
  const carPark = match.kind === 'MATCHED' ? match.merchant : undefined;
  const verdict = judgeParkingTicket(campaigns, { kind: p.kind, ...(operator ? { operator } : {}), ...(carPark ? { carPark } : {}), day, amountCents, today: localDate(now) });
  if (!verdict.ok) {
    await ctx.receipts.reject(id, rejection(verdict.code), now, verdict.campaign?.campaignId, verdict.code === 'FUTURE_DATE' ? undefined : verdict.trace);
    return 'REJECTED';
  }
  const place = carPark ? { merchantId: carPark.merchantId, name: carPark.name } : { merchantId: `parking:${normalizeName(operator ?? 'voirie').replace(/ /g, '-')}`, name: operator ?? 'Stationnement sur voirie' };
  return settle(ctx, receipt, { place, day, amountCents, accepted: verdict.accepted, trace: verdict.trace }, async (receiptId) => {
    await ctx.bus.sendToCredit({ receiptId });
    return 'FORWARDED';
  });
}

/** A waiting ticket decided again (a purchase was credited, or its deadline passed) by the campaigns that accepted it, if still active. */
async function decideWaitingTicket(ctx: Ports & Pick<AppContext, 'campaigns'>, ticket: Receipt, forward: Forward): Promise<StageOutcome> {
  const w = ticket.waiting!;
  const amountCents = ticket.extraction?.parking?.amountCents ?? 0;
  const day = ticket.extraction?.purchaseDate?.value ?? '';
  const campaigns = await campaignsById(ctx, w.campaignIds);
  const accepted = w.campaignIds
    .map((cid) => campaigns.get(cid))
    .filter((c): c is Campaign => c?.status === 'ACTIVE' && kindOf(c) === 'PARKING')
    .map((campaign) => ({ campaign, refundCents: refundFor(campaign, amountCents) }))
    .sort((a, b) => b.refundCents - a.refundCents || (a.campaign.campaignId < b.campaign.campaignId ? -1 : 1));
  if (accepted.length === 0 || !day) {
    await ctx.receipts.reject(ticket.receiptId, rejection('NO_ACTIVE_CAMPAIGN'), ctx.clock.now(), w.campaignIds[0]);
    return 'REJECTED';
  }
  const trace: RuleTrace[] = accepted.map((a) => ({ campaignId: a.campaign.campaignId, rule: 'car-park', verdict: 'PASS', detail: `${w.place.name} : ticket accepté à sa lecture, en attente d'un achat jusqu'au ${w.until}` }));
  return settle(ctx, ticket, { place: w.place, day, amountCents, accepted, trace }, forward);
}

/**
 * After a shop purchase is credited (the credit stage): the resident's tickets of that day waiting
 * for a purchase are decided now, in the order they were sent, each crediting at once (`forward`).
 */
export async function wakeParkingTickets(ctx: Ports & Pick<AppContext, 'campaigns'>, purchase: Receipt, forward: Forward): Promise<number> {
  const d = purchase.decision;
  if (!d || d.parkingPurchaseId || isParkingDocument(purchase.extraction)) return 0;
  if (!(await ctx.campaigns.listActive()).some((c) => kindOf(c) === 'PARKING')) return 0;
  const waiting: Receipt[] = [];
  for await (const r of receiptsSince(ctx, purchase.residentId, d.purchaseDate)) {
    if (r.status === 'PROCESSING' && r.waiting && !r.decision && r.extraction?.purchaseDate?.value === d.purchaseDate) waiting.push(r);
  }
  waiting.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.receiptId < b.receiptId ? -1 : 1));
  let woken = 0;
  for (const t of waiting) if ((await decideWaitingTicket(ctx, t, forward)) !== 'WAITING') woken++;
  return woken;
}

/** What a sweep did. */
export interface ParkingSweep {
  looked: number;
  credited: number;
  rejected: number;
  other: number;
}

/**
 * The scheduled sweep: every waiting ticket whose deadline passed is decided for good (credited
 * when a purchase qualifies now, else refused with NO_QUALIFYING_PURCHASE); a ticket decided but
 * not yet credited is credited. Tickets are listed by deadline, so the sweep stops at the first one
 * still in time. At most `limit` tickets a run; the next run takes the rest.
 */
export async function sweepWaitingTickets(ctx: Ports & Pick<AppContext, 'campaigns'>, forward: Forward, limit = 1_000): Promise<ParkingSweep> {
  const now = ctx.clock.now().toISOString();
  const due: Receipt[] = [];
  let cursor: string | undefined;
  collect: do {
    const page = await ctx.receipts.listByStatus('PROCESSING', 100, cursor);
    for (const r of page.items) {
      if (!r.waiting || r.waiting.until > now || due.length >= limit) break collect;
      due.push(r);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const run: ParkingSweep = { looked: due.length, credited: 0, rejected: 0, other: 0 };
  for (const r of due) {
    const outcome = r.decision ? await forward(r.receiptId) : await decideWaitingTicket(ctx, r, forward);
    if (outcome === 'CREDITED') run.credited++;
    else if (outcome === 'REJECTED') run.rejected++;
    else run.other++;
  }
  return run;
}
