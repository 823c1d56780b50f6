import * as z from '../schema';
import { isValidDate } from './dates';

/**
 * The shop's page beyond its record (issue #20): news posted by the city or by the shop, and
 * reviews written only by residents who really bought there (a credited receipt at the shop).
 * Pure rules: what a post and a review are, what is shown publicly, how moderation and replies
 * change a review. The stores keep them (shared/ports/shop-pages.ts).
 */

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const LocalDate = z.string().check(z.refine(isValidDate, 'expected a date as YYYY-MM-DD'));

// -------------------------------------------------------------------------------------------- news

/** A news post as city staff write it: for one shop (`merchantId`) or for the whole programme. */
export const NewsInput = z.strictObject({
  title: z.described(text(120), { example: 'Le bonus travaux commence lundi' }),
  body: z.described(text(2000), { example: 'Pendant les travaux de la rue Nationale, le remboursement passe à 15 % chez les commerces de la rue.' }),
  endsOn: z.described(z.optional(LocalDate), { description: 'the last day the post is shown (Europe/Paris); shown until deleted when left out', example: '2026-07-15' }),
  merchantId: z.described(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: letters, digits, _ and -'))), {
    description: 'the shop the post is about; the whole programme when left out',
  }),
});
export type NewsInput = z.infer<typeof NewsInput>;

/** What a shop's staff write: a post about their own shop (the shop is theirs, never chosen). */
export const ShopNewsInput = z.omit(NewsInput, { merchantId: true });
export type ShopNewsInput = z.infer<typeof ShopNewsInput>;

/** A change to a post; `endsOn: null` makes it shown until deleted. */
export const NewsPatch = z
  .partial(z.strictObject({ title: text(120), body: text(2000), endsOn: z.nullable(LocalDate) }))
  .check(z.refine((p) => Object.keys(p).length > 0, 'expected at least one field to change'));
export type NewsPatch = z.infer<typeof NewsPatch>;

export interface News {
  newsId: string;
  /** Absent: a post for the whole programme. */
  merchantId?: string;
  title: string;
  body: string;
  endsOn?: string;
  /** Who wrote it: the city's staff or the shop's. */
  author: 'CITY' | 'SHOP';
  publishedAt: string;
  updatedAt: string;
}

export function newNews(input: NewsInput, newsId: string, author: News['author'], now: Date): News {
  return {
    newsId,
    ...(input.merchantId ? { merchantId: input.merchantId } : {}),
    title: input.title,
    body: input.body,
    ...(input.endsOn ? { endsOn: input.endsOn } : {}),
    author,
    publishedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function patchNews(news: News, patch: NewsPatch, now: Date): News {
  const next: News = { ...news, updatedAt: now.toISOString() };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.body !== undefined) next.body = patch.body;
  if (patch.endsOn === null) delete next.endsOn;
  else if (patch.endsOn !== undefined) next.endsOn = patch.endsOn;
  return next;
}

/** A post is shown up to and including its end date (a local date, compared with today's). */
export function isNewsActive(news: Pick<News, 'endsOn'>, today: string): boolean {
  return news.endsOn === undefined || news.endsOn >= today;
}

/** What anyone sees of a post (the author is the city or the shop, never a person). */
export function publicNews(n: News, merchantName?: string) {
  return {
    newsId: n.newsId,
    title: n.title,
    body: n.body,
    ...(n.endsOn ? { endsOn: n.endsOn } : {}),
    publishedAt: n.publishedAt,
    author: n.author,
    merchant: n.merchantId ? { merchantId: n.merchantId, name: merchantName ?? null } : null,
  };
}

// ----------------------------------------------------------------------------------------- reviews

export const MAX_DISPLAY_NAME = 30;

/**
 * The name a review is signed with, chosen by the resident: a first name or initials. Public, so
 * it must not be a way to publish an identity: no e-mail address, no phone or number, no link,
 * short, and letters (any alphabet) with spaces, dots, hyphens and apostrophes only.
 */
export const DisplayName = z.pipe(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((s) => s.replace(/\s+/g, ' ')),
  ),
  z.string().check(
    z.minLength(1, 'un prénom ou des initiales'),
    z.maxLength(MAX_DISPLAY_NAME, `${MAX_DISPLAY_NAME} caractères au plus`),
    z.refine((s) => !s.includes('@'), 'pas d’adresse e-mail : un prénom ou des initiales'),
    z.refine((s) => !/\d/.test(s), 'pas de chiffres : un prénom ou des initiales'),
    z.refine((s) => /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(s), 'des lettres seulement (espaces, points, tirets et apostrophes permis)'),
    z.refine((s) => s.split(' ').length <= 3, 'un prénom ou des initiales, pas un nom complet'),
  ),
);

/** What a resident writes: a rating from 1 to 5, a text and the name it is signed with. */
export const ReviewInput = z.strictObject({
  rating: z.described(z.int().check(z.minimum(1), z.maximum(5)), { example: 5 }),
  text: z.described(text(1000), { example: 'Accueil chaleureux et conseils précieux.' }),
  displayName: z.described(DisplayName, { description: 'a first name or initials, shown publicly', example: 'Camille B.' }),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ReplyInput = z.strictObject({ text: z.described(text(1000), { example: 'Merci Camille, à bientôt !' }) });
export type ReplyInput = z.infer<typeof ReplyInput>;

export const HideInput = z.strictObject({ reason: z.described(text(500), { example: 'Propos injurieux' }) });
export type HideInput = z.infer<typeof HideInput>;

export * from './reviews';
