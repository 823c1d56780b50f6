import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link, matchRoute, navigate, useLocation } from '../shared/router';
import { Console, useConsole, usePageTitle, type ConsoleContext } from './context';
import { ReviewPage } from './pages/review';
import { CampaignListPage, CampaignPage } from './pages/campaigns';
import { CampaignFormPage } from './pages/campaign-form';
import { MerchantListPage } from './pages/merchants';
import { MerchantPage } from './pages/merchant';
import { MerchantImportPage } from './pages/merchant-import';
import { PayoutsPage } from './pages/payouts';
import { ReceiptSearchPage, ReceiptPage } from './pages/receipts';
import { AuditPage } from './pages/audit';
import { FiguresPage } from './pages/figures';
import { CounterPage } from './pages/counter';
import { CounterResidentPage } from './pages/counter-resident';
import { CounterStatementPage } from './pages/counter-statement';

/** The sections of the console, in the order of the main menu. */
const SECTIONS: Array<{ path: string; label: string }> = [
  { path: 'revue', label: 'Revue des tickets' },
  { path: 'campagnes', label: 'Campagnes' },
  { path: 'commerces', label: 'Commerces' },
  { path: 'versements', label: 'Versements' },
  { path: 'tickets', label: 'Tickets' },
  { path: 'guichet', label: 'Guichet' },
  { path: 'bilan', label: 'Bilan' },
  { path: 'journal', label: 'Journal des actions' },
];

type Route = { pattern: string; render: (params: Record<string, string>) => ComponentChildren };

const ROUTES: Route[] = [
  { pattern: 'revue', render: () => <ReviewPage /> },
  { pattern: 'campagnes', render: () => <CampaignListPage /> },
  { pattern: 'campagnes/nouvelle', render: () => <CampaignFormPage /> },
  { pattern: 'campagnes/:id', render: (p) => <CampaignPage id={p.id!} /> },
  { pattern: 'campagnes/:id/modifier', render: (p) => <CampaignFormPage id={p.id!} /> },
  { pattern: 'commerces', render: () => <MerchantListPage /> },
  { pattern: 'commerces/import', render: () => <MerchantImportPage /> },
  { pattern: 'commerces/:id', render: (p) => <MerchantPage id={p.id!} /> },
  { pattern: 'versements', render: () => <PayoutsPage /> },
  { pattern: 'tickets', render: () => <ReceiptSearchPage /> },
  { pattern: 'tickets/:id', render: (p) => <ReceiptPage id={p.id!} /> },
  { pattern: 'guichet', render: () => <CounterPage /> },
  { pattern: 'guichet/:id', render: (p) => <CounterResidentPage id={p.id!} /> },
  { pattern: 'guichet/:id/releve', render: (p) => <CounterStatementPage id={p.id!} /> },
  { pattern: 'bilan', render: () => <FiguresPage /> },
  { pattern: 'journal', render: () => <AuditPage /> },
];

function NotFound() {
  usePageTitle('Page introuvable');
  return (
    <>
      <h1 tabIndex={-1}>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucune page de la console. <Link href="revue">Aller à la revue des tickets</Link>.
      </p>
    </>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page({ path }: { path: string }) {
  // The console opens on the review queue.
  if (path === '') return <Redirect to="revue" />;
  for (const r of ROUTES) {
    const params = matchRoute(r.pattern, path);
    if (params) return <>{r.render(params)}</>;
  }
  return <NotFound />;
}

function Layout() {
  const { config, session, auth } = useConsole();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // After a navigation inside the app, focus goes to the new page's title (RGAA 12.x: the
    // change of page is announced); not on the first load, where the browser starts at the top.
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => {
      const h1 = main.current?.querySelector<HTMLElement>('h1');
      (h1 ?? main.current)?.focus();
    });
  }, [path]);
  const section = path.split('/')[0] ?? '';
  return (
    <>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header class="site-header">
        <div class="header-inner">
          <Link class="brand" href="revue">
            Cabas — {config.cityName}
            <small>Console des agents</small>
          </Link>
          <div class="user">
            <span>
              Connecté : <strong data-testid="agent">{session.name}</strong>
            </span>
            <button type="button" class="button button--secondary button--small" onClick={() => auth.signOut()}>
              Se déconnecter
            </button>
          </div>
        </div>
        <nav class="main-nav" aria-label="Menu principal">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.path}>
                <Link href={s.path} aria-current={section === s.path ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1} ref={main}>
        <Page path={path} />
      </main>
      <footer class="site-footer">
        <p>Cabas, logiciel libre (AGPL) — {config.cityName}</p>
      </footer>
    </>
  );
}

export function ConsoleApp(props: Omit<ConsoleContext, 'announce'>) {
  const [message, setMessage] = useState('');
  const announce = (m: string) => {
    // Cleared first so that the same sentence twice is read twice.
    setMessage('');
    setTimeout(() => setMessage(m), 50);
  };
  return (
    <Console.Provider value={{ ...props, announce }}>
      <Layout />
      <div class="visually-hidden" role="status" aria-live="polite">
        {message}
      </div>
    </Console.Provider>
  );
}
