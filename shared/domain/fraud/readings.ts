import type { Extraction } from '../../receipts/extraction';

/** The figures that tell two sales of one till apart, as read (absent: not read). */
export interface TicketReadings {
  purchaseDate?: string;
  /** HH:MM */
  purchaseTime?: string;
  ticketNumber?: string;
  totalCents?: number;
}

/** The figures of a ticket that tell two sales apart, as read. */
export function readingsOf(e: Extraction): TicketReadings {
  return {
    ...(e.purchaseDate ? { purchaseDate: e.purchaseDate.value } : {}),
    ...(e.purchaseTime ? { purchaseTime: e.purchaseTime.value.slice(0, 5) } : {}),
    ...(e.ticketNumber ? { ticketNumber: e.ticketNumber.value.replace(/^0+(?=.)/, '') } : {}),
    ...(e.totalCents ? { totalCents: e.totalCents.value } : {}),
  };
}

const FIELD_NAMES: Record<keyof TicketReadings, string> = {
  purchaseDate: 'date',
  purchaseTime: 'heure',
  ticketNumber: 'numéro de ticket',
  totalCents: 'montant',
};

/** The fields read on both tickets, split into those that agree and those that differ. */
export function comparison(a: TicketReadings, b: TicketReadings): { same: Array<keyof TicketReadings>; different: Array<keyof TicketReadings> } {
  const same: Array<keyof TicketReadings> = [];
  const different: Array<keyof TicketReadings> = [];
  for (const field of Object.keys(FIELD_NAMES) as Array<keyof TicketReadings>) {
    if (a[field] === undefined || b[field] === undefined) continue;
    (a[field] === b[field] ? same : different).push(field);
  }
  return { same, different };
}

/**
 * Whether two look-alike tickets are two sales, from what was read on both. The same ticket
 * number says "the same ticket" whatever else differs (a misreading or an edited figure). Else a
 * different time of sale says "another sale" (a till prints the minute of each sale), and so do
 * two differences among date, ticket number and total. One difference alone is what a misreading
 * or an edited figure gives: staff look.
 */
export function anotherPurchase(a: TicketReadings, b: TicketReadings): boolean {
  const { same, different } = comparison(a, b);
  if (same.includes('ticketNumber')) return false;
  return different.includes('purchaseTime') || different.length >= 2;
}

/** For staff: what was read alike and what differs, in French. */
export function compared(a: TicketReadings, b: TicketReadings): string {
  const { same, different } = comparison(a, b);
  const names = (fields: Array<keyof TicketReadings>) => fields.map((f) => FIELD_NAMES[f]).join(', ');
  const parts = [
    same.length > 0 ? `mêmes ${names(same)}` : 'aucun chiffre lu sur les deux',
    ...(different.length > 0 ? [`diffère : ${names(different)}`] : []),
  ];
  return parts.join(' ; ');
}
