import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../shared/api';
import type { Auth, Session } from '../shared/auth';
import type { RuntimeConfig } from '../shared/config';
import type { Outbox, OutboxState } from './outbox';

export interface AppContext {
  config: RuntimeConfig;
  api: ApiClient;
  auth: Auth;
  session: Session;
  outbox: Outbox;
  announce: (message: string) => void;
}

export const Resident = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const ctx = useContext(Resident);
  if (!ctx) throw new Error('useApp outside the app');
  return ctx;
}

/** The tab's title: "<page> — <city>". */
export function usePageTitle(title: string): void {
  const { config } = useApp();
  useEffect(() => {
    document.title = `${title} — Cabas ${config.cityName}`;
  }, [title, config.cityName]);
}

export function useOutbox(): OutboxState {
  const { outbox } = useApp();
  const [state, setState] = useState(outbox.current);
  useEffect(() => outbox.subscribe(setState), [outbox]);
  return state;
}

/** Whether the phone has a network (the browser's idea of it). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Calls `tick` now and then again after `delay(result)` milliseconds (undefined: stop), while the
 * page is shown; a hidden tab does not poll, and polls again as soon as it is shown.
 */
export function usePolling<T>(tick: () => Promise<T>, delay: (result: T | undefined) => number | undefined, deps: unknown[]): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let busy = false;
    const run = async () => {
      timer = undefined;
      if (stopped || busy || document.hidden) return;
      busy = true;
      let result: T | undefined;
      try {
        result = await latest.current();
      } catch {
        result = undefined;
      }
      busy = false;
      const next = delay(result);
      if (!stopped && next !== undefined) timer = setTimeout(run, next);
    };
    const visible = () => {
      if (!document.hidden && timer === undefined) void run();
    };
    document.addEventListener('visibilitychange', visible);
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, deps);
}
