import { ENV } from '../config';
import { mintToken } from './jwt';

/**
 * The local stack's sign-in page, standing in for the city's Cognito managed login: one chooses
 * (or types) who to be, and the page hands a token back to the web app that asked, in the URL
 * fragment (never sent to a server) with the `state` the app gave. No password: this page exists
 * only in the local stack, never in AWS.
 *
 *   GET  /connexion?app=console|app&return=<path of the app>&state=<random>
 *   POST /connexion  (form: app, return, state, identite, autre)
 *        -> 303 <return>#access_token=…&token_type=Bearer&expires_in=…&state=…
 *
 * `app=console` (the staff console, at /console/) mints tokens in the `admin` group; `app=app`
 * (the residents' app, at /) mints residents' tokens (no group), or, when one chooses the staff of
 * a demo shop (`commerce-<SIRET>`), a token in the groups `merchant` and `merchant:<merchantId>`
 * (as city staff set them in Cognito), which opens the app's shop space (/commerce).
 */

type AppName = 'console' | 'app';

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const APPS: Record<AppName, { title: string; who: string; base: string; groups: string[]; suggestions: Array<[string, string]> }> = {
  console: {
    title: 'Connexion à la console des agents',
    who: 'Console des agents',
    base: '/console/',
    groups: ['admin'],
    suggestions: [
      ['agent-martin', 'Camille Martin, service commerce'],
      ['agent-durand', 'Léa Durand, service finances'],
      ['agent-petit', 'Hugo Petit, accueil de la mairie'],
    ],
  },
  app: {
    title: 'Connexion à l’espace habitant',
    who: 'Espace habitant',
    base: '/',
    groups: [],
    suggestions: [
      ['alice', 'Alice, habitante du centre-ville'],
      ['bob', 'Bob, habitant des bords de Loire'],
      ['chloe', 'Chloé, habitante du quartier de la Halle'],
    ],
  },
};

/** The staff of a demo shop one may sign in as (residents' app only). */
interface StaffChoice {
  id: string;
  label: string;
  merchantId: string;
}

let shopStore: { getBySirets(sirets: readonly string[]): Promise<Map<string, { merchantId: string; name: string; status: string }>> } | undefined;

/** The demo shops still in the directory (and active), each with its staff's identity; none if the store cannot be read. */
async function shopStaff(): Promise<StaffChoice[]> {
  try {
    const [{ DEMO_MERCHANTS }, { createAppContext }, { loadConfig }] = await Promise.all([import('./demo-territory'), import('../wiring/context'), import('../config')]);
    shopStore ??= createAppContext(loadConfig()).merchants;
    const found = await shopStore.getBySirets(DEMO_MERCHANTS.map((m) => m.siret));
    return DEMO_MERCHANTS.flatMap((m) => {
      const shop = found.get(m.siret);
      return shop && shop.status === 'ACTIVE' ? [{ id: `commerce-${m.siret}`, label: `Personnel de ${shop.name}`, merchantId: shop.merchantId }] : [];
    });
  } catch {
    return [];
  }
}

/** A token's subject: what the API records as the actor or the resident. */
const IDENTITY = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const STATE = /^[A-Za-z0-9_-]{8,128}$/;

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function appOf(value: string | null | undefined): AppName {
  return value === 'app' ? 'app' : 'console';
}

/** The path to go back to: a path of the app that asked, on this origin, or the app's home. */
export function safeReturn(app: AppName, value: string | null | undefined): string {
  const base = APPS[app].base;
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return base;
  if (app === 'console' ? !value.startsWith('/console/') : value.startsWith('/console/') || value === '/console') return base;
  return value;
}

function sessionSeconds(): number {
  const v = Number(process.env.CABAS_LOCAL_SESSION_SECONDS);
  return Number.isInteger(v) && v > 0 ? v : 8 * 3600;
}

function page(opts: { app: AppName; returnTo: string; state: string; chosen?: string; other?: string; error?: string; staff?: StaffChoice[] }): string {
  const a = APPS[opts.app];
  const city = process.env[ENV.cityName] ?? 'Cabas';
  const chosen = opts.chosen ?? a.suggestions[0]![0];
  const staff = opts.staff ?? [];
  const radios = [...a.suggestions, ...staff.map((s): [string, string] => [s.id, s.label])]
    .map(
      ([id, name], i) => `<div class="radio">
<input type="radio" id="identite-${i}" name="identite" value="${escape(id)}"${id === chosen ? ' checked' : ''}>
<label for="identite-${i}">${escape(name)} <span class="muted">(${escape(id)})</span></label>
</div>`,
    )
    .join('\n');
  const error = opts.error
    ? `<div class="error-summary" role="alert"><h2>La connexion n’a pas abouti</h2><ul><li><a href="#autre">${escape(opts.error)}</a></li></ul></div>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.error ? 'Erreur — ' : ''}${escape(a.title)} — ${escape(city)}</title>
<link rel="stylesheet" href="/connexion.css">
</head>
<body>
<a class="skip-link" href="#contenu">Aller au formulaire de connexion</a>
<header class="site-header"><div class="header-inner"><p class="brand">Cabas — ${escape(city)}<small>${escape(a.who)}</small></p></div></header>
<main id="contenu" class="sign-in">
<h1>${escape(a.title)}</h1>
<p class="alert alert--warning">Pile locale de développement : cette page remplace la connexion de la ville. Elle ne demande pas de mot de passe et n’existe pas en production.</p>
${error}
<form method="post" action="/connexion" novalidate>
<input type="hidden" name="app" value="${opts.app}">
<input type="hidden" name="return" value="${escape(opts.returnTo)}">
<input type="hidden" name="state" value="${escape(opts.state)}">
<fieldset class="field radios">
<legend>${opts.app === 'console' ? 'Choisissez l’agent' : staff.length > 0 ? 'Choisissez l’habitant, ou le personnel d’un commerce' : 'Choisissez l’habitant'}</legend>
${staff.length > 0 ? '<p class="field-hint">Le personnel d’un commerce entre dans l’espace commerçant de son commerce.</p>' : ''}
${radios}
</fieldset>
<div class="field${opts.error ? ' field--error' : ''}">
<label for="autre">Ou saisissez un autre identifiant</label>
<p class="field-hint" id="autre-aide">Facultatif ; s’il est rempli, il remplace le choix ci-dessus. Lettres minuscules sans accent, chiffres, points, tirets ; 2 à 64 caractères.</p>
${opts.error ? `<p class="field-error" id="autre-erreur"><span class="visually-hidden">Erreur : </span>${escape(opts.error)}</p>` : ''}
<input type="text" id="autre" name="autre" value="${escape(opts.other ?? '')}" autocomplete="username" spellcheck="false" aria-describedby="autre-aide${opts.error ? ' autre-erreur' : ''}"${opts.error ? ' aria-invalid="true"' : ''}>
</div>
<button type="submit" class="button">Se connecter</button>
</form>
</main>
</body>
</html>
`;
}

/** GET /connexion: the page. */
export async function signInPage(query: URLSearchParams): Promise<Answer> {
  const app = appOf(query.get('app'));
  const state = query.get('state') ?? '';
  const staff = app === 'app' ? await shopStaff() : [];
  return { statusCode: 200, headers: HEADERS, body: page({ app, returnTo: safeReturn(app, query.get('return')), state: STATE.test(state) ? state : '', staff }) };
}

/** POST /connexion: a token for the chosen identity, handed back to the app in the fragment. */
export async function signIn(dataDir: string, form: URLSearchParams): Promise<Answer> {
  const app = appOf(form.get('app'));
  const returnTo = safeReturn(app, form.get('return'));
  const state = form.get('state') ?? '';
  const other = (form.get('autre') ?? '').trim();
  const chosen = form.get('identite') ?? '';
  const identity = other || chosen;
  const staff = app === 'app' ? await shopStaff() : [];
  const again = (error: string): Answer => ({ statusCode: 400, headers: HEADERS, body: page({ app, returnTo, state: STATE.test(state) ? state : '', chosen, other, error, staff }) });
  if (!IDENTITY.test(identity)) {
    return again(identity ? `« ${identity} » n’est pas un identifiant accepté : lettres minuscules sans accent, chiffres, points et tirets, 2 à 64 caractères.` : 'Choisissez une personne ou saisissez un identifiant.');
  }
  if (!STATE.test(state)) return again('La demande de connexion ne vient pas d’une application Cabas : rouvrez l’application et recommencez.');
  const ttl = sessionSeconds();
  // Only a shop chosen in the list (never a typed identifier) makes its staff.
  const shop = other ? undefined : staff.find((s) => s.id === chosen);
  const groups = shop ? ['merchant', `merchant:${shop.merchantId}`] : APPS[app].groups;
  const token = await mintToken(dataDir, { sub: identity, groups, ttlSeconds: ttl });
  const fragment = new URLSearchParams({ access_token: token, token_type: 'Bearer', expires_in: String(ttl), state });
  return { statusCode: 303, headers: { location: `${returnTo}#${fragment}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
}
