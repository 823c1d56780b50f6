import { ConflictError } from '../../domain/errors';
import type { News, Review } from '../../domain/shop-page';
import type { Page } from '../../ports/page';
import type { NewsStore, ReviewStore } from '../../ports/shop-pages';
import { copy, pageOf, sortedBy } from './cursor';

/** News posts in memory, with DynamoNewsStore's contract: conditional writes, newest first, expired ones left out on demand. */
export class MemoryNewsStore implements NewsStore {
  readonly posts = new Map<string, News>();

  async get(newsId: string): Promise<News | undefined> {
    const n = this.posts.get(newsId);
    return n ? copy(n) : undefined;
  }

  async put(news: News, expectedUpdatedAt?: string): Promise<void> {
    const current = this.posts.get(news.newsId);
    if (expectedUpdatedAt ? current?.updatedAt !== expectedUpdatedAt : current) {
      throw new ConflictError('NEWS_CHANGED', 'This news post was changed or deleted meanwhile; read it again.');
    }
    this.posts.set(news.newsId, copy(news));
  }

  async delete(newsId: string): Promise<void> {
    this.posts.delete(newsId);
  }

  async list(filter: { merchantId?: string; activeOn?: string }, limit: number, cursor?: string): Promise<Page<News>> {
    const today = filter.activeOn;
    const matching = [...this.posts.values()].filter(
      (n) => (!filter.merchantId || n.merchantId === filter.merchantId) && (!today || n.endsOn === undefined || n.endsOn >= today),
    );
    const page = pageOf(`news:${filter.merchantId ?? 'all'}`, sortedBy(matching, (n) => `${n.publishedAt}#${n.newsId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }
}

/** Reviews in memory, with DynamoReviewStore's contract: one per resident and shop, writes conditional on the version. */
export class MemoryReviewStore implements ReviewStore {
  readonly reviews = new Map<string, Review>();

  private find(merchantId: string, residentId: string): Review | undefined {
    for (const r of this.reviews.values()) if (r.merchantId === merchantId && r.residentId === residentId) return r;
    return undefined;
  }

  async get(merchantId: string, residentId: string): Promise<Review | undefined> {
    const r = this.find(merchantId, residentId);
    return r ? copy(r) : undefined;
  }

  async byId(reviewId: string): Promise<Review | undefined> {
    const r = this.reviews.get(reviewId);
    return r ? copy(r) : undefined;
  }

  async put(review: Review, expectedVersion: number | undefined): Promise<void> {
    const current = this.reviews.get(review.reviewId);
    const lost = expectedVersion === undefined ? current !== undefined || this.find(review.merchantId, review.residentId) !== undefined : current?.version !== expectedVersion;
    if (lost) throw new ConflictError('REVIEW_CHANGED', 'This review was changed meanwhile; read it again.');
    this.reviews.set(review.reviewId, copy(review));
  }

  async delete(merchantId: string, residentId: string): Promise<void> {
    const r = this.find(merchantId, residentId);
    if (r) this.reviews.delete(r.reviewId);
  }

  private ofShop(merchantId: string, visibleOnly: boolean) {
    const list = [...this.reviews.values()].filter((r) => r.merchantId === merchantId && (!visibleOnly || !r.hidden));
    return sortedBy(list, (r) => `${r.createdAt}#${r.reviewId}`, 'DESC');
  }

  async listVisible(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>> {
    const page = pageOf(`reviews:visible:${merchantId}`, this.ofShop(merchantId, true), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  async visibleRatings(merchantId: string): Promise<number[]> {
    return this.ofShop(merchantId, true).map((x) => x.item.rating);
  }

  async listAll(merchantId: string, limit: number, cursor?: string): Promise<Page<Review>> {
    const page = pageOf(`reviews:all:${merchantId}`, this.ofShop(merchantId, false), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  async byResident(residentId: string): Promise<Review[]> {
    return [...this.reviews.values()].filter((r) => r.residentId === residentId).map(copy);
  }
}
