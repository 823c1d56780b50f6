/**
 * A shop's page in the residents' app (issue #20): what the shop says of itself (portrait, products
 * and services, hours), the offers running there, its news, its reviews, and the resident's own
 * review: written only by a customer (a credited receipt at the shop), so the form is offered only
 * when the resident's receipts say it can be accepted; the API's 403 NOT_A_CUSTOMER says the same.
 */
import { useState } from 'preact/hooks';
import { ApiError, collectPages } from '../../shared/api';
import { useAction, useAsync, useSavedForm } from '../../shared/hooks';
import { Link } from '../../shared/router';
import { ErrorBox, ErrorSummary, fieldErrors, Loading, Notice, RadioGroup, TextArea, TextField, type SummaryItem } from '../../shared/ui';
import { useApp, usePageTitle } from '../context';
import { openingHoursLines } from '../hours';
import { describe } from '../offers';
import { NewsList, rating, ReviewItem, shopOfGroups, Stars, type ModeratedReview, type Portrait } from '../shop-bits';
import { ShopMap, useOffers } from './shops';
import type { components } from '../../shared/openapi';

type ShopPhoto = components['schemas']['ShopPhoto'];

/**
 * The shop's photos (issue #20), in the order its staff chose: JPEG renditions (480 and 1200 px
 * wide, no metadata) offered to the browser with `srcset`, each described by the alt text its staff
 * wrote, loaded as they come near the screen.
 */
function Gallery({ photos }: { photos: ShopPhoto[] }) {
  return (
    <ul class="shop-gallery" data-testid="shop-gallery" aria-label="Photos du commerce">
      {photos.map((p) => (
        <li key={p.photoId}>
          <img
            src={p.url}
            srcset={p.renditions.map((r) => `${r.url} ${r.width}w`).join(', ')}
            sizes="(min-width: 40rem) 38rem, 100vw"
            width={p.width}
            height={p.height}
            alt={p.alt}
            loading="lazy"
            decoding="async"
          />
        </li>
      ))}
    </ul>
  );
}

export const NOT_A_CUSTOMER_MESSAGE = 'Vous pourrez donner votre avis après un achat crédité chez ce commerçant.';

function PortraitSection({ portrait }: { portrait: Portrait }) {
  const people = portrait.people ?? [];
  if (!portrait.trade && !portrait.since && !portrait.story && people.length === 0) return null;
  return (
    <section aria-labelledby="portrait-titre" class="card portrait" data-testid="portrait">
      <h2 id="portrait-titre">Le commerce et son équipe</h2>
      {portrait.trade || portrait.since ? (
        <p class="portrait-trade">
          {portrait.trade ?? 'Commerce'}
          {portrait.since ? `, depuis ${portrait.since}` : ''}
        </p>
      ) : null}
      {portrait.story ? <p>{portrait.story}</p> : null}
      {people.length > 0 ? (
        <ul class="plain-list">
          {people.map((p, i) => (
            <li key={i}>
              <strong>{p.firstName}</strong>
              {p.role ? `, ${p.role}` : ''}
              {p.since ? ` (depuis ${p.since})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ListSection({ id, title, items }: { id: string; title: string; items: string[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      <ul class="bullets" data-testid={id}>
        {items.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    </section>
  );
}

function Hours({ text }: { text: string }) {
  const lines = openingHoursLines(text);
  if (!lines) return <>{text}</>;
  return (
    <ul class="hours">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function Reviews({ id, shopName, reviews }: { id: string; shopName: string; reviews: ReturnType<typeof useReviews> }) {
  const r = reviews.data;
  return (
    <section aria-labelledby="avis-titre">
      <h2 id="avis-titre">Avis des clients</h2>
      <p class="muted">Seuls les habitants qui ont fait un achat remboursé dans ce commerce peuvent donner leur avis.</p>
      {reviews.error ? <ErrorBox error={reviews.error} title="Les avis n’ont pas pu être chargés" /> : null}
      {reviews.loading && !r ? <Loading what="Chargement des avis…" /> : null}
      {r ? (
        <>
          <p class="review-summary" data-testid="review-summary">
            {r.averageRating !== null && r.count > 0 ? (
              <>
                <Stars value={r.averageRating} size="big" /> <strong aria-hidden="true">{rating(r.averageRating)} sur 5</strong> · {r.count} avis
              </>
            ) : (
              'Pas encore d’avis.'
            )}
          </p>
          {r.items.length > 0 ? (
            <ul class="review-list" data-testid="reviews">
              {r.items.map((item) => (
                <li key={item.reviewId} class="card">
                  <ReviewItem review={item} shopName={shopName} />
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <MyReview id={id} shopName={shopName} onChanged={reviews.reload} />
    </section>
  );
}

function useReviews(id: string) {
  const { api } = useApp();
  return useAsync((signal) => api.call('get', '/v1/merchants/{id}/reviews', { params: { id }, query: { limit: 50 }, signal }), [id]);
}

interface ReviewForm {
  rating: string;
  text: string;
  displayName: string;
}

const RATINGS = [
  { value: '1', label: '1 étoile' },
  { value: '2', label: '2 étoiles' },
  { value: '3', label: '3 étoiles' },
  { value: '4', label: '4 étoiles' },
  { value: '5', label: '5 étoiles' },
];

/** What the form can say before it goes: the API says the same (and more) when it refuses. */
function check(form: ReviewForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.rating) errors['avis-note'] = 'Choisissez une note de 1 à 5 étoiles.';
  if (!form.text.trim()) errors['avis-texte'] = 'Écrivez votre commentaire.';
  else if (form.text.trim().length > 1000) errors['avis-texte'] = 'Votre commentaire dépasse 1 000 caractères.';
  const name = form.displayName.trim();
  if (!name) errors['avis-nom'] = 'Indiquez votre prénom ou vos initiales.';
  else if (name.includes('@')) errors['avis-nom'] = 'Pas d’adresse e-mail : un prénom ou des initiales.';
  else if (/\d/.test(name)) errors['avis-nom'] = 'Pas de chiffres : un prénom ou des initiales.';
  else if (name.length > 30) errors['avis-nom'] = '30 caractères au plus.';
  return errors;
}

/** The resident's own review: shown, edited, withdrawn; or the form, when they may write one. */
function MyReview({ id, shopName, onChanged }: { id: string; shopName: string; onChanged: () => void }) {
  const { api, session, announce } = useApp();
  const staffOfThisShop = shopOfGroups(session.groups) === id;
  const state = useAsync(
    async (signal) => {
      let mine: ModeratedReview | null = null;
      if (staffOfThisShop) return { mine, customer: false };
      try {
        mine = await api.call('get', '/v1/merchants/{id}/reviews/mine', { params: { id }, signal });
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
      if (mine) return { mine, customer: true };
      // A customer is a resident with a credited receipt at the shop: their receipts say so.
      const receipts = await collectPages((cursor) => api.call('get', '/v1/receipts', { query: { limit: 100, ...(cursor ? { cursor } : {}) }, signal }), 500);
      return { mine, customer: receipts.items.some((r) => r.status === 'CREDITED' && r.merchant?.merchantId === id) };
    },
    [id, staffOfThisShop],
  );
  const [editing, setEditing] = useState(false);
  const [refused, setRefused] = useState(false);
  const [form, setForm] = useSavedForm<ReviewForm>(`avis-${id}`, { rating: '', text: '', displayName: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useAction(async () => {
    const body = { rating: Number(form.rating), text: form.text.trim(), displayName: form.displayName.trim() };
    try {
      const saved = await api.call('put', '/v1/merchants/{id}/reviews/mine', { params: { id }, body });
      state.set({ mine: saved, customer: true });
      setEditing(false);
      announce(state.data?.mine ? 'Votre avis est modifié.' : 'Votre avis est publié.');
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_A_CUSTOMER') {
        setRefused(true);
        announce(NOT_A_CUSTOMER_MESSAGE);
        return;
      }
      throw err;
    }
  });
  const withdraw = useAction(async () => {
    await api.call('delete', '/v1/merchants/{id}/reviews/mine', { params: { id } });
    state.set({ mine: null, customer: true });
    setEditing(false);
    setForm({ rating: '', text: '', displayName: '' });
    announce('Votre avis est retiré.');
    onChanged();
  });

  if (staffOfThisShop) {
    return (
      <section aria-labelledby="mon-avis-titre" class="card">
        <h3 id="mon-avis-titre">Votre avis</h3>
        <p>
          Vous faites partie du personnel de ce commerce : vous ne pouvez pas donner d’avis sur lui. Vous pouvez répondre aux avis depuis <Link href="commerce">votre espace commerçant</Link>.
        </p>
      </section>
    );
  }
  const s = state.data;
  const server = fieldErrors(save.error, { rating: 'avis-note', text: 'avis-texte', displayName: 'avis-nom' });
  const errors = { ...server.byField, ...local };
  const summary: SummaryItem[] = Object.keys(local).length > 0 ? Object.entries(local).map(([field, message]) => ({ field, message })) : server.summary;
  const submit = (e: Event) => {
    e.preventDefault();
    const found = check(form);
    setLocal(found);
    if (Object.keys(found).length === 0) void save.run();
  };
  const startEdit = () => {
    if (s?.mine) setForm({ rating: String(s.mine.rating), text: s.mine.text, displayName: s.mine.displayName });
    setLocal({});
    setEditing(true);
  };
  return (
    <section aria-labelledby="mon-avis-titre" class="card my-review" data-testid="my-review">
      <h3 id="mon-avis-titre">Votre avis</h3>
      {state.error ? <ErrorBox error={state.error} title="Votre avis n’a pas pu être chargé" /> : null}
      {state.loading && !s ? <Loading what="Chargement de votre avis…" /> : null}
      {s && (refused || (!s.customer && !s.mine)) ? (
        <p class="alert" data-testid="review-refused">
          {NOT_A_CUSTOMER_MESSAGE}
        </p>
      ) : null}
      {s?.mine && !editing ? (
        <>
          {s.mine.hidden ? (
            <Notice kind="warning">
              La ville a masqué votre avis de la page du commerce : {s.mine.hidden.reason}
            </Notice>
          ) : null}
          <ReviewItem review={s.mine} shopName={shopName} />
          <div class="form-actions">
            <button type="button" class="button button--secondary" onClick={startEdit}>
              Modifier mon avis
            </button>
            <button type="button" class="button button--danger" disabled={withdraw.pending} onClick={() => void withdraw.run()}>
              Retirer mon avis
            </button>
          </div>
          <ErrorBox error={withdraw.error} title="Votre avis n’a pas pu être retiré" />
        </>
      ) : null}
      {s && !refused && s.customer && (!s.mine || editing) ? (
        <form onSubmit={submit} novalidate aria-labelledby="mon-avis-titre">
          <p class="muted">Votre avis est public, signé du nom que vous choisissez ci-dessous ; le commerçant ne sait pas qui vous êtes.</p>
          {summary.length > 0 || (save.error && !(save.error instanceof ApiError && save.error.errors.length > 0)) ? (
            <ErrorSummary title="Votre avis n’a pas été accepté" items={summary} error={summary.length === 0 ? save.error : undefined} />
          ) : null}
          <RadioGroup id="avis-note" legend="Votre note" inline value={form.rating} onChange={(v) => setForm({ ...form, rating: v })} options={RATINGS} error={errors['avis-note']} />
          <TextArea id="avis-texte" label="Votre commentaire" required value={form.text} onInput={(v) => setForm({ ...form, text: v })} hint="1 000 caractères au plus." error={errors['avis-texte']} />
          <TextField
            id="avis-nom"
            label="Votre nom affiché"
            required
            value={form.displayName}
            onInput={(v) => setForm({ ...form, displayName: v })}
            hint="Votre prénom ou vos initiales, montrés avec votre avis (par exemple « Camille » ou « C. B. »)."
            error={errors['avis-nom']}
            inputProps={{ autoComplete: 'given-name', maxLength: 30 }}
          />
          <div class="form-actions">
            <button type="submit" class="button" disabled={save.pending}>
              {s.mine ? 'Enregistrer mon avis' : 'Publier mon avis'}
            </button>
            {editing ? (
              <button type="button" class="button button--secondary" onClick={() => setEditing(false)}>
                Annuler
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}

export function ShopPage({ id }: { id: string }) {
  const { api } = useApp();
  const shop = useAsync((signal) => api.call('get', '/v1/merchants/{id}', { params: { id }, signal }), [id]);
  const news = useAsync((signal) => api.call('get', '/v1/merchants/{id}/news', { params: { id }, query: { limit: 10 }, signal }), [id]);
  const photos = useAsync((signal) => api.call('get', '/v1/merchants/{id}/photos', { params: { id }, signal }), [id]);
  const reviews = useReviews(id);
  const offers = useOffers();
  usePageTitle(shop.data?.name ?? 'Commerce');
  const s = shop.data;
  const mine = (offers.data ?? []).filter((c) => c.merchants.all || c.merchants.ids?.includes(id) || c.merchants.tags?.some((t) => s?.tags.includes(t)));
  const portrait = s?.portrait ?? {};
  return (
    <>
      <p class="back">
        <Link href="commerces">← Commerces</Link>
      </p>
      <h1 tabIndex={-1}>{s?.name ?? 'Commerce'}</h1>
      {shop.error ? <ErrorBox error={shop.error} title="Ce commerce n’a pas pu être chargé" /> : null}
      {shop.loading && !s ? <Loading /> : null}
      {s ? (
        <>
          {photos.data && photos.data.items.length > 0 ? (
            <Gallery photos={photos.data.items} />
          ) : s.photoUrls && s.photoUrls[0] ? (
            // A photo linked by city staff before photos were uploaded (showcase.photoUrls): shown while the shop has none of its own.
            <img class="shop-photo" src={s.photoUrls[0]} alt={`Devanture de ${s.name}`} />
          ) : null}
          {s.description ? <p class="lead">{s.description}</p> : null}
          <PortraitSection portrait={portrait} />
          <ListSection id="produits" title="Produits" items={portrait.products} />
          <ListSection id="services" title="Services" items={portrait.services} />
          <h2>Infos pratiques</h2>
          <dl class="details">
            {s.category ? (
              <div>
                <dt>Catégorie</dt>
                <dd>{s.category}</dd>
              </div>
            ) : null}
            <div>
              <dt>Adresse</dt>
              <dd>
                {s.address.street}, {s.address.postcode} {s.address.city}
              </dd>
            </div>
            {s.openingHours ? (
              <div>
                <dt>Horaires</dt>
                <dd data-testid="hours">
                  <Hours text={s.openingHours} />
                </dd>
              </div>
            ) : null}
            {s.phone ? (
              <div>
                <dt>Téléphone</dt>
                <dd>
                  <a href={`tel:${s.phone.replace(/\s/g, '')}`}>{s.phone}</a>
                </dd>
              </div>
            ) : null}
            {s.website ? (
              <div>
                <dt>Site</dt>
                <dd>
                  <a href={s.website} rel="noopener noreferrer">
                    {s.website.replace(/^https?:\/\//, '')}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          <h2>Offres dans ce commerce</h2>
          {mine.length === 0 ? <p>Aucune offre en cours dans ce commerce.</p> : null}
          <ul class="offers">
            {mine.map((c) => (
              <li key={c.campaignId} class="card offer">
                <strong>{c.name}</strong>
                <p>{describe(c, (mid) => (mid === id ? s.name : undefined))}.</p>
              </li>
            ))}
          </ul>
          <section aria-labelledby="actus-titre">
            <h2 id="actus-titre">Actualités du commerce</h2>
            {news.error ? <ErrorBox error={news.error} title="Les actualités n’ont pas pu être chargées" /> : null}
            {news.data && news.data.items.length === 0 ? <p>Pas d’actualité en ce moment.</p> : null}
            {news.data && news.data.items.length > 0 ? <NewsList items={news.data.items} testId="shop-news" /> : null}
          </section>
          <Reviews id={id} shopName={s.name} reviews={reviews} />
          {s.coordinates ? <ShopMap shops={[s]} /> : null}
        </>
      ) : null}
    </>
  );
}
