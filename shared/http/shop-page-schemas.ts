/**
 * The answers of the shop's page routes (issue #20): portrait, news, reviews and the shop's own
 * space. None of them carries a resident's id: a review is signed with the name its author chose.
 */
import * as z from 'zod';

const Id = z.string().meta({ example: '01JD8Z6Q3N4W5X6Y7Z8A9B0C1D' });
const Instant = z.string().meta({ description: 'ISO 8601 instant, UTC', example: '2026-12-03T09:41:00.000Z' });
const LocalDate = z.string().meta({ description: 'local date in Europe/Paris, YYYY-MM-DD', example: '2026-12-02' });
const NextCursor = z.string().nullable().meta({ description: 'opaque; pass it back as `cursor` for the next page, null at the end' });

export const PortraitView = z
  .object({
    trade: z.string().optional(),
    since: z.number().int().optional().meta({ description: 'the year the shop opened or was taken over' }),
    story: z.string().optional(),
    people: z.array(z.object({ firstName: z.string(), role: z.string().optional(), since: z.number().int().optional() })).optional(),
    products: z.array(z.string()).optional(),
    services: z.array(z.string()).optional(),
  })
  .meta({ id: 'Portrait' });

export const NewsView = z
  .object({
    newsId: Id,
    title: z.string(),
    body: z.string(),
    endsOn: LocalDate.optional().meta({ description: 'the last day the post is shown' }),
    publishedAt: Instant,
    author: z.enum(['CITY', 'SHOP']).meta({ description: 'the city’s staff or the shop’s' }),
    merchant: z.object({ merchantId: Id, name: z.string().nullable() }).nullable().meta({ description: 'the shop the post is about; null for the whole programme' }),
  })
  .meta({ id: 'News' });

/** A post as its authors see it (every field, expired ones too). */
export const NewsRecordView = z
  .object({
    newsId: Id,
    merchantId: Id.optional(),
    title: z.string(),
    body: z.string(),
    endsOn: LocalDate.optional(),
    author: z.enum(['CITY', 'SHOP']),
    publishedAt: Instant,
    updatedAt: Instant,
  })
  .strict()
  .meta({ id: 'NewsRecord' });

const Reply = z.object({ text: z.string(), at: Instant }).meta({ description: 'the shop’s answer, shown beneath the review' });

export const PublicReviewView = z
  .object({
    reviewId: Id,
    rating: z.number().int().min(1).max(5),
    text: z.string(),
    displayName: z.string().meta({ description: 'the first name or initials the author chose' }),
    createdAt: Instant,
    editedAt: Instant.optional(),
    reply: Reply.optional(),
  })
  .strict()
  .meta({ id: 'PublicReview' });

/** A review with its moderation: for its author, the shop's staff and the city's. Still no resident id. */
export const ModeratedReviewView = PublicReviewView.extend({
  merchantId: Id,
  hidden: z.object({ reason: z.string(), at: Instant }).nullable().meta({ description: 'hidden from the public page by city staff, and why' }),
})
  .strict()
  .meta({ id: 'ModeratedReview' });

const Summary = {
  count: z.number().int().meta({ description: 'visible reviews' }),
  averageRating: z.number().nullable().meta({ description: 'the average rating of the visible reviews, one decimal; null without any', example: 4.5 }),
};

export const ReviewPageView = z
  .object({ merchantId: Id, ...Summary, items: z.array(PublicReviewView), nextCursor: NextCursor })
  .strict()
  .meta({ id: 'ReviewPage' });

export const ModeratedReviewPageView = z.object({ items: z.array(ModeratedReviewView), nextCursor: NextCursor });

export const NewsPageView = z.object({ items: z.array(NewsView), nextCursor: NextCursor });
export const NewsRecordPageView = z.object({ items: z.array(NewsRecordView), nextCursor: NextCursor });

export const DeletedView = (idName: 'newsId' | 'reviewId') => z.object({ [idName]: Id, deleted: z.literal(true) });

export const ShopFiguresOwnView = z
  .object({
    merchantId: Id,
    period: z.object({ fromWeek: z.string().nullable(), toWeek: z.string().nullable(), from: LocalDate.nullable(), to: LocalDate.nullable() }),
    newCustomers: z.number().int().meta({ description: 'residents whose first credited purchase at the shop falls in the period' }),
    returningCustomers: z.number().int().meta({ description: 'residents whose second credited purchase at the shop falls in the period' }),
    creditedReceipts: z.number().int(),
    salesCents: z.number().int().meta({ description: 'sales through the programme' }),
    cashbackCents: z.number().int().meta({ description: 'cashback the programme paid on them' }),
    weekly: z.array(
      z.object({
        week: z.string(),
        from: LocalDate,
        to: LocalDate,
        newCustomers: z.number().int(),
        returningCustomers: z.number().int(),
        creditedReceipts: z.number().int(),
        salesCents: z.number().int(),
        cashbackCents: z.number().int(),
      }),
    ),
  })
  .strict()
  .meta({ id: 'OwnShopFigures' });
