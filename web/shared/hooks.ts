import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, SessionLostError } from './api';
import { registerForm, takeSavedForm } from './form-state';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
  set: (data: T) => void;
}

/** Runs `load` when `deps` change; a lost session is not an error (the browser is leaving). */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: Error) => {
        if (controller.signal.aborted || error instanceof SessionLostError || error.name === 'AbortError') return;
        setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, set };
}

/**
 * A form's state that survives a lost session: registered with form-state.ts while the form is
 * shown, and restored from it when the person comes back after signing in. `restored` says so,
 * for the form to tell the person.
 */
export function useSavedForm<T>(key: string, initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void, boolean] {
  const path = location.pathname + location.search;
  const [restored] = useState(() => takeSavedForm<T>(key, path));
  const [state, setState] = useState<T>(() => (restored !== undefined ? restored : typeof initial === 'function' ? (initial as () => T)() : initial));
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => registerForm(key, () => latest.current), [key]);
  return [state, setState, restored !== undefined];
}

/** Runs an action (a button's), keeping its pending state and its error; a lost session is silent. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (err) {
        if (!(err instanceof SessionLostError)) setError(err as Error);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { run, pending, error, setError };
}
