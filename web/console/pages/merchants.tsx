import { useState } from 'preact/hooks';
import type { Page } from '../../shared/api';
import { MERCHANT_STATUS, siret } from '../../shared/format';
import { useAction, useAsync } from '../../shared/hooks';
import { Link, navigate, useLocation } from '../../shared/router';
import type { FullMerchant } from '../../shared/types';
import { apiFieldError, ErrorBox, MoreButton, fieldErrors, Loading, SelectField, TextField } from '../../shared/ui';
import { Badge } from '../components';
import { useConsole, usePageTitle } from '../context';
interface Filters {
  q: string;
  category: string;
  tag: string;
  status: 'ACTIVE' | 'SUSPENDED';
}

function filtersFrom(query: URLSearchParams): Filters {
  return { q: query.get('q') ?? '', category: query.get('categorie') ?? '', tag: query.get('etiquette') ?? '', status: query.get('statut') === 'suspendus' ? 'SUSPENDED' : 'ACTIVE' };
}

export function MerchantListPage() {
  usePageTitle('Commerces');
  const { api } = useConsole();
  const { query } = useLocation();
  const applied = filtersFrom(query);
  const [form, setForm] = useState<Filters>(applied);
  const [pages, setPages] = useState<FullMerchant[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const key = JSON.stringify(applied);
  const first = useAsync(
    async (signal) => {
      const r = (await api.call('get', '/v1/admin/merchants', {
        query: { limit: 50, status: applied.status, ...(applied.q ? { q: applied.q } : {}), ...(applied.category ? { category: applied.category } : {}), ...(applied.tag ? { tag: applied.tag } : {}) },
        signal,
      })) as Page<FullMerchant>;
      setPages([r.items]);
      setCursor(r.nextCursor);
      return r;
    },
    [key],
  );
  const more = useAction(async () => {
    if (!cursor) return;
    const r = (await api.call('get', '/v1/admin/merchants', {
      query: { limit: 50, status: applied.status, cursor, ...(applied.q ? { q: applied.q } : {}), ...(applied.category ? { category: applied.category } : {}), ...(applied.tag ? { tag: applied.tag } : {}) },
    })) as Page<FullMerchant>;
    setPages((p) => [...p, r.items]);
    setCursor(r.nextCursor);
  });
  const items = pages.flat();
  const searchErrors = fieldErrors(first.error, { q: 'f-q', category: 'f-category', tag: 'f-tag' });
  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>Commerces</h1>
        <Link class="button button--secondary" href="commerces/import">
          Importer une liste (CSV)
        </Link>
      </div>
      <form
        class="panel filters"
        role="search"
        aria-label="Chercher des commerces"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new URLSearchParams();
          if (form.q.trim()) q.set('q', form.q.trim());
          if (form.category.trim()) q.set('categorie', form.category.trim());
          if (form.tag.trim()) q.set('etiquette', form.tag.trim());
          if (form.status === 'SUSPENDED') q.set('statut', 'suspendus');
          navigate(`commerces${q.toString() ? `?${q}` : ''}`);
        }}
      >
        <div class="form-row">
          <TextField id="f-q" label="Nom" type="search" value={form.q} onInput={(v) => setForm({ ...form, q: v })} error={apiFieldError(searchErrors.byField['f-q'])} />
          <TextField id="f-category" label="Catégorie" hint="Exacte, par exemple Boulangerie." value={form.category} onInput={(v) => setForm({ ...form, category: v })} error={apiFieldError(searchErrors.byField['f-category'])} />
          <TextField id="f-tag" label="Étiquette" value={form.tag} onInput={(v) => setForm({ ...form, tag: v })} error={apiFieldError(searchErrors.byField['f-tag'])} />
          <SelectField
            id="f-status"
            label="Statut"
            value={form.status}
            onChange={(v) => setForm({ ...form, status: v as Filters['status'] })}
            options={[
              ['ACTIVE', 'Actifs'],
              ['SUSPENDED', 'Suspendus'],
            ]}
          />
        </div>
        <button type="submit" class="button">
          Chercher
        </button>
      </form>
      <ErrorBox error={first.error} title="La liste des commerces n’a pas pu être lue" />
      {first.loading && items.length === 0 ? <Loading what="Chargement des commerces…" /> : null}
      {!first.loading && items.length === 0 && !first.error ? <p>Aucun commerce ne correspond.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>
              {applied.status === 'SUSPENDED' ? 'Commerces suspendus' : 'Commerces actifs'}
              {applied.q || applied.category || applied.tag ? ' correspondant à la recherche' : ''} ({items.length}
              {cursor ? ' affichés' : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">SIRET</th>
                <th scope="col">Adresse</th>
                <th scope="col">Catégorie</th>
                <th scope="col">Étiquettes</th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.merchantId}>
                  <th scope="row">
                    <Link href={`commerces/${m.merchantId}`}>{m.name}</Link>
                  </th>
                  <td class="nowrap">{siret(m.siret)}</td>
                  <td>
                    {m.address.street}, {m.address.postcode} {m.address.city}
                  </td>
                  <td>{m.category ?? '—'}</td>
                  <td>{m.tags.join(', ') || '—'}</td>
                  <td>
                    <Badge code={m.status} map={MERCHANT_STATUS} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton more={more} hasMore={Boolean(cursor)} />
    </>
  );
}
