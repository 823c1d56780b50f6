import { describe, expect, it } from 'vitest';
import { MemoryNewsStore, MemoryReviewStore } from '../../../shared/adapters/memory/shop-pages';
import { newNews, writeReview } from '../../../shared/domain/shop-page';

/** The in-memory news and review stores keep DynamoDB's contract: conditional writes, newest first, opaque cursors. */
const at = (iso: string) => new Date(iso);

describe('MemoryReviewStore', () => {
  const input = { rating: 4, text: 'Bien', displayName: 'Léa' };

  it('holds one review per resident and shop, written over its version only', async () => {
    const store = new MemoryReviewStore();
    const first = writeReview(undefined, input, { reviewId: 'r1', merchantId: 'm1', residentId: 'res-1' }, at('2026-06-01T10:00:00Z'));
    await store.put(first, undefined);
    const twin = writeReview(undefined, input, { reviewId: 'r2', merchantId: 'm1', residentId: 'res-1' }, at('2026-06-01T10:00:00Z'));
    await expect(store.put(twin, undefined)).rejects.toMatchObject({ code: 'REVIEW_CHANGED' });
    const edited = writeReview(first, { ...input, rating: 5 }, { reviewId: 'r1', merchantId: 'm1', residentId: 'res-1' }, at('2026-06-02T10:00:00Z'));
    await expect(store.put(edited, 7)).rejects.toMatchObject({ code: 'REVIEW_CHANGED' });
    await store.put(edited, first.version);
    expect((await store.get('m1', 'res-1'))?.rating).toBe(5);
    expect(await store.byResident('res-1')).toHaveLength(1);
    await store.delete('m1', 'res-1');
    expect(await store.byId('r1')).toBeUndefined();
  });

  it('lists the visible reviews newest first, page by page, and refuses another list’s cursor', async () => {
    const store = new MemoryReviewStore();
    for (const [i, day] of ['01', '02', '03'].entries()) {
      const r = writeReview(undefined, { ...input, rating: i + 3 }, { reviewId: `r${i}`, merchantId: 'm1', residentId: `res-${i}` }, at(`2026-06-${day}T10:00:00Z`));
      await store.put(i === 1 ? { ...r, hidden: { reason: 'x', at: r.createdAt, by: 'agent' } } : r, undefined);
    }
    const page1 = await store.listVisible('m1', 1);
    expect(page1.items.map((r) => r.reviewId)).toEqual(['r2']);
    const page2 = await store.listVisible('m1', 1, page1.nextCursor!);
    expect(page2).toMatchObject({ items: [expect.objectContaining({ reviewId: 'r0' })], nextCursor: null });
    expect(await store.visibleRatings('m1')).toEqual([5, 3]);
    expect((await store.listAll('m1', 10)).items).toHaveLength(3);
    await expect(store.listAll('m1', 1, page1.nextCursor!)).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

describe('MemoryNewsStore', () => {
  it('leaves out expired posts when asked and writes over the expected version only', async () => {
    const store = new MemoryNewsStore();
    const old = newNews({ title: 'Braderie', body: 'Samedi', endsOn: '2026-06-10', merchantId: 'm1' }, 'n1', 'CITY', at('2026-06-01T10:00:00Z'));
    const current = newNews({ title: 'Bonus', body: 'Lundi' }, 'n2', 'CITY', at('2026-06-05T10:00:00Z'));
    await store.put(old);
    await store.put(current);
    await expect(store.put(current)).rejects.toMatchObject({ code: 'NEWS_CHANGED' });
    await expect(store.put({ ...current, title: 'x' }, 'stale')).rejects.toMatchObject({ code: 'NEWS_CHANGED' });
    expect((await store.list({ activeOn: '2026-06-11' }, 10)).items.map((n) => n.newsId)).toEqual(['n2']);
    expect((await store.list({}, 10)).items.map((n) => n.newsId)).toEqual(['n2', 'n1']);
    expect((await store.list({ merchantId: 'm1' }, 10)).items.map((n) => n.newsId)).toEqual(['n1']);
  });
});
