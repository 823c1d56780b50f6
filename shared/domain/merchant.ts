import * as z from '../schema';
import { isValidSiret, sirenOf } from './siret';

/**
 * A participating shop: one establishment (SIRET) of a company (SIREN). `name` is what residents
 * see in the directory (usually the sign, the enseigne); `sign`, `legalName` and `aliases` are
 * other names the shop may print on its receipts, used by the matching.
 */

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const Siret = z
  .pipe(z.string(), z.transform((s) => s.replace(/[\s.]/g, '')))
  .check(z.refine(isValidSiret, 'expected a valid SIRET: 14 digits with a correct check digit'));

export const Address = z.strictObject({
  street: text(200),
  postcode: z.string().check(z.regex(/^\d{5}$/, 'expected a 5-digit French postcode')),
  city: text(100),
});
export type Address = z.infer<typeof Address>;

export const Coordinates = z.strictObject({ lat: z.number().check(z.minimum(-90), z.maximum(90)), lon: z.number().check(z.minimum(-180), z.maximum(180)) });

/** French phone numbers: 10 digits starting with 0, or +33 and 9 digits; spaces, dots and dashes allowed. */
export const PhoneNumber = z.string().check(
  z.trim(),
  z.refine((p) => normalisePhone(p) !== undefined, 'expected a French phone number such as 02 47 12 34 56'),
);

/** NAF rév. 2 code, e.g. 47.24Z (the dot is optional on input, stored with it). */
export const NafCode = z
  .pipe(z.string().check(z.trim()), z.transform((s) => s.toUpperCase().replace(/^(\d{2})\.?(\d{2}[A-Z])$/, '$1.$2')))
  .check(z.refine((s) => /^\d{2}\.\d{2}[A-Z]$/.test(s), 'expected a NAF code such as 47.24Z'));

/**
 * The shop's portrait on its page (issue #20): the people behind the counter, their trade and since
 * when, what the shop sells and offers. First names only: it is public.
 */
export const Portrait = z.strictObject({
  trade: z.described(z.optional(text(120)), { description: 'the trade, as the shop says it', example: 'Boucherie artisanale' }),
  since: z.described(z.optional(z.int().check(z.minimum(1800), z.maximum(2100))), { description: 'the year the shop opened (or was taken over)', example: 2014 }),
  story: z.described(z.optional(text(2000)), { description: 'a few words on the shop and its people' }),
  people: z.optional(
    z
      .array(
        z.strictObject({
          firstName: z.described(text(60), { example: 'Thomas' }),
          role: z.described(z.optional(text(120)), { example: 'artisan boucher' }),
          since: z.described(z.optional(z.int().check(z.minimum(1900), z.maximum(2100))), { description: 'in the trade since this year', example: 2013 }),
        }),
      )
      .check(z.maxLength(10)),
  ),
  products: z.described(z.optional(z.array(text(120)).check(z.maxLength(30))), { description: 'what the shop sells', example: ['Viande de race locale', 'Charcuterie maison'] }),
  services: z.described(z.optional(z.array(text(120)).check(z.maxLength(30))), { description: 'what the shop offers', example: ['Commande par téléphone', 'Livraison le samedi'] }),
});
export type Portrait = z.infer<typeof Portrait>;

/** What the shop shows of itself in the public directory. */
export const Showcase = z.strictObject({
  description: z.optional(text(2000)),
  openingHours: z.optional(text(500)),
  website: z.optional(
    z.string().check(
      z.trim(),
      z.url(),
      z.maxLength(300),
      z.refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL'),
    ),
  ),
  phone: z.optional(PhoneNumber),
  photoUrls: z.optional(z.array(z.string().check(z.trim(), z.url(), z.maxLength(500))).check(z.maxLength(10))),
  portrait: z.optional(Portrait),
});
export type Showcase = z.infer<typeof Showcase>;

export const MerchantStatus = z.enum(['ACTIVE', 'SUSPENDED']);
export type MerchantStatus = z.infer<typeof MerchantStatus>;

const Tag = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

/** The body of `POST /v1/admin/merchants` (docs/contracts.md section 4; the first six fields are fixed). */
export const MerchantInput = z.strictObject({
  name: text(200),
  siret: Siret,
  address: Address,
  category: z.optional(text(100)),
  tags: z._default(z.array(Tag).check(z.maxLength(50)), []),
  aliases: z._default(z.array(text(200)).check(z.maxLength(50)), []),
  sign: z.optional(text(200)),
  legalName: z.optional(text(200)),
  nafCode: z.optional(NafCode),
  coordinates: z.optional(Coordinates),
  showcase: z.optional(Showcase),
});
export type MerchantInput = z.infer<typeof MerchantInput>;

/**
 * The body of `PATCH /v1/admin/merchants/{id}`: any field but the SIRET (another SIRET is another
 * establishment, hence another shop). `null` clears an optional field; `status` suspends or
 * reactivates the shop.
 */
export const MerchantPatch = z
  .partial(
    z.strictObject({
      name: text(200),
      address: Address,
      category: z.nullable(text(100)),
      tags: z.array(Tag).check(z.maxLength(50)),
      aliases: z.array(text(200)).check(z.maxLength(50)),
      sign: z.nullable(text(200)),
      legalName: z.nullable(text(200)),
      nafCode: z.nullable(NafCode),
      coordinates: z.nullable(Coordinates),
      showcase: z.nullable(Showcase),
      status: MerchantStatus,
      statusReason: z.nullable(text(500)),
    }),
  )
  .check(z.refine((p) => Object.keys(p).length > 0, 'expected at least one field to change'));
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
