/**
 * The city staff's console: reads config.json, signs the agent in (Cognito managed login in AWS,
 * the local stack's sign-in page locally), then shows the console. Only the `admin` group gets in.
 */
import 'leaflet/dist/leaflet.css';
import '../shared/styles/base.css';
import './console.css';
import { render, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiClient } from '../shared/api';
import { Auth } from '../shared/auth';
import { loadConfig, type RuntimeConfig } from '../shared/config';
import { savedFormsPath } from '../shared/form-state';
import { routePath, setBase } from '../shared/router';
import { ConsoleApp } from './app';

const BASE = '/console/';
setBase(BASE);

/** A page of its own before the console: signed out, refused, or a sign-in that failed. */
function Gate({ title, children, city }: { title: string; children: ComponentChildren; city: string }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Console des agents — ${city}`;
    h1.current?.focus();
  }, [title, city]);
  return (
    <>
      <header class="site-header">
        <div class="header-inner">
          <p class="brand">
            Cabas — {city}
            <small>Console des agents</small>
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
  render(<p class="boot">Chargement de la console des agents…</p>, root);
  let config: RuntimeConfig;
  try {
    config = await loadConfig(BASE);
  } catch (err) {
    render(
      <Gate title="La console ne peut pas démarrer" city="Cabas">
        <p class="alert alert--error" role="alert">
          Sa configuration n’a pas pu être lue ({(err as Error).message}). Prévenez l’équipe qui l’exploite.
        </p>
      </Gate>,
      root,
    );
    return;
  }
  const auth = new Auth({ config, app: 'console', base: BASE, requiredGroup: 'admin' });
  const result = await auth.start();
  const city = config.cityName;
  const signIn = () => void auth.signIn(BASE + routePath());
  switch (result.kind) {
    case 'redirecting':
      render(<p class="boot">Redirection vers la page de connexion…</p>, root);
      return;
    case 'signed-out':
      render(
        <Gate title="Vous êtes déconnecté" city={city}>
          <p>Votre session de la console des agents est fermée.</p>
          <button type="button" class="button" onClick={signIn}>
            Se connecter
          </button>
        </Gate>,
        root,
      );
      return;
    case 'error':
      render(
        <Gate title="La connexion n’a pas abouti" city={city}>
          <p class="alert alert--error" role="alert">
            {result.message}
          </p>
          <button type="button" class="button" onClick={signIn}>
            Se reconnecter
          </button>
        </Gate>,
        root,
      );
      return;
    case 'forbidden':
      render(
        <Gate title="Accès réservé aux agents de la ville" city={city}>
          <p>
            Le compte <strong>{result.session.name}</strong> n’appartient pas au groupe des agents (« admin ») : il ne peut pas utiliser la console. Demandez à un administrateur de la ville de
            vous y ajouter, puis reconnectez-vous.
          </p>
          <button type="button" class="button" onClick={() => auth.signOut()}>
            Se déconnecter
          </button>
        </Gate>,
        root,
      );
      return;
    case 'signed-in': {
      const api = new ApiClient(config.apiBaseUrl, { token: () => auth.token(), signIn: (path) => void auth.signIn(path) });
      // Back from a sign-in that interrupted a form: the form's page comes back with what was typed.
      const waiting = savedFormsPath();
      if (waiting && waiting !== location.pathname + location.search && waiting.startsWith(BASE)) history.replaceState(null, '', waiting);
      render(<ConsoleApp config={config} api={api} auth={auth} session={result.session} />, root);
    }
  }
}

const root = document.getElementById('app')!;
// The loading message of index.html gives way to the app.
root.textContent = '';
void boot(root);
