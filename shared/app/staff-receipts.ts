import { receiptView } from '../domain/receipt';
import type { AppContext } from './context';

/** GET /v1/admin/receipts?residentId=: one resident's receipts for staff, newest first. */
export async function listReceiptsOfResident(ctx: AppContext, residentId: string, limit: number, cursor?: string) {
  const page = await ctx.receipts.listByResident(residentId, limit, cursor);
  return { items: page.items.map((r) => ({ ...receiptView(r), residentId: r.residentId })), nextCursor: page.nextCursor };
}
