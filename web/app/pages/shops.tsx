import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { collectPages } from '../../shared/api';
import { useAsync } from '../../shared/hooks';
import type { ZoneMap } from '../../shared/map/zone-map';
import { Link } from '../../shared/router';
import type { PublicMerchant } from '../../shared/types';
import { ErrorBox, Loading, SelectField, TextField } from '../../shared/ui';
import { useApp, usePageTitle } from '../context';
import { describe, type PublicCampaign } from '../offers';
import { NewsList } from '../shop-bits';

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function useShops() {
  const { api } = useApp();
  return useAsync(async (signal) => (await collectPages((cursor) => api.call('get', '/v1/merchants', { query: { limit: 100, ...(cursor ? { cursor } : {}) }, signal }), 2000)).items, []);
}

export function useOffers() {
  const { api } = useApp();
  return useAsync(async (signal) => (await api.call('get', '/v1/campaigns', { signal })).items, []);
}

/** The shops as points on a map (Leaflet, loaded on demand); with no tiles the points still show. */
export function ShopMap({ shops }: { shops: PublicMerchant[] }) {
  const { config } = useApp();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<ZoneMap | undefined>(undefined);
  const [noTiles, setNoTiles] = useState(false);
  const points = shops.filter((s) => s.coordinates).map((s) => ({ id: s.merchantId, name: s.name, lat: s.coordinates!.lat, lon: s.coordinates!.lon }));
  useEffect(() => {
    let gone = false;
    void import('../../shared/map/zone-map').then(({ createZoneMap }) => {
      if (gone || !container.current) return;
      map.current = createZoneMap({ container: container.current, config: config.map, editable: false, onTilesFailed: () => setNoTiles(true) });
      map.current.render({ shops: points, vertices: [], closed: false, drawing: false });
      map.current.fit();
    });
    return () => {
      gone = true;
      map.current?.destroy();
      map.current = undefined;
    };
  }, []);
  useEffect(() => {
    map.current?.render({ shops: points, vertices: [], closed: false, drawing: false });
    map.current?.fit();
  }, [points.map((p) => p.id).join()]);
  return (
    <figure class="shop-map-frame">
      <div class="shop-map-region" role="region" aria-label={`Carte de ${points.length} commerce${points.length > 1 ? 's' : ''} participant${points.length > 1 ? 's' : ''} ; la liste ci-dessous donne les mêmes commerces`}>
        <div ref={container} class="zone-map shop-map" data-testid="shop-map" />
      </div>
      <figcaption>
        {noTiles ? 'Le fond de carte ne peut pas être chargé : les commerces sont montrés par des points. ' : ''}
        {shops.length - points.length > 0 ? `${shops.length - points.length} commerce(s) sans position ne figure(nt) pas sur la carte.` : ''}
      </figcaption>
    </figure>
  );
}

export function ShopListPage() {
  usePageTitle('Commerces et offres');
  const shops = useShops();
  const offers = useOffers();
  const { api } = useApp();
  const news = useAsync((signal) => api.call('get', '/v1/news', { query: { limit: 10 }, signal }), []);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [view, setView] = useState<'liste' | 'carte'>('liste');
  const all = shops.data ?? [];
  const categories = useMemo(() => [...new Set(all.map((s) => s.category).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b, 'fr')), [all]);
  const shown = all.filter((s) => (!category || s.category === category) && (!q.trim() || fold(`${s.name} ${s.category ?? ''} ${s.address.street} ${s.tags.join(' ')}`).includes(fold(q.trim()))));
  const nameOf = (id: string) => all.find((s) => s.merchantId === id)?.name;
  return (
    <>
      <h1 tabIndex={-1}>Commerces et offres</h1>
      <section aria-labelledby="offres-titre">
        <h2 id="offres-titre">Les offres en cours</h2>
        {offers.error ? <ErrorBox error={offers.error} title="Les offres n’ont pas pu être chargées" /> : null}
        {offers.data && offers.data.length === 0 ? <p>Aucune opération n’est en cours aujourd’hui.</p> : null}
        {offers.data && offers.data.length > 0 ? (
          <ul class="offers" data-testid="offers">
            {offers.data.map((c: PublicCampaign) => (
              <li key={c.campaignId} class="card offer">
                <strong>{c.name}</strong>
                <p>{describe(c, nameOf)}.</p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="actualites-titre">
        <h2 id="actualites-titre">Les actualités</h2>
        {news.error ? <ErrorBox error={news.error} title="Les actualités n’ont pas pu être chargées" /> : null}
        {news.data && news.data.items.length === 0 ? <p>Pas d’actualité en ce moment.</p> : null}
        {news.data && news.data.items.length > 0 ? <NewsList items={news.data.items} shops testId="news" /> : null}
      </section>
      <section aria-labelledby="commerces-titre">
        <h2 id="commerces-titre">Les commerces participants</h2>
        <form role="search" class="shop-filters" onSubmit={(e) => e.preventDefault()}>
          <TextField id="recherche" type="search" label="Rechercher un commerce" value={q} onInput={setQ} inputProps={{ autoComplete: 'off' }} />
          <SelectField id="categorie" label="Catégorie" value={category} onChange={setCategory} options={[['', 'Toutes les catégories'], ...categories.map((c): [string, string] => [c, c])]} />
        </form>
        <div class="segmented" role="group" aria-label="Affichage">
          <button type="button" aria-pressed={view === 'liste'} onClick={() => setView('liste')}>
            Liste
          </button>
          <button type="button" aria-pressed={view === 'carte'} onClick={() => setView('carte')}>
            Carte
          </button>
        </div>
        {shops.error ? <ErrorBox error={shops.error} title="Les commerces n’ont pas pu être chargés" /> : null}
        {shops.loading && !shops.data ? <Loading what="Chargement des commerces…" /> : null}
        <p role="status" class="muted">
          {shops.data ? `${shown.length} commerce${shown.length > 1 ? 's' : ''}` : ''}
        </p>
        {shops.data && view === 'carte' ? <ShopMap shops={shown} /> : null}
        {shops.data ? (
          <ul class="shop-list" data-testid="shops">
            {shown.map((s) => (
              <li key={s.merchantId} class="card">
                <Link href={`commerces/${s.merchantId}`}>{s.name}</Link>
                <span class="muted">
                  {s.category ? `${s.category} · ` : ''}
                  {s.address.street}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
