import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context';
import { systemClock } from '../ports';

/** The defaults every context gets unless its builder says otherwise. */
export const CONTEXT_DEFAULTS = { uploadUrlTtlSeconds: 900 } as const;

/** The ports and settings of a context; the clock, the ids and the upload URL lifetime have defaults. */
export type AppContextParts = Omit<AppContext, 'clock' | 'newId' | 'uploadUrlTtlSeconds'> & Partial<Pick<AppContext, 'clock' | 'newId' | 'uploadUrlTtlSeconds'>>;

/**
 * The one way an AppContext is built: by the Lambdas (shared/wiring/<function>.ts, each with the
 * ports and SDK clients its code uses; createAppContext, every port, for the API),
 * by the tests (memoryAppContext, or DynamoDB Local with in-memory images and bus) and by the CLI.
 * It fills what was left out (the system clock, random UUIDs, a 15-minute upload URL); settings
 * given as undefined stay unset (the policy and payout settings then have the application's defaults).
 */
export function buildAppContext(parts: AppContextParts): AppContext {
  const given = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) as AppContextParts;
  return { clock: systemClock, newId: () => randomUUID(), uploadUrlTtlSeconds: CONTEXT_DEFAULTS.uploadUrlTtlSeconds, ...given };
}
