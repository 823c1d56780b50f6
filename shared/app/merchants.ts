import { NotFoundError } from '../domain/errors';
import { newMerchant, publicMerchant, type MerchantInput } from '../domain/merchant';
import type { AppContext } from './context';

export async function createMerchant(ctx: AppContext, input: MerchantInput) {
  const merchant = newMerchant(input, ctx.newId(), ctx.clock.now());
  await ctx.merchants.create(merchant);
  return { merchantId: merchant.merchantId };
}

export async function listMerchants(ctx: AppContext, limit: number, cursor?: string) {
  const page = await ctx.merchants.list(limit, cursor);
  return { items: page.items.filter((m) => m.status === 'ACTIVE').map(publicMerchant), nextCursor: page.nextCursor };
}

export async function getMerchant(ctx: AppContext, merchantId: string) {
  const m = await ctx.merchants.get(merchantId);
  if (!m || m.status !== 'ACTIVE') throw new NotFoundError('MERCHANT_NOT_FOUND', 'No such participating shop.');
  return publicMerchant(m);
}
