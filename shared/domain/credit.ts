import { applyRateBps } from './money';
import { loyaltyStep, type LoyaltyMark, type Tally, type TallyCounter } from './loyalty';
export type { LoyaltyMark, Tally, TallyCounter } from './loyalty';

/**
 * What a credit draws on and what it paid: the ledger's terms that receipts keep (see the Ledger
 * port in shared/ports/ledger.ts, which executes credits).
 */

/** The ledger counter that limits a credit: whose (a resident, or `household:<id>`), which window, counting cashback or purchases. */
export interface CapCounter {
  basis: 'CASHBACK' | 'PURCHASE';
  amountCents: number;
  windowKey: string;
  holderId: string;
  /** PURCHASE basis: the rate applied to the part of the purchase still under the cap. */
  rateBps?: number;
}

/** A credit paid for a receipt: kept on the receipt, so that a reversal can undo exactly it. */
export interface PaidCredit {
  campaignId: string;
  transferId: string;
  amountCents: number;
  /** The cap counter it used and by how much (cashback or purchase cents). */
  cap?: { holderId: string; windowKey: string; usedCents: number };
}

/** One campaign's claim on a receipt, as the ledger sees it. */
export interface CashbackOption {
  campaignId: string;
  /** What the campaign's rules grant before the cap, the remaining budget and the purchase total. */
  desiredCents: number;
  cap?: CapCounter;
  /** Pays only on the resident's first credited purchase at the shop (welcome bonuses). */
  firstPurchaseOnly?: boolean;
  /** Counts the purchase in a ledger tally and pays `desiredCents` whole on every Nth (loyalty rewards). */
  tally?: TallyCounter;
}

export type CreditRefusal = 'BUDGET_EXHAUSTED' | 'CAP_REACHED' | 'WELCOME_BONUS_USED' | 'LOYALTY_NOT_DUE';

/** What the ledger holds now, read consistently just before the transaction that guards it. */
export interface LedgerState {
  /** Each campaign's budget left. */
  budgetLeftCents: ReadonlyMap<string, number>;
  /** What an option's cap counter has used in its window (cashback or purchase cents). */
  capUsedCents: (option: CashbackOption) => number;
  /** The resident already has a credited purchase at the shop (a welcome bonus is paid once). */
  alreadyCustomer: boolean;
  /** What an option's tally holds now (zeros when absent); only asked of options with a tally. */
  tally?: (option: CashbackOption) => Tally;
}

/** `loyalty`: each tally the credit advances, with what it decided (written with the credit, kept on the receipt). */
export type Allocation = { ok: true; paid: PaidCredit[]; bonusPaid: boolean; loyalty?: LoyaltyMark[] } | { ok: false; code: CreditRefusal };

/**
 * What a receipt's credits pay, slot by slot, given what the ledger holds: in each slot the first
 * option that can still pay (slot 0 is the best single campaign then its fallbacks; the others are
 * stacked campaigns). An option pays at most what it desires, what its budget has left, what is
 * left of the purchase, and what its cap allows: a cashback cap leaves `limit - used`; a purchase
 * cap ("20 % on the first 50 EUR a month") pays its rate on the part of the purchase still under
 * the cap. A welcome bonus pays nothing to a resident who is already a customer. A loyalty
 * reward counts the purchase and pays its bonus whole on the Nth (shared/domain/loyalty.ts): cut to
 * what is left of the purchase, and not at all when its budget cannot cover it. When nothing is
 * paid, the refusal of the best single campaign (slot 0) says why, and no tally moves. The ledger
 * adapter turns the result into one transaction whose conditions re-check every number used here.
 */
export function allocateCredits(req: { receiptId: string; totalCents: number; credits: CashbackOption[][] }, state: LedgerState): Allocation {
  const budgetLeft = new Map(state.budgetLeftCents);
  const paid: PaidCredit[] = [];
  let firstRefusal: CreditRefusal | undefined;
  let purchaseLeft = req.totalCents;
  let bonusPaid = false;
  const loyalty: LoyaltyMark[] = [];
  const transferIdOf = (slotIndex: number, o: CashbackOption) => (slotIndex === 0 ? `cashback:${req.receiptId}` : `cashback:${req.receiptId}:${o.campaignId}`);
  req.credits.forEach((slot, slotIndex) => {
    for (const o of slot) {
      if (o.tally) {
        const step = loyaltyStep(state.tally?.(o) ?? { count: 0, rewarded: 0 }, o.tally.everyNth);
        const amount = Math.min(o.desiredCents, purchaseLeft);
        const left = budgetLeft.get(o.campaignId) ?? 0;
        const outcome = !step.due ? 'COUNTED' : amount <= 0 ? 'PURCHASE_COVERED' : left < amount ? 'UNFUNDED' : 'PAID';
        loyalty.push({ campaignId: o.campaignId, holderId: o.tally.holderId, windowKey: o.tally.windowKey, everyNth: o.tally.everyNth, position: step.position, nextDue: step.nextDue, outcome, bonusCents: outcome === 'PAID' ? amount : o.desiredCents });
        if (outcome === 'PAID') {
          paid.push({ campaignId: o.campaignId, transferId: transferIdOf(slotIndex, o), amountCents: amount });
          budgetLeft.set(o.campaignId, left - amount);
          purchaseLeft -= amount;
          return;
        }
        if (slotIndex === 0 && !firstRefusal) firstRefusal = outcome === 'COUNTED' ? 'LOYALTY_NOT_DUE' : 'BUDGET_EXHAUSTED';
        continue;
      }
      let amount = Math.min(o.desiredCents, budgetLeft.get(o.campaignId) ?? 0, purchaseLeft);
      let capUse = 0;
      let refusal: CreditRefusal | undefined = amount <= 0 ? 'BUDGET_EXHAUSTED' : undefined;
      if (o.firstPurchaseOnly && state.alreadyCustomer) {
        amount = 0;
        refusal = 'WELCOME_BONUS_USED';
      }
      if (o.cap && amount > 0) {
        const room = o.cap.amountCents - state.capUsedCents(o);
        if (o.cap.basis === 'PURCHASE') {
          capUse = Math.min(req.totalCents, Math.max(0, room));
          amount = Math.min(amount, applyRateBps(capUse, o.cap.rateBps ?? 0));
        } else {
          amount = Math.min(amount, room);
          capUse = amount;
        }
        if (amount <= 0) refusal = 'CAP_REACHED';
      }
      if (amount > 0) {
        paid.push({ campaignId: o.campaignId, transferId: transferIdOf(slotIndex, o), amountCents: amount, ...(o.cap ? { cap: { holderId: o.cap.holderId, windowKey: o.cap.windowKey, usedCents: capUse } } : {}) });
        budgetLeft.set(o.campaignId, budgetLeft.get(o.campaignId)! - amount);
        purchaseLeft -= amount;
        if (o.firstPurchaseOnly) bonusPaid = true;
        return;
      }
      if (slotIndex === 0 && !firstRefusal) firstRefusal = refusal;
    }
    if (!firstRefusal) firstRefusal = slot.length > 0 ? 'BUDGET_EXHAUSTED' : undefined;
  });
  if (paid.length === 0) return { ok: false, code: firstRefusal ?? 'BUDGET_EXHAUSTED' };
  return { ok: true, paid, bonusPaid, ...(loyalty.length > 0 ? { loyalty } : {}) };
}
