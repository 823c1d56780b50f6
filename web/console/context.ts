import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import type { ApiClient } from '../shared/api';
import type { Auth, Session } from '../shared/auth';
import type { RuntimeConfig } from '../shared/config';

export interface ConsoleContext {
  config: RuntimeConfig;
  api: ApiClient;
  auth: Auth;
  session: Session;
  /** Says something in the page's live region (after an action that changes nothing visible around the focus). */
  announce: (message: string) => void;
}

export const Console = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const ctx = useContext(Console);
  if (!ctx) throw new Error('useConsole outside the console');
  return ctx;
}

/** The page's title in the tab: "<page> — Console des agents — <city>". */
export function usePageTitle(title: string): void {
  const { config } = useConsole();
  useEffect(() => {
    document.title = `${title} — Console des agents — ${config.cityName}`;
  }, [title, config.cityName]);
}
