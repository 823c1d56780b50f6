/**
 * The residents' app: reads config.json, signs the resident in (Cognito managed login in AWS, the
 * local stack's sign-in page locally), starts the outbox of receipts waiting in the phone, then
 * shows the app. A service worker keeps the app shell, so the app opens with no network.
 */
import 'leaflet/dist/leaflet.css';
import '../shared/styles/base.css';
import './app.css';
import { render, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiClient } from '../shared/api';
import { Auth } from '../shared/auth';
import { loadConfig, type RuntimeConfig } from '../shared/config';
import { savedFormsPath } from '../shared/form-state';
import { routePath, setBase } from '../shared/router';
import { ResidentApp } from './app';
import { Outbox } from './outbox';

const BASE = '/';
setBase(BASE);

function Gate({ title, children, city }: { title: string; children: ComponentChildren; city: string }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Cabas ${city}`;
    h1.current?.focus();
  }, [title, city]);
  return (
    <>
      <header class="site-header">
        <div class="header-inner">
          <p class="brand">
            Cabas {city}
            <small>Espace habitant</small>
          </p>
        </div>
      </header>
      <main id="contenu" class="gate">
        <h1 tabIndex={-1} ref={h1}>
          {title}
        </h1>
        {children}
      </main>
    </>
  );
}

async function boot(root: HTMLElement) {
  let config: RuntimeConfig;
  try {
    config = await loadConfig(BASE);
  } catch (err) {
    render(
      <Gate title="L’application ne peut pas démarrer" city="">
        <p class="alert alert--error" role="alert">
          Sa configuration n’a pas pu être lue ({(err as Error).message}). Vérifiez votre connexion, puis rechargez la page.
        </p>
      </Gate>,
      root,
    );
    return;
  }
  const auth = new Auth({ config, app: 'app', base: BASE });
  const result = await auth.start();
  const city = config.cityName;
  const signIn = () => void auth.signIn(BASE + routePath());
  if (result.kind === 'redirecting') {
    render(<p class="boot">Redirection vers la page de connexion…</p>, root);
    return;
  }
  if (result.kind === 'signed-out' || result.kind === 'error') {
    render(
      <Gate title={result.kind === 'error' ? 'La connexion n’a pas abouti' : 'Vous êtes déconnecté'} city={city}>
        {result.kind === 'error' ? (
          <p class="alert alert--error" role="alert">
            {result.message}
          </p>
        ) : (
          <p>Votre session est fermée. Vos tickets en attente d’envoi restent dans ce téléphone.</p>
        )}
        <button type="button" class="button" onClick={signIn}>
          Se connecter
        </button>
      </Gate>,
      root,
    );
    return;
  }
  const session = result.session;
  const api = new ApiClient(config.apiBaseUrl, { token: () => auth.token(), signIn: (path) => void auth.signIn(path) });
  const outbox = new Outbox(api, session.sub);
  outbox.start();
  const waiting = savedFormsPath();
  if (waiting && waiting !== location.pathname + location.search && waiting.startsWith(BASE)) history.replaceState(null, '', waiting);
  render(<ResidentApp config={config} api={api} auth={auth} session={session} outbox={outbox} />, root);
}

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works the same, online only.
    });
  });
}

const root = document.getElementById('app')!;
root.textContent = '';
void boot(root);
