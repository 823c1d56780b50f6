import * as z from '../schema';
import { euros } from './money';

/**
 * The PARKING campaign's own fields and its sentence for residents, apart from the rule
 * (shared/domain/parking.ts) so that the campaign's schema (shared/domain/campaign.ts) can use
 * them without an import cycle.
 */

/**
 * Which car parks take part: registered places (shops of the directory, matched on the ticket's
 * clues as receipts are) by tag or id, and/or operators by name as printed on the ticket (the
 * city's own pay machines, a car park operator): "Indigo", "Ville de Montreuil". At least one.
 */
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.optional(z.array(item).check(z.minLength(1), z.maxLength(max)));
const name = z.string().check(z.minLength(1), z.maxLength(64));
export const CarParkSelection = z
  .strictObject({
    tags: list(name, 50),
    ids: list(name, 5000),
    operators: list(z.string().check(z.trim(), z.minLength(2), z.maxLength(100)), 100),
  })
  .check(z.refine((s) => s.tags !== undefined || s.ids !== undefined || s.operators !== undefined, { message: 'give tags, ids or operators' }));
export type CarParkSelection = z.infer<typeof CarParkSelection>;

/** One sentence for residents: what a parking campaign gives. */
export function describeParking(c: { refundMaxCents?: number | undefined; minPurchaseCents?: number | undefined }): string {
  const min = c.minPurchaseCents ? ` d'au moins ${euros(c.minPurchaseCents)}` : '';
  return `stationnement remboursé jusqu'à ${euros(c.refundMaxCents ?? 0)} avec un achat${min} le même jour chez un commerçant participant`;
}

