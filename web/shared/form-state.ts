/**
 * Forms survive a lost session. Each form being filled registers a snapshot of its state; when the
 * API answers 401 (or the token cannot be renewed) the client saves every snapshot in
 * sessionStorage with the page's address before sending the browser to sign-in. Back on the same
 * page, each form takes its own snapshot back once.
 *
 * Only what the person typed is kept, in this tab's sessionStorage, for the time of a sign-in.
 */

const KEY = 'cabas.savedForms';
/** Snapshots older than this are dropped (a sign-in takes minutes, not hours). */
const MAX_AGE_MS = 2 * 3600_000;

interface Saved {
  path: string;
  at: number;
  forms: Record<string, unknown>;
}

const registry = new Map<string, () => unknown>();

/** Registers a form's snapshot; returns the function that unregisters it. */
export function registerForm(key: string, snapshot: () => unknown): () => void {
  registry.set(key, snapshot);
  return () => {
    if (registry.get(key) === snapshot) registry.delete(key);
  };
}

/** Saves the registered forms for `path` (the page the person will come back to). */
export function saveForms(path: string): void {
  const forms: Record<string, unknown> = {};
  for (const [key, snapshot] of registry) {
    try {
      forms[key] = snapshot();
    } catch {
      // a form that cannot say its state is not saved
    }
  }
  if (Object.keys(forms).length === 0) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ path, at: Date.now(), forms } satisfies Saved));
  } catch {
    // storage full or disabled: the form is lost, as it would be without this module
  }
}

function read(): Saved | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const saved = JSON.parse(raw) as Saved;
    if (Date.now() - saved.at > MAX_AGE_MS) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return saved;
  } catch {
    return undefined;
  }
}

/** The saved state of form `key` on page `path`, removed as it is taken; undefined when none. */
export function takeSavedForm<T>(key: string, path: string): T | undefined {
  const saved = read();
  if (!saved || saved.path !== path || !(key in saved.forms)) return undefined;
  const value = saved.forms[key] as T;
  delete saved.forms[key];
  if (Object.keys(saved.forms).length === 0) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(saved));
  return value;
}

/** The page a saved form waits on, if any (to go back there after sign-in). */
export function savedFormsPath(): string | undefined {
  return read()?.path;
}
