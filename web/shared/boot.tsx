/**
 * How both web apps start: read config.json, sign the person in (Cognito managed login in AWS, the
 * local stack's sign-in page locally), and until then show a page of their own (loading, signed
 * out, refused, a sign-in that failed). Each app gives its name, its words and what to show once
 * signed in (web/app/main.tsx, web/console/main.tsx).
 */
import { render, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiClient } from './api';
import { Auth, type Session } from './auth';
import { loadConfig, type RuntimeConfig } from './config';
import { savedFormsPath } from './form-state';
import { routePath } from './router';

/** What an app says before it opens, in French. */
export interface BootWords {
  /** The brand line: "Cabas Ville" with its subtitle ("Espace habitant", "Console des agents"). */
  brand: (city: string) => ComponentChildren;
  /** The tab's title of a page before the app. */
  documentTitle: (title: string, city: string) => string;
  /** Shown while the configuration loads, if anything. */
  loading?: string;
  /** The title and advice when config.json cannot be read. */
  cannotStart: string;
  configAdvice: string;
  /** What a signed-out person reads above the sign-in button. */
  signedOut: string;
  /** The button after a failed sign-in ("Se connecter", "Se reconnecter"). */
  signInAgain: string;
  /** A signed-in account without the group the app needs (the console's agents). */
  forbidden?: { title: string; body: (name: string) => ComponentChildren };
}

export interface BootOptions {
  root: HTMLElement;
  /** The app's path on the site ('/', '/console/'); setBase must have been called with it. */
  base: string;
  app: 'app' | 'console';
  requiredGroup?: string;
  words: BootWords;
  /** The app itself, once signed in. */
  open: (parts: { config: RuntimeConfig; api: ApiClient; auth: Auth; session: Session }) => ComponentChildren;
}

/** A page of its own before the app, its title focused for screen readers. */
export function Gate({ title, city, words, children }: { title: string; city: string; words: BootWords; children: ComponentChildren }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = words.documentTitle(title, city);
    h1.current?.focus();
  }, [title, city, words]);
  return (
    <>
      <header class="site-header">
        <div class="header-inner">
          <p class="brand">{words.brand(city)}</p>
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

/** Starts an app in `root`: the pages before it, then `open(...)` once signed in. */
export async function bootApp(opts: BootOptions): Promise<void> {
  const { root, base, words } = opts;
  // The loading message of index.html gives way to the app's own.
  root.textContent = '';
  if (words.loading) render(<p class="boot">{words.loading}</p>, root);
  let config: RuntimeConfig;
  try {
    config = await loadConfig(base);
  } catch (err) {
    render(
      <Gate title={words.cannotStart} city="" words={words}>
        <p class="alert alert--error" role="alert">
          Sa configuration n’a pas pu être lue ({(err as Error).message}). {words.configAdvice}
        </p>
      </Gate>,
      root,
    );
    return;
  }
  const auth = new Auth({ config, app: opts.app, base, ...(opts.requiredGroup ? { requiredGroup: opts.requiredGroup } : {}) });
  const result = await auth.start();
  const city = config.cityName;
  const signIn = () => void auth.signIn(base + routePath());
  switch (result.kind) {
    case 'redirecting':
      render(<p class="boot">Redirection vers la page de connexion…</p>, root);
      return;
    case 'signed-out':
    case 'error':
      render(
        <Gate title={result.kind === 'error' ? 'La connexion n’a pas abouti' : 'Vous êtes déconnecté'} city={city} words={words}>
          {result.kind === 'error' ? (
            <p class="alert alert--error" role="alert">
              {result.message}
            </p>
          ) : (
            <p>{words.signedOut}</p>
          )}
          <button type="button" class="button" onClick={signIn}>
            {result.kind === 'error' ? words.signInAgain : 'Se connecter'}
          </button>
        </Gate>,
        root,
      );
      return;
    case 'forbidden':
      render(
        <Gate title={words.forbidden?.title ?? 'Accès refusé'} city={city} words={words}>
          {words.forbidden?.body(result.session.name) ?? <p>Ce compte ne peut pas utiliser cette application.</p>}
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
      if (waiting && waiting !== location.pathname + location.search && waiting.startsWith(base)) history.replaceState(null, '', waiting);
      render(<>{opts.open({ config, api, auth, session: result.session })}</>, root);
    }
  }
}
