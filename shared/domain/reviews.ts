/**
 * A verified review and what each reader sees of it (issue #20), apart from the input schemas of
 * shared/domain/shop-page.ts so that the functions which only show or erase reviews (the payout
 * function's privacy sweep) do not load the schema library's HTTP side.
 */

export interface Review {
  /** A random id, for replies and moderation: nothing in it leads to the resident. */
  reviewId: string;
  merchantId: string;
  /** Never shown outside the resident's own answers and staff's storage. */
  residentId: string;
  rating: number;
  text: string;
  displayName: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on each write; writes are conditional on it. */
  version: number;
  /** Hidden by city staff: left out of the public page. */
  hidden?: { reason: string; at: string; by: string };
  /** The shop's answer, shown beneath the review. */
  reply?: { text: string; at: string };
}

/** The resident's review, new or edited: an edit keeps its id, its date, its moderation and the shop's reply. */
export function writeReview(current: Review | undefined, input: Pick<Review, 'rating' | 'text' | 'displayName'>, ids: { reviewId: string; merchantId: string; residentId: string }, now: Date): Review {
  const at = now.toISOString();
  if (!current) return { ...ids, rating: input.rating, text: input.text, displayName: input.displayName, createdAt: at, updatedAt: at, version: 1 };
  return { ...current, rating: input.rating, text: input.text, displayName: input.displayName, updatedAt: at, version: current.version + 1 };
}

export function hideReview(r: Review, reason: string, by: string, now: Date): Review {
  return { ...r, hidden: { reason, at: now.toISOString(), by }, version: r.version + 1 };
}

export function unhideReview(r: Review): Review {
  const { hidden: _hidden, ...rest } = r;
  return { ...rest, version: r.version + 1 };
}

/** The shop's reply; `undefined` removes it. */
export function replyToReview(r: Review, text: string | undefined, now: Date): Review {
  const { reply: _reply, ...rest } = r;
  return { ...rest, ...(text !== undefined ? { reply: { text, at: now.toISOString() } } : {}), version: r.version + 1 };
}

/** What anyone sees of a review: no resident id, no moderation detail. */
export function publicReview(r: Review) {
  return {
    reviewId: r.reviewId,
    rating: r.rating,
    text: r.text,
    displayName: r.displayName,
    createdAt: r.createdAt,
    ...(r.updatedAt !== r.createdAt ? { editedAt: r.updatedAt } : {}),
    ...(r.reply ? { reply: r.reply } : {}),
  };
}

/** What the resident sees of their own review, and the shop's staff and the city's of any: with its moderation, still no resident id. */
export function reviewWithModeration(r: Review) {
  return { ...publicReview(r), merchantId: r.merchantId, hidden: r.hidden ? { reason: r.hidden.reason, at: r.hidden.at } : null };
}

/** The average shown on the page: one decimal, null without a review. */
export function reviewSummary(ratings: readonly number[]): { count: number; averageRating: number | null } {
  if (ratings.length === 0) return { count: 0, averageRating: null };
  const sum = ratings.reduce((s, r) => s + r, 0);
  return { count: ratings.length, averageRating: Math.round((sum * 10) / ratings.length) / 10 };
}
