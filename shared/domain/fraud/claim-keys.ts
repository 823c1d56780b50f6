/**
 * The keys under which the pipeline claims or counts things across receipts (see the ClaimStore
 * port). Built here only, so that two stages that mean the same thing write the same key.
 * `claim` keys are held by one receipt (the first); `tally` keys count distinct receipts.
 */
export type ClaimKey = string & { readonly __claimKey: unique symbol };

const key = (...parts: Array<string | number>) => parts.join('#') as ClaimKey;

export const claimKeys = {
  /** The same file (SHA-256), sent again by anyone: held by the first receipt. */
  image: (sha256: string) => key('IMAGE', sha256),
  /** The same ticket number at a shop on a day. */
  purchaseByTicket: (merchantId: string, purchaseDate: string, ticketNumber: string) => key('PURCHASE', merchantId, purchaseDate, `T${ticketNumber}`),
  /** The same shop, day, minute and amount. */
  purchaseByMinute: (merchantId: string, purchaseDate: string, purchaseTime: string, totalCents: number) => key('PURCHASE', merchantId, purchaseDate, purchaseTime.slice(0, 5), totalCents),
  /** The same amount at the same shop on the same day by one resident (a soft sign, for staff). */
  sameAmountByResident: (residentId: string, merchantId: string, purchaseDate: string, totalCents: number) => key('PURCHASE_SOFT', residentId, merchantId, purchaseDate, totalCents),
  /** The same amount at the same shop on the same day by anyone (a soft sign when nothing else tells them apart). */
  sameAmountAtShop: (merchantId: string, purchaseDate: string, totalCents: number) => key('PURCHASE_SOFT', merchantId, purchaseDate, totalCents),
  /** Receipts a resident sent on a day (tally). */
  residentDay: (residentId: string, today: string) => key('VELOCITY', residentId, today),
  /** Purchases of a resident at one shop on one day (tally). */
  residentShopDay: (residentId: string, merchantId: string, purchaseDate: string) => key('VELOCITY', residentId, merchantId, purchaseDate),
  /** Receipts of a shop on one day, all residents (tally). */
  shopDay: (merchantId: string, purchaseDate: string) => key('VELOCITY', 'SHOP', merchantId, purchaseDate),
  /** Receipts a resident announced on a local day (tally; see domain/limits). */
  announcedByResident: (residentId: string, today: string) => key('CREATED', residentId, today),
  /** A purchase validating a parking ticket: held by the one ticket it validates (shared/app/parking.ts). */
  parkingPurchase: (purchaseReceiptId: string) => key('PARKING_PURCHASE', purchaseReceiptId),
  /** The same parking ticket sent twice: its kind, operator, times and amount. */
  parkingTicket: (kind: string, operator: string, at: string, amountCents: number) => key('PARKING_TICKET', kind, operator, at, amountCents),
  /** The pseudonym of a resident's erasure in progress (shared/app/privacy.ts); forgotten once it is complete. */
  erasure: (residentId: string) => key('ERASURE', residentId),
};

/** The keys that say "the same purchase" for a ticket: by its number, and by its minute and amount. */
export function purchaseKeys(f: { merchantId: string; purchaseDate: string; totalCents: number; ticketNumber?: string; purchaseTime?: string }): ClaimKey[] {
  return [
    ...(f.ticketNumber ? [claimKeys.purchaseByTicket(f.merchantId, f.purchaseDate, f.ticketNumber)] : []),
    ...(f.purchaseTime ? [claimKeys.purchaseByMinute(f.merchantId, f.purchaseDate, f.purchaseTime, f.totalCents)] : []),
  ];
}
