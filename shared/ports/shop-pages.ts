import type { News, Review } from '../domain/shop-page';
import type { Page } from './page';

/**
 * News posts (issue #20), newest first. `activeOn` (a local date) leaves out the posts whose end
 * date is before it; a page may then hold fewer posts than `limit` only at the end of the list.
 */
export interface NewsStore {
  get(newsId: string): Promise<News | undefined>;
  /** Writes a post; with `expectedUpdatedAt`, only over that version (else ConflictError NEWS_CHANGED). */
  put(news: News, expectedUpdatedAt?: string): Promise<void>;
  delete(newsId: string): Promise<void>;
  /** Every post, or one shop's (`merchantId`), newest first. */
  list(filter: { merchantId?: string; activeOn?: string }, limit: number, cursor?: string): Promise<Page<News>>;
}

/**
 * Reviews: one per resident and shop. Writes are conditional on the review's `version` (a new
 * review on its absence): a lost race is ConflictError REVIEW_CHANGED.
 */
export interface ReviewStore {
  get(merchantId: string, residentId: string): Promise<Review | undefined>;
  byId(reviewId: string): Promise<Review | undefined>;
  put(review: Review, expectedVersion: number | undefined): Promise<void>;
  delete(merchantId: string, residentId: string): Promise<void>;
  /** A shop's reviews that are not hidden, newest first. */
  listVisible(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>>;
  /** The ratings of a shop's reviews that are not hidden (for the average). */
  visibleRatings(merchantId: string): Promise<number[]>;
  /** Every review of a shop, hidden ones too, newest first (staff and the shop's own space). */
  listAll(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>>;
  /** A resident's reviews, for their export and their erasure. */
  byResident(residentId: string): Promise<Review[]>;
}
