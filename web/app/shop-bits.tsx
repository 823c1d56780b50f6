/** Pieces of the shop's page (issue #20) shared by the residents' pages and the shop space: news, stars, reviews. */
import type { ComponentChildren } from 'preact';
import { instant, longDate } from '../shared/format';
import type { components } from '../shared/openapi';
import { Link } from '../shared/router';

type Schemas = components['schemas'];
export type News = Schemas['News'];
export type NewsRecord = Schemas['NewsRecord'];
export type PublicReview = Schemas['PublicReview'];
export type ModeratedReview = Schemas['ModeratedReview'];
export type Portrait = Schemas['Portrait'];
export type OwnShop = Schemas['OwnShop'];
export type OwnFigures = Schemas['OwnShopFigures'];

/** The shop a signed-in person speaks for: `merchant` and exactly one `merchant:<id>` group (as the API reads them). */
export function shopOfGroups(groups: readonly string[]): string | undefined {
  if (!groups.includes('merchant')) return undefined;
  const shops = [...new Set(groups.filter((g) => g.startsWith('merchant:')).map((g) => g.slice('merchant:'.length)))];
  return shops.length === 1 && /^[A-Za-z0-9_-]{1,64}$/.test(shops[0]!) ? shops[0] : undefined;
}

/** "4,5" */
export function rating(n: number): string {
  return n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}

/** A rating as stars, with its words for screen readers (the stars are decoration). */
export function Stars({ value, size = 'normal' }: { value: number; size?: 'normal' | 'big' }) {
  const full = Math.round(value);
  const stars = '★'.repeat(full) + '☆'.repeat(5 - full);
  return (
    <span class={`stars${size === 'big' ? ' stars--big' : ''}`}>
      <span aria-hidden="true">{stars}</span>
      <span class="visually-hidden">Note : {rating(value)} sur 5</span>
    </span>
  );
}

/** News posts, newest first; with `shops`, each post says which shop it is about (with a link). */
export function NewsList({ items, shops = false, testId }: { items: News[]; shops?: boolean; testId?: string }) {
  return (
    <ul class="news-list" data-testid={testId}>
      {items.map((n) => (
        <li key={n.newsId} class="card news">
          <article aria-labelledby={`actu-${n.newsId}`}>
            <h3 id={`actu-${n.newsId}`}>{n.title}</h3>
            <p class="muted news-meta">
              {shops && n.merchant ? (
                <>
                  <Link href={`commerces/${n.merchant.merchantId}`}>{n.merchant.name ?? 'Un commerce participant'}</Link>
                  {' · '}
                </>
              ) : shops ? (
                'La ville · '
              ) : null}
              Publié le {instant(n.publishedAt)}
              {n.endsOn ? ` · jusqu’au ${longDate(n.endsOn)}` : ''}
            </p>
            <p class="news-body">{n.body}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}

/** One review: who (the name they chose), the rating, the text, the date, and the shop's reply beneath. */
export function ReviewItem({ review, shopName, children }: { review: PublicReview; shopName: string; children?: ComponentChildren }) {
  return (
    <article class="review" aria-label={`Avis de ${review.displayName}`}>
      <p class="review-head">
        <strong class="review-name">{review.displayName}</strong> <Stars value={review.rating} />
      </p>
      <p class="review-text">{review.text}</p>
      <p class="muted review-date">
        Le {instant(review.createdAt)}
        {review.editedAt ? `, modifié le ${instant(review.editedAt)}` : ''}
      </p>
      {review.reply ? (
        <div class="review-reply">
          <p class="review-reply-who">Réponse de {shopName}</p>
          <p>{review.reply.text}</p>
          <p class="muted review-date">Le {instant(review.reply.at)}</p>
        </div>
      ) : null}
      {children}
    </article>
  );
}
