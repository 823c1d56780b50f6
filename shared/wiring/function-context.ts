import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { buildAppContext } from './app-context';

/** The Lambda functions of a city (functions/<name>/handler.ts), each wired by shared/wiring/<name>.ts. */
export type FunctionName = 'api' | 'ocr' | 'match' | 'credit' | 'payout' | 'photos';

/** The ports of an AppContext: what a function is wired with, one adapter (and SDK client) each. */
export const PORT_NAMES = ['receipts', 'merchants', 'campaigns', 'claims', 'households', 'fingerprints', 'ledger', 'payouts', 'audit', 'news', 'reviews', 'counterResidents', 'shopPhotos', 'media', 'images', 'documents', 'bus'] as const;
export type PortName = (typeof PORT_NAMES)[number];

type Settings = 'clock' | 'newId' | 'uploadUrlTtlSeconds' | 'payoutSettings' | 'policy' | 'ocrEngine';
// A port added to AppContext must be named above (else a function would get neither it nor a stub).
const everyPortNamed: [Exclude<keyof AppContext, PortName | Settings>] extends [never] ? true : false = true;
void everyPortNamed;

/** What a function's wiring gives: the ports its code uses, and the settings it needs beyond the configuration's. */
export type FunctionParts = Partial<Pick<AppContext, PortName | 'payoutSettings' | 'ocrEngine'>>;

/**
 * The context of one function: the ports it was wired with, and for each other port a stand-in
 * that fails at once and says so (`notWired`), so that a function carries and loads only the
 * adapters and SDK clients it uses, and a use nobody wired cannot pass unnoticed. The settings
 * read from the configuration (upload URL lifetime, fraud policy) are those every function had.
 */
export function functionContext(fn: FunctionName, config: FunctionConfig, parts: FunctionParts): AppContext {
  const ports = Object.fromEntries(PORT_NAMES.map((port) => [port, parts[port] ?? notWired(fn, port)])) as Pick<AppContext, PortName>;
  return buildAppContext({
    ...parts,
    ...ports,
    uploadUrlTtlSeconds: config.uploadUrlTtlSeconds,
    policy: config.fraudPolicy,
  });
}

/** The error a port nobody wired throws: a wiring mistake, never an outcome of the code. */
export class NotWiredError extends Error {
  override readonly name = 'NotWiredError';
}

/**
 * A stand-in for a port the function was not wired with: any use of it throws NotWiredError
 * (reading `then` gives undefined, so that the stand-in is not taken for a promise).
 */
export function notWired<T extends object>(fn: FunctionName, port: PortName): T {
  return new Proxy({} as T, {
    get(_target, key) {
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
      throw new NotWiredError(`The ${fn} function is not wired with the ${port} port (it used ${port}.${key}): see shared/wiring/${fn}.ts`);
    },
  });
}

/**
 * A port of which the function uses only some operations: those given, and for any other the
 * stand-in's NotWiredError (so that the function need not carry the whole adapter).
 */
export function partlyWired<T extends object>(fn: FunctionName, port: PortName, given: Partial<T>): T {
  const rest = notWired<T>(fn, port);
  return new Proxy(given as T, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key in target) {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return Reflect.get(rest, key) as unknown;
    },
  });
}
