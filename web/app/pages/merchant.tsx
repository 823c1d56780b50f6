/**
 * The shop space (issue #20), a section of the residents' app at /commerce, for a shop's staff:
 * people whose token carries the Cognito groups `merchant` and `merchant:<merchantId>` (set by
 * city staff). They edit what their shop's page says, add, describe, order and remove its photos
 * (web/shared/shop-photos.tsx), post and delete news, reply beneath reviews, and see their figures: counts and sums only, never a resident.
 * Every call goes to `/v1/shops/<their shop>/…`; the API refuses any other shop.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { euros, longDate, todayInParis } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link } from '../../shared/router';
import { Details, ErrorBox, ErrorSummary, fieldErrors, Loading, Notice, TextArea, TextField } from '../../shared/ui';
import { useApp, usePageTitle } from '../context';
import { ReviewItem, shopOfGroups, Stars, rating, type ModeratedReview, type OwnShop } from '../shop-bits';
import { ShopPhotoManager } from '../../shared/shop-photos';

interface ShowcaseForm {
  description: string;
  openingHours: string;
  phone: string;
  website: string;
  trade: string;
  since: string;
  story: string;
  people: string;
  products: string;
  services: string;
}

function formOf(s: OwnShop): ShowcaseForm {
  const p = s.portrait ?? {};
  return {
    description: s.description ?? '',
    openingHours: s.openingHours ?? '',
    phone: s.phone ?? '',
    website: s.website ?? '',
    trade: p.trade ?? '',
    since: p.since ? String(p.since) : '',
    story: p.story ?? '',
    people: (p.people ?? []).map((x) => [x.firstName, x.role ?? '', x.since ? String(x.since) : ''].filter(Boolean).join(', ')).join('\n'),
    products: (p.products ?? []).join('\n'),
    services: (p.services ?? []).join('\n'),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** "Thomas, artisan boucher, 2013" -> { firstName, role, since }. */
function person(line: string) {
  const parts = line.split(',').map((p) => p.trim()).filter(Boolean);
  const firstName = parts.shift() ?? '';
  const year = parts.length > 0 && /^\d{4}$/.test(parts.at(-1)!) ? Number(parts.pop()) : undefined;
  return { firstName, ...(parts.length > 0 ? { role: parts.join(', ') } : {}), ...(year ? { since: year } : {}) };
}

function bodyOf(f: ShowcaseForm) {
  const portrait = {
    ...(f.trade.trim() ? { trade: f.trade.trim() } : {}),
    ...(f.since.trim() ? { since: Number(f.since.trim()) } : {}),
    ...(f.story.trim() ? { story: f.story.trim() } : {}),
    ...(lines(f.people).length > 0 ? { people: lines(f.people).map(person) } : {}),
    ...(lines(f.products).length > 0 ? { products: lines(f.products) } : {}),
    ...(lines(f.services).length > 0 ? { services: lines(f.services) } : {}),
  };
  return {
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    ...(f.openingHours.trim() ? { openingHours: f.openingHours.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    ...(f.website.trim() ? { website: f.website.trim() } : {}),
    ...(Object.keys(portrait).length > 0 ? { portrait } : {}),
  };
}

const SHOWCASE_FIELDS: Record<string, string> = {
  description: 'vitrine-description',
  openingHours: 'vitrine-horaires',
  phone: 'vitrine-telephone',
  website: 'vitrine-site',
  'portrait.trade': 'vitrine-metier',
  'portrait.since': 'vitrine-depuis',
  'portrait.story': 'vitrine-histoire',
  'portrait.people': 'vitrine-equipe',
  'portrait.products': 'vitrine-produits',
  'portrait.services': 'vitrine-services',
};

function ShowcaseEditor({ merchantId, shop, onSaved }: { merchantId: string; shop: OwnShop; onSaved: (s: OwnShop) => void }) {
  const { api, announce } = useApp();
  const [f, setF] = useState<ShowcaseForm>(() => formOf(shop));
  const [sinceError, setSinceError] = useState<string | undefined>();
  const save = useAction(async () => {
    const saved = await api.call('put', '/v1/shops/{id}/showcase', { params: { id: merchantId }, body: bodyOf(f) });
    onSaved({ ...shop, ...saved });
    announce('Votre vitrine est enregistrée.');
    return saved;
  });
  const { byField, summary } = fieldErrors(save.error, SHOWCASE_FIELDS);
  const set = (k: keyof ShowcaseForm) => (v: string) => setF({ ...f, [k]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    const y = f.since.trim();
    const bad = y && !(/^\d{4}$/.test(y) && Number(y) >= 1800 && Number(y) <= 2100) ? 'Une année sur quatre chiffres, par exemple 2014.' : undefined;
    setSinceError(bad);
    if (!bad) void save.run();
  };
  const errors: Record<string, string | undefined> = { ...byField, ...(sinceError ? { 'vitrine-depuis': sinceError } : {}) };
  return (
    <form onSubmit={submit} novalidate aria-labelledby="vitrine-titre" class="card">
      <h2 id="vitrine-titre">Ma vitrine</h2>
      <p class="muted">Ce que la page publique de votre commerce dit de lui ; ses photos se gèrent plus bas. Prénoms seulement : cette page est publique.</p>
      {sinceError ? <ErrorSummary title="La vitrine n’a pas été enregistrée" items={[{ field: 'vitrine-depuis', message: sinceError }]} /> : null}
      {save.error ? <ErrorSummary title="La vitrine n’a pas été enregistrée" items={summary} error={summary.length === 0 ? save.error : undefined} /> : null}
      <TextField id="vitrine-metier" label="Votre métier" value={f.trade} onInput={set('trade')} hint="Par exemple « Boulangerie artisanale »." error={errors['vitrine-metier']} />
      <TextField id="vitrine-depuis" label="Depuis (année d’ouverture ou de reprise)" value={f.since} onInput={set('since')} inputProps={{ inputMode: 'numeric', maxLength: 4 }} error={errors['vitrine-depuis']} />
      <TextArea id="vitrine-equipe" label="L’équipe" value={f.people} onInput={set('people')} rows={3} hint="Une personne par ligne : prénom, rôle, année d’arrivée (par exemple « Élise, boulangère, 2012 »)." error={errors['vitrine-equipe']} />
      <TextArea id="vitrine-histoire" label="Votre histoire" value={f.story} onInput={set('story')} rows={3} error={errors['vitrine-histoire']} />
      <TextArea id="vitrine-description" label="Présentation courte" value={f.description} onInput={set('description')} rows={2} error={errors['vitrine-description']} />
      <TextArea id="vitrine-produits" label="Produits" value={f.products} onInput={set('products')} rows={3} hint="Un produit par ligne." error={errors['vitrine-produits']} />
      <TextArea id="vitrine-services" label="Services" value={f.services} onInput={set('services')} rows={3} hint="Un service par ligne." error={errors['vitrine-services']} />
      <TextField id="vitrine-horaires" label="Horaires d’ouverture" value={f.openingHours} onInput={set('openingHours')} hint="Au format OpenStreetMap, par exemple « Tu-Sa 08:00-12:30,15:00-19:00; Su 08:00-12:00 »." error={errors['vitrine-horaires']} inputProps={{ spellcheck: false }} />
      <TextField id="vitrine-telephone" type="tel" label="Téléphone" value={f.phone} onInput={set('phone')} error={errors['vitrine-telephone']} inputProps={{ autoComplete: 'tel' }} />
      <TextField id="vitrine-site" type="url" label="Site web" value={f.website} onInput={set('website')} hint="Commençant par https://" error={errors['vitrine-site']} />
      <button type="submit" class="button" disabled={save.pending}>
        Enregistrer ma vitrine
      </button>
    </form>
  );
}

function OwnNews({ merchantId }: { merchantId: string }) {
  const { api, announce } = useApp();
  const list = useAsync((signal) => api.call('get', '/v1/shops/{id}/news', { params: { id: merchantId }, query: { limit: 50 }, signal }), [merchantId]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const post = useAction(async () => {
    await api.call('post', '/v1/shops/{id}/news', { params: { id: merchantId }, body: { title: title.trim(), body: body.trim(), ...(endsOn ? { endsOn } : {}) } });
    setTitle('');
    setBody('');
    setEndsOn('');
    announce('Votre actualité est publiée.');
    list.reload();
  });
  const remove = useAction(async (newsId: string, what: string) => {
    await api.call('delete', '/v1/shops/{id}/news/{itemId}', { params: { id: merchantId, itemId: newsId } });
    announce(`L’actualité « ${what} » est supprimée.`);
    list.reload();
  });
  const { byField, summary } = fieldErrors(post.error, { title: 'actu-titre', body: 'actu-texte', endsOn: 'actu-fin' });
  const today = todayInParis();
  return (
    <section aria-labelledby="mes-actus-titre" class="card">
      <h2 id="mes-actus-titre">Mes actualités</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void post.run();
        }}
        novalidate
        aria-label="Publier une actualité"
      >
        {post.error ? <ErrorSummary title="L’actualité n’a pas été publiée" items={summary} error={summary.length === 0 ? post.error : undefined} /> : null}
        <TextField id="actu-titre" label="Titre" required value={title} onInput={setTitle} inputProps={{ maxLength: 120 }} error={byField['actu-titre']} />
        <TextArea id="actu-texte" label="Texte" required value={body} onInput={setBody} rows={3} error={byField['actu-texte']} />
        <TextField id="actu-fin" type="date" label="Montrée jusqu’au (facultatif)" value={endsOn} onInput={setEndsOn} hint="Sans date, l’actualité reste jusqu’à ce que vous la supprimiez." error={byField['actu-fin']} />
        <button type="submit" class="button" disabled={post.pending}>
          Publier l’actualité
        </button>
      </form>
      <h3>Déjà publiées</h3>
      {list.error ? <ErrorBox error={list.error} title="Vos actualités n’ont pas pu être chargées" /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p>Aucune actualité pour l’instant.</p> : null}
      <ErrorBox error={remove.error} title="L’actualité n’a pas pu être supprimée" />
      {list.data && list.data.items.length > 0 ? (
        <ul class="plain-list" data-testid="own-news">
          {list.data.items.map((n) => (
            <li key={n.newsId}>
              <strong>{n.title}</strong>
              <p class="muted news-meta">
                {n.endsOn ? (n.endsOn < today ? `Terminée le ${longDate(n.endsOn)}` : `Jusqu’au ${longDate(n.endsOn)}`) : 'Sans date de fin'}
              </p>
              <p class="news-body">{n.body}</p>
              <button type="button" class="button button--secondary button--small" disabled={remove.pending} onClick={() => void remove.run(n.newsId, n.title)}>
                Supprimer<span class="visually-hidden"> l’actualité « {n.title} »</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Reply({ merchantId, review, shopName, onSaved }: { merchantId: string; review: ModeratedReview; shopName: string; onSaved: () => void }) {
  const { api, announce } = useApp();
  const [text, setText] = useState(review.reply?.text ?? '');
  const id = `reponse-${review.reviewId}`;
  const save = useAction(async () => {
    await api.call('put', '/v1/shops/{id}/reviews/{itemId}/reply', { params: { id: merchantId, itemId: review.reviewId }, body: { text: text.trim() } });
    announce(`Votre réponse à ${review.displayName} est publiée.`);
    onSaved();
  });
  const remove = useAction(async () => {
    await api.call('delete', '/v1/shops/{id}/reviews/{itemId}/reply', { params: { id: merchantId, itemId: review.reviewId } });
    setText('');
    announce(`Votre réponse à ${review.displayName} est retirée.`);
    onSaved();
  });
  const error = (save.error as ApiError | undefined)?.errors?.[0]?.message;
  return (
    <ReviewItem review={review} shopName={shopName}>
      {review.hidden ? <Notice kind="warning">Masqué par la ville : {review.hidden.reason}</Notice> : null}
      <form
        class="reply-form"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <TextArea id={id} label={`Votre réponse à ${review.displayName}`} value={text} onInput={setText} rows={2} error={error} />
        <ErrorBox error={error ? undefined : (save.error ?? remove.error)} />
        <div class="form-actions">
          <button type="submit" class="button button--small" disabled={save.pending || !text.trim()}>
            {review.reply ? 'Modifier la réponse' : 'Répondre'}
          </button>
          {review.reply ? (
            <button type="button" class="button button--secondary button--small" disabled={remove.pending} onClick={() => void remove.run()}>
              Retirer la réponse
            </button>
          ) : null}
        </div>
      </form>
    </ReviewItem>
  );
}

function OwnReviews({ merchantId, shopName }: { merchantId: string; shopName: string }) {
  const { api } = useApp();
  const list = useAsync((signal) => api.call('get', '/v1/shops/{id}/reviews', { params: { id: merchantId }, query: { limit: 50 }, signal }), [merchantId]);
  return (
    <section aria-labelledby="avis-recus-titre" class="card">
      <h2 id="avis-recus-titre">Les avis de vos clients</h2>
      <p class="muted">Chaque avis est signé du prénom ou des initiales choisis par son auteur : vous ne savez pas qui l’a écrit.</p>
      {list.error ? <ErrorBox error={list.error} title="Les avis n’ont pas pu être chargés" /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p>Pas encore d’avis.</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <ul class="review-list" data-testid="own-reviews">
          {list.data.items.map((r) => (
            <li key={r.reviewId}>
              <Reply merchantId={merchantId} review={r} shopName={shopName} onSaved={list.reload} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Figures({ merchantId }: { merchantId: string }) {
  const { api } = useApp();
  const figures = useAsync((signal) => api.call('get', '/v1/shops/{id}/figures', { params: { id: merchantId }, signal }), [merchantId]);
  const f = figures.data;
  return (
    <section aria-labelledby="chiffres-titre" class="card">
      <h2 id="chiffres-titre">Mes chiffres</h2>
      <p class="muted">Les achats remboursés par la dotation dans votre commerce : des nombres seulement, aucun habitant n’est nommé.</p>
      {figures.error ? <ErrorBox error={figures.error} title="Vos chiffres n’ont pas pu être chargés" /> : null}
      {figures.loading && !f ? <Loading /> : null}
      {f ? (
        <>
          {f.period.from && f.period.to ? <p>Du {longDate(f.period.from)} au {longDate(f.period.to)}.</p> : null}
          <div data-testid="figures">
            <Details
              rows={[
                ['Nouveaux clients', f.newCustomers],
                ['Clients revenus', f.returningCustomers],
                ['Tickets remboursés', f.creditedReceipts],
                ['Ventes', euros(f.salesCents)],
                ['Remises versées', euros(f.cashbackCents)],
              ]}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

export function MerchantSpace() {
  const { api, session, announce } = useApp();
  const merchantId = shopOfGroups(session.groups);
  const shop = useAsync(async (signal) => (merchantId ? api.call('get', '/v1/shops/{id}', { params: { id: merchantId }, signal }) : undefined), [merchantId]);
  usePageTitle(shop.data ? `Espace commerçant — ${shop.data.name}` : 'Espace commerçant');
  if (!merchantId) {
    return (
      <>
        <h1 tabIndex={-1}>Espace commerçant</h1>
        <p>Cet espace est réservé au personnel d’un commerce participant. Votre compte n’est rattaché à aucun commerce : la ville peut l’y rattacher.</p>
      </>
    );
  }
  const s = shop.data;
  return (
    <>
      <h1 tabIndex={-1}>{s ? `Espace commerçant — ${s.name}` : 'Espace commerçant'}</h1>
      {shop.error ? <ErrorBox error={shop.error} title="Votre commerce n’a pas pu être chargé" /> : null}
      {shop.loading && !s ? <Loading /> : null}
      {s ? (
        <>
          <p>
            <Link href={`commerces/${merchantId}`}>Voir la page publique de mon commerce</Link>
          </p>
          {s.status === 'SUSPENDED' ? <Notice kind="warning">Votre commerce est suspendu de la dotation : sa page n’est plus montrée aux habitants.</Notice> : null}
          <p data-testid="own-rating">
            {s.reviews.averageRating !== null && s.reviews.count > 0 ? (
              <>
                <Stars value={s.reviews.averageRating} /> <span aria-hidden="true">{rating(s.reviews.averageRating)} sur 5</span> · {s.reviews.count} avis
              </>
            ) : (
              'Pas encore d’avis.'
            )}
          </p>
          <ShowcaseEditor key={s.merchantId} merchantId={merchantId} shop={s} onSaved={shop.set} />
          <ShopPhotoManager api={api} announce={announce} scope={{ kind: 'shop', merchantId }} />
          <OwnNews merchantId={merchantId} />
          <OwnReviews merchantId={merchantId} shopName={s.name} />
          <Figures merchantId={merchantId} />
        </>
      ) : null}
    </>
  );
}
