import { ConflictError, NotFoundError } from '../domain/errors';
import { adminMerchant, newMerchant, patchMerchant, publicMerchant, type MerchantInput, type MerchantPatch } from '../domain/merchant';
import type { MerchantFilter } from '../merchants/types';
import type { AppContext } from './context';

export async function createMerchant(ctx: AppContext, input: MerchantInput) {
  const merchant = newMerchant(input, ctx.newId(), ctx.clock.now());
  await ctx.merchants.create(merchant);
  return { merchantId: merchant.merchantId };
}

/** The public directory: ACTIVE shops, by name, filtered by category, tag and words. */
export async function listMerchants(ctx: AppContext, filter: MerchantFilter, limit: number, cursor?: string) {
  const page = await ctx.merchants.search({ ...filter, status: 'ACTIVE' }, limit, cursor);
  return { items: page.items.filter((m) => m.status === 'ACTIVE').map(publicMerchant), nextCursor: page.nextCursor };
}

/** GET /v1/admin/merchants: every field, active or suspended shops, with the same filters. */
export async function listMerchantsForStaff(ctx: AppContext, filter: MerchantFilter, limit: number, cursor?: string) {
  const page = await ctx.merchants.search(filter, limit, cursor);
  return { items: page.items.map(adminMerchant), nextCursor: page.nextCursor };
}

export async function getMerchant(ctx: AppContext, merchantId: string) {
  const m = await ctx.merchants.get(merchantId);
  if (!m || m.status !== 'ACTIVE') throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  return publicMerchant(m);
}

export async function getMerchantForStaff(ctx: AppContext, merchantId: string) {
  const m = await ctx.merchants.get(merchantId);
  if (!m) throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such shop.');
  return adminMerchant(m);
}

/** Changes a shop (fields, or its status: SUSPENDED / ACTIVE); retried when another write raced it. */
export async function updateMerchant(ctx: AppContext, merchantId: string, patch: MerchantPatch) {
  for (let attempt = 0; ; attempt++) {
    const current = await ctx.merchants.get(merchantId);
    if (!current) throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such shop.');
    const next = patchMerchant(current, patch, ctx.clock.now());
    try {
      await ctx.merchants.update(next, current.updatedAt);
      return adminMerchant(next);
    } catch (err) {
      if (err instanceof ConflictError && err.code === 'MERCHANT_CHANGED' && attempt < 3) continue;
      throw err;
    }
  }
}
