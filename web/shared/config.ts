/**
 * The runtime configuration of a web app: `config.json` served next to its index.html, written by
 * the local stack (local sign-in) or, in AWS, by the CityStack at deploy time (Cognito managed
 * login, the API's URL). The same build runs everywhere; only this file differs.
 */

export interface LocalAuthConfig {
  mode: 'local';
  /** The local stack's sign-in page, e.g. "/connexion". */
  signInUrl: string;
}

export interface CognitoAuthConfig {
  mode: 'cognito';
  /** The user pool's managed login domain, e.g. "https://ville.auth.eu-west-3.amazoncognito.com". */
  domain: string;
  clientId: string;
  /** Where Cognito sends the browser back with the code: the app's own address. */
  redirectUri: string;
  /** Where Cognito sends the browser after signing out (a logout URL of the app client). */
  logoutUri: string;
  scopes: string[];
}

export interface MapConfig {
  /** A tile URL template with {z}, {x} and {y} (the IGN Géoplateforme plan by default). */
  tileUrl: string;
  /** Plain text credit of the tiles, shown on the map. */
  attribution: string;
  /** Where the map opens when it has nothing to show yet: [latitude, longitude]. */
  center: [number, number];
  zoom: number;
}

export interface RuntimeConfig {
  cityName: string;
  /** Base URL of the REST API, without a trailing slash; "" for the same origin. */
  apiBaseUrl: string;
  auth: LocalAuthConfig | CognitoAuthConfig;
  map: MapConfig;
}

/** The IGN Géoplateforme's plan (Plan IGN v2), WMTS in the Web Mercator grid ("PM"), free of key. */
export const DEFAULT_MAP: MapConfig = {
  tileUrl:
    'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&FORMAT=image/png',
  attribution: '© IGN – Géoplateforme',
  center: [46.6, 2.4],
  zoom: 6,
};

class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string') throw new ConfigError(`config.json: ${name} manque ou n’est pas un texte`);
  return v;
}

/** Checks the parts the apps rely on; a broken file is a clear error rather than a blank page. */
export function parseConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('config.json n’est pas un objet JSON');
  const c = raw as Record<string, unknown>;
  const auth = (c.auth ?? {}) as Record<string, unknown>;
  let parsedAuth: RuntimeConfig['auth'];
  if (auth.mode === 'local') parsedAuth = { mode: 'local', signInUrl: str(auth.signInUrl, 'auth.signInUrl') };
  else if (auth.mode === 'cognito') {
    parsedAuth = {
      mode: 'cognito',
      domain: str(auth.domain, 'auth.domain').replace(/\/+$/, ''),
      clientId: str(auth.clientId, 'auth.clientId'),
      redirectUri: str(auth.redirectUri, 'auth.redirectUri'),
      logoutUri: str(auth.logoutUri ?? auth.redirectUri, 'auth.logoutUri'),
      scopes: Array.isArray(auth.scopes) ? auth.scopes.map(String) : ['openid', 'email', 'profile'],
    };
  } else throw new ConfigError('config.json: auth.mode doit valoir "local" ou "cognito"');
  const map = (c.map ?? {}) as Partial<MapConfig>;
  const center = Array.isArray(map.center) && map.center.length === 2 && map.center.every((n) => typeof n === 'number') ? (map.center as [number, number]) : DEFAULT_MAP.center;
  return {
    cityName: typeof c.cityName === 'string' ? c.cityName : 'Cabas',
    apiBaseUrl: (typeof c.apiBaseUrl === 'string' ? c.apiBaseUrl : '').replace(/\/+$/, ''),
    auth: parsedAuth,
    map: {
      tileUrl: typeof map.tileUrl === 'string' && map.tileUrl ? map.tileUrl : DEFAULT_MAP.tileUrl,
      attribution: typeof map.attribution === 'string' ? map.attribution : DEFAULT_MAP.attribution,
      center,
      zoom: typeof map.zoom === 'number' ? map.zoom : DEFAULT_MAP.zoom,
    },
  };
}

/** Loads `config.json` from the app's own folder (e.g. /console/config.json). */
export async function loadConfig(base: string): Promise<RuntimeConfig> {
  const res = await fetch(`${base}config.json`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw new ConfigError(`config.json introuvable (${res.status})`);
  return parseConfig(await res.json());
}
