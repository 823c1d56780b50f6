import * as z from 'zod';
import { isValidSiret, sirenOf } from './siret';

/**
 * A participating shop: one establishment (SIRET) of a company (SIREN). `name` is what residents
 * see in the directory (usually the sign, the enseigne); `sign`, `legalName` and `aliases` are
 * other names the shop may print on its receipts, used by the matching.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

export const Siret = z
  .string()
  .transform((s) => s.replace(/[\s.]/g, ''))
  .refine(isValidSiret, 'expected a valid SIRET: 14 digits with a correct check digit');

export const Address = z
  .object({
    street: text(200),
    postcode: z.string().regex(/^\d{5}$/, 'expected a 5-digit French postcode'),
    city: text(100),
  })
  .strict();
export type Address = z.infer<typeof Address>;

export const Coordinates = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict();

/** French phone numbers: 10 digits starting with 0, or +33 and 9 digits; spaces, dots and dashes allowed. */
export const PhoneNumber = z
  .string()
  .trim()
  .refine((p) => normalisePhone(p) !== undefined, 'expected a French phone number such as 02 47 12 34 56');

/** NAF rév. 2 code, e.g. 47.24Z (the dot is optional on input, stored with it). */
export const NafCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/^(\d{2})\.?(\d{2}[A-Z])$/, '$1.$2'))
  .refine((s) => /^\d{2}\.\d{2}[A-Z]$/.test(s), 'expected a NAF code such as 47.24Z');

/**
 * The shop's portrait on its page (issue #20): the people behind the counter, their trade and since
 * when, what the shop sells and offers. First names only: it is public.
 */
export const Portrait = z
  .object({
    trade: text(120).optional().meta({ description: 'the trade, as the shop says it', example: 'Boucherie artisanale' }),
    since: z.number().int().min(1800).max(2100).optional().meta({ description: 'the year the shop opened (or was taken over)', example: 2014 }),
    story: text(2000).optional().meta({ description: 'a few words on the shop and its people' }),
    people: z
      .array(
        z
          .object({
            firstName: text(60).meta({ example: 'Thomas' }),
            role: text(120).optional().meta({ example: 'artisan boucher' }),
            since: z.number().int().min(1900).max(2100).optional().meta({ description: 'in the trade since this year', example: 2013 }),
          })
          .strict(),
      )
      .max(10)
      .optional(),
    products: z.array(text(120)).max(30).optional().meta({ description: 'what the shop sells', example: ['Viande de race locale', 'Charcuterie maison'] }),
    services: z.array(text(120)).max(30).optional().meta({ description: 'what the shop offers', example: ['Commande par téléphone', 'Livraison le samedi'] }),
  })
  .strict();
export type Portrait = z.infer<typeof Portrait>;

/** What the shop shows of itself in the public directory. */
export const Showcase = z
  .object({
    description: text(2000).optional(),
    openingHours: text(500).optional(),
    website: z.string().trim().url().max(300).refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL').optional(),
    phone: PhoneNumber.optional(),
    photoUrls: z.array(z.string().trim().url().max(500)).max(10).optional(),
    portrait: Portrait.optional(),
  })
  .strict();
export type Showcase = z.infer<typeof Showcase>;

export const MerchantStatus = z.enum(['ACTIVE', 'SUSPENDED']);
export type MerchantStatus = z.infer<typeof MerchantStatus>;

const Tag = z.string().trim().min(1).max(64);

/** The body of `POST /v1/admin/merchants` (docs/contracts.md section 4; the first six fields are fixed). */
export const MerchantInput = z
  .object({
    name: text(200),
    siret: Siret,
    address: Address,
    category: text(100).optional(),
    tags: z.array(Tag).max(50).default([]),
    aliases: z.array(text(200)).max(50).default([]),
    sign: text(200).optional(),
    legalName: text(200).optional(),
    nafCode: NafCode.optional(),
    coordinates: Coordinates.optional(),
    showcase: Showcase.optional(),
  })
  .strict();
export type MerchantInput = z.infer<typeof MerchantInput>;

/**
 * The body of `PATCH /v1/admin/merchants/{id}`: any field but the SIRET (another SIRET is another
 * establishment, hence another shop). `null` clears an optional field; `status` suspends or
 * reactivates the shop.
 */
export const MerchantPatch = z
  .object({
    name: text(200),
    address: Address,
    category: text(100).nullable(),
    tags: z.array(Tag).max(50),
    aliases: z.array(text(200)).max(50),
    sign: text(200).nullable(),
    legalName: text(200).nullable(),
    nafCode: NafCode.nullable(),
    coordinates: Coordinates.nullable(),
    showcase: Showcase.nullable(),
    status: MerchantStatus,
    statusReason: text(500).nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'expected at least one field to change');
export type MerchantPatch = z.infer<typeof MerchantPatch>;

export interface Merchant extends MerchantInput {
  merchantId: string;
  siren: string;
  status: MerchantStatus;
  /** Why staff suspended the shop (internal). */
  statusReason?: string;
  createdAt: string;
  updatedAt?: string;
  /** Where the shop came from: the API or an import (internal). */
  source?: 'api' | 'import-sirene' | 'import-plain';
}

export function newMerchant(input: MerchantInput, merchantId: string, now: Date, source: Merchant['source'] = 'api'): Merchant {
  return withoutUndefined({
    ...input,
    merchantId,
    siren: sirenOf(input.siret),
    status: 'ACTIVE',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    source,
  }) as Merchant;
}

const CLEARABLE = ['category', 'sign', 'legalName', 'nafCode', 'coordinates', 'showcase', 'statusReason'] as const;

/** The shop after a patch; `null` removes an optional field. */
export function patchMerchant(m: Merchant, patch: MerchantPatch, now: Date): Merchant {
  const next: Record<string, unknown> = { ...m };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      if ((CLEARABLE as readonly string[]).includes(key)) delete next[key];
      continue;
    }
    next[key] = value;
  }
  if (patch.status === 'ACTIVE' && patch.statusReason === undefined) delete next.statusReason;
  next.updatedAt = now.toISOString();
  return next as unknown as Merchant;
}

/** Drops `undefined` members (DynamoDB and equality checks want them absent). */
export function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** 10 digits starting with 0, or undefined when it is not a French phone number. */
export function normalisePhone(raw: string): string | undefined {
  let digits = raw.replace(/[\s.\-/()]/g, '');
  if (digits.startsWith('+33')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  else if (digits.startsWith('0033')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  return /^0[1-9]\d{8}$/.test(digits) ? digits : undefined;
}

export type PublicMerchant = ReturnType<typeof publicMerchant>;

/** Public directory view: what a resident may see, no internal fields (status, SIREN, legal name, aliases...). */
export function publicMerchant(m: Merchant) {
  const s = m.showcase;
  return {
    merchantId: m.merchantId,
    name: m.name,
    address: m.address,
    ...(m.category ? { category: m.category } : {}),
    tags: m.tags,
    ...(m.coordinates ? { coordinates: m.coordinates } : {}),
    ...(s?.description ? { description: s.description } : {}),
    ...(s?.openingHours ? { openingHours: s.openingHours } : {}),
    ...(s?.website ? { website: s.website } : {}),
    ...(s?.phone ? { phone: s.phone } : {}),
    ...(s?.photoUrls && s.photoUrls.length > 0 ? { photoUrls: s.photoUrls } : {}),
    ...(s?.portrait && Object.keys(s.portrait).length > 0 ? { portrait: s.portrait } : {}),
  };
}

/** What city staff see: everything. */
export function adminMerchant(m: Merchant) {
  return m;
}
