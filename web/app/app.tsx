import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, matchRoute, navigate, useLocation } from '../shared/router';
import { Resident, useApp, useOnline, useOutbox, usePageTitle, type AppContext } from './context';
import { ReceiptListPage, ReceiptPage } from './pages/receipts';
import { SendPage } from './pages/send';
import { WalletPage } from './pages/wallet';
import { ShopListPage } from './pages/shops';
import { ShopPage } from './pages/shop';
import { shopOfGroups } from './shop-bits';
import { MerchantSpace } from './pages/merchant';
import { HouseholdPage } from './pages/household';

/** The bottom bar of the phone (the main menu): the five things a resident comes for. */
const SECTIONS: Array<{ path: string; label: string; icon: string }> = [
  { path: '', label: 'Mes tickets', icon: 'M4 3h16v18l-3-2-3 2-2-2-2 2-3-2-3 2z M8 8h8 M8 12h8 M8 16h5' },
  { path: 'envoyer', label: 'Envoyer', icon: 'M4 8h4l2-3h4l2 3h4v11H4z M12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z' },
  { path: 'portefeuille', label: 'Portefeuille', icon: 'M3 7h18v13H3z M3 7l13-4v4 M16 14h2' },
  { path: 'commerces', label: 'Commerces', icon: 'M4 10h16l-1-5H5z M5 10v10h14V10 M10 20v-5h4v5' },
  { path: 'foyer', label: 'Foyer', icon: 'M3 11l9-7 9 7 M5 10v10h14V10 M10 20v-6h4v6' },
];

type Route = { pattern: string; render: (params: Record<string, string>) => ComponentChildren };

const ROUTES: Route[] = [
  { pattern: '', render: () => <ReceiptListPage /> },
  { pattern: 'tickets', render: () => <Redirect to="" /> },
  { pattern: 'tickets/:id', render: (p) => <ReceiptPage id={p.id!} /> },
  { pattern: 'envoyer', render: () => <SendPage /> },
  { pattern: 'portefeuille', render: () => <WalletPage /> },
  { pattern: 'commerces', render: () => <ShopListPage /> },
  { pattern: 'commerces/:id', render: (p) => <ShopPage id={p.id!} /> },
  { pattern: 'foyer', render: () => <HouseholdPage /> },
  { pattern: 'commerce', render: () => <MerchantSpace /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  usePageTitle('Page introuvable');
  return (
    <>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucune page. <Link href="">Revenir à mes tickets</Link>.
      </p>
    </>
  );
}

function Page({ path }: { path: string }) {
  for (const r of ROUTES) {
    const params = matchRoute(r.pattern, path);
    if (params) return <>{r.render(params)}</>;
  }
  return <NotFound />;
}

function Icon({ d }: { d: string }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}

function NetworkBanner() {
  const online = useOnline();
  const { items, sending } = useOutbox();
  const waiting = items.filter((i) => !i.refused).length;
  if (online && waiting === 0) return null;
  return (
    <div class={`net-banner${online ? '' : ' net-banner--offline'}`} role="status">
      {online
        ? sending
          ? `Envoi de ${waiting} ticket${waiting > 1 ? 's' : ''} en attente…`
          : `${waiting} ticket${waiting > 1 ? 's' : ''} en attente d’envoi.`
        : `Hors connexion${waiting > 0 ? ` : ${waiting} ticket${waiting > 1 ? 's' : ''} attend${waiting > 1 ? 'ent' : ''} dans ce téléphone et partir${waiting > 1 ? 'ont' : 'a'} au retour du réseau` : ' : les tickets envoyés attendront le retour du réseau dans ce téléphone'}.`}
    </div>
  );
}

function Layout() {
  const { config, session, auth } = useApp();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => {
      const h1 = main.current?.querySelector<HTMLElement>('h1');
      (h1 ?? main.current)?.focus();
    });
  }, [path]);
  const section = path.split('/')[0] === 'tickets' ? '' : (path.split('/')[0] ?? '');
  return (
    <>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header class="site-header app-header">
        <div class="header-inner">
          <Link class="brand" href="">
            Cabas {config.cityName}
            <small>Espace habitant</small>
          </Link>
          <div class="user">
            <span class="visually-hidden">Connecté : </span>
            <span data-testid="resident">{session.name}</span>
            {shopOfGroups(session.groups) ? (
              <Link href="commerce" class="button button--small header-button" aria-current={path === 'commerce' ? 'page' : undefined}>
                Espace commerçant
              </Link>
            ) : null}
            <button type="button" class="button button--secondary button--small" onClick={() => auth.signOut()}>
              Se déconnecter
            </button>
          </div>
        </div>
      </header>
      <NetworkBanner />
      <main id="contenu" tabIndex={-1} ref={main} class="app-main">
        <Page path={path} />
      </main>
      <nav class="tab-bar" aria-label="Menu principal">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <Link href={s.path} aria-current={section === s.path ? 'page' : undefined}>
                <Icon d={s.icon} />
                <span>{s.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export function ResidentApp(props: Omit<AppContext, 'announce'>) {
  const [message, setMessage] = useState('');
  const announce = (m: string) => {
    setMessage('');
    setTimeout(() => setMessage(m), 50);
  };
  return (
    <Resident.Provider value={{ ...props, announce }}>
      <Layout />
      <div class="visually-hidden" role="status" aria-live="polite">
        {message}
      </div>
    </Resident.Provider>
  );
}
