/**
 * The answers of the shop's page routes (issue #20): portrait, news, reviews and the shop's own
 * space. None of them carries a resident's id: a review is signed with the name its author chose.
 */
import * as z from '../schema';

const Id = z.described(z.string(), { example: '01JD8Z6Q3N4W5X6Y7Z8A9B0C1D' });
export const Instant = z.described(z.string(), { description: 'ISO 8601 instant, UTC', example: '2026-12-03T09:41:00.000Z' });
const LocalDate = z.described(z.string(), { description: 'local date in Europe/Paris, YYYY-MM-DD', example: '2026-12-02' });
const NextCursor = z.described(z.nullable(z.string()), { description: 'opaque; pass it back as `cursor` for the next page, null at the end' });

export const PortraitView = z.described(
  z.object({
    trade: z.optional(z.string()),
    since: z.described(z.optional(z.int()), { description: 'the year the shop opened or was taken over' }),
    story: z.optional(z.string()),
    people: z.optional(z.array(z.object({ firstName: z.string(), role: z.optional(z.string()), since: z.optional(z.int()) }))),
    products: z.optional(z.array(z.string())),
    services: z.optional(z.array(z.string())),
  }),
  { id: 'Portrait' },
);

export const NewsView = z.described(
  z.object({
    newsId: Id,
    title: z.string(),
    body: z.string(),
    endsOn: z.described(z.optional(LocalDate), { description: 'the last day the post is shown' }),
    publishedAt: Instant,
    author: z.described(z.enum(['CITY', 'SHOP']), { description: 'the city’s staff or the shop’s' }),
    merchant: z.described(z.nullable(z.object({ merchantId: Id, name: z.nullable(z.string()) })), { description: 'the shop the post is about; null for the whole programme' }),
  }),
  { id: 'News' },
);

/** A post as its authors see it (every field, expired ones too). */
export const NewsRecordView = z.described(
  z.strictObject({
    newsId: Id,
    merchantId: z.optional(Id),
    title: z.string(),
    body: z.string(),
    endsOn: z.optional(LocalDate),
    author: z.enum(['CITY', 'SHOP']),
    publishedAt: Instant,
    updatedAt: Instant,
  }),
  { id: 'NewsRecord' },
);

const Reply = z.described(z.object({ text: z.string(), at: Instant }), { description: 'the shop’s answer, shown beneath the review' });

export const PublicReviewView = z.described(
  z.strictObject({
    reviewId: Id,
    rating: z.int().check(z.minimum(1), z.maximum(5)),
    text: z.string(),
    displayName: z.described(z.string(), { description: 'the first name or initials the author chose' }),
    createdAt: Instant,
    editedAt: z.optional(Instant),
    reply: z.optional(Reply),
  }),
  { id: 'PublicReview' },
);

/** A review with its moderation: for its author, the shop's staff and the city's. Still no resident id. */
export const ModeratedReviewView = z.described(
  z.extend(PublicReviewView, {
    merchantId: Id,
    hidden: z.described(z.nullable(z.object({ reason: z.string(), at: Instant })), { description: 'hidden from the public page by city staff, and why' }),
  }),
  { id: 'ModeratedReview' },
);

const Summary = {
  count: z.described(z.int(), { description: 'visible reviews' }),
  averageRating: z.described(z.nullable(z.number()), { description: 'the average rating of the visible reviews, one decimal; null without any', example: 4.5 }),
};

export const ReviewPageView = z.described(z.strictObject({ merchantId: Id, ...Summary, items: z.array(PublicReviewView), nextCursor: NextCursor }), { id: 'ReviewPage' });

export const ModeratedReviewPageView = z.object({ items: z.array(ModeratedReviewView), nextCursor: NextCursor });

export const NewsPageView = z.object({ items: z.array(NewsView), nextCursor: NextCursor });
export const NewsRecordPageView = z.object({ items: z.array(NewsRecordView), nextCursor: NextCursor });

export const DeletedView = (idName: 'newsId' | 'reviewId') => z.object({ [idName]: Id, deleted: z.literal(true) });

export const ShopFiguresOwnView = z.described(
  z.strictObject({
    merchantId: Id,
    period: z.object({ fromWeek: z.nullable(z.string()), toWeek: z.nullable(z.string()), from: z.nullable(LocalDate), to: z.nullable(LocalDate) }),
    newCustomers: z.described(z.int(), { description: 'residents whose first credited purchase at the shop falls in the period' }),
    returningCustomers: z.described(z.int(), { description: 'residents whose second credited purchase at the shop falls in the period' }),
    creditedReceipts: z.int(),
    salesCents: z.described(z.int(), { description: 'sales through the programme' }),
    cashbackCents: z.described(z.int(), { description: 'cashback the programme paid on them' }),
    weekly: z.array(
      z.object({
        week: z.string(),
        from: LocalDate,
        to: LocalDate,
        newCustomers: z.int(),
        returningCustomers: z.int(),
        creditedReceipts: z.int(),
        salesCents: z.int(),
        cashbackCents: z.int(),
      }),
    ),
  }),
  { id: 'OwnShopFigures' },
);

/** A shop's photos (issue #20), as shown and as their staff handle them (shared/http/shop-photo-routes.ts). */
export const PhotoId = z.described(z.string(), { example: '0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70' });

export const RenditionView = z.object({
  url: z.described(z.string(), { description: 'relative to the site (served at `/media/…` by the site itself)', example: '/media/shops/m-1/0f6d1c3e-480.jpg' }),
  width: z.int(),
  height: z.int(),
});

export const PublicShopPhotoView = z.described(
  z.strictObject({
    photoId: PhotoId,
    alt: z.described(z.string(), { description: 'the text read out in place of the photo (French)' }),
    url: z.described(z.string(), { description: 'the largest rendition' }),
    width: z.int(),
    height: z.int(),
    renditions: z.described(z.array(RenditionView), { description: 'JPEG renditions, narrowest first: the `srcset` of the photo' }),
  }),
  { id: 'ShopPhoto' },
);
