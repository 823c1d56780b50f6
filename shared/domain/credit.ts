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
