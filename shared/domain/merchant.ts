import { z } from 'zod';
import { isValidSiret, sirenOf } from './siret';

export const MerchantInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    siret: z
      .string()
      .transform((s) => s.replace(/[\s.]/g, ''))
      .refine(isValidSiret, 'expected a valid SIRET: 14 digits with a correct check digit'),
    address: z
      .object({
        street: z.string().trim().min(1).max(200),
        postcode: z.string().regex(/^\d{5}$/, 'expected a 5-digit French postcode'),
        city: z.string().trim().min(1).max(100),
      })
      .strict(),
    category: z.string().trim().min(1).max(100).optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  })
  .strict();
export type MerchantInput = z.infer<typeof MerchantInput>;

export interface Merchant extends MerchantInput {
  merchantId: string;
  siren: string;
  status: 'ACTIVE' | 'SUSPENDED';
  createdAt: string;
}

export function newMerchant(input: MerchantInput, merchantId: string, now: Date): Merchant {
  return { ...input, merchantId, siren: sirenOf(input.siret), status: 'ACTIVE', createdAt: now.toISOString() };
}

/** Public directory view: no internal fields. */
export function publicMerchant(m: Merchant) {
  return {
    merchantId: m.merchantId,
    name: m.name,
    address: m.address,
    ...(m.category ? { category: m.category } : {}),
    tags: m.tags,
  };
}
