import { PORT_NAMES, type AppContext, type PortName } from '../app/context';
import type { FunctionConfig } from '../config';
import type { ApiFunction, ApiFunctionName } from '../http/api-function';
import { buildAppContext } from './app-context';

/** The Lambda functions of a city (functions/<name>/handler.ts), each wired by shared/wiring/<name>.ts. */
export type FunctionName = ApiFunctionName | 'ocr' | 'match' | 'credit' | 'payout' | 'photos';

export { PORT_NAMES, type PortName } from '../app/context';

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

/**
 * The context of an API function: exactly the ports its table declares (shared/http/functions/),
 * which the router holds its routes to in the test suites. A port declared and not wired, or
 * wired and not declared, is a mistake caught when the function starts.
 */
export function apiFunctionContext(fn: ApiFunction, config: FunctionConfig, parts: FunctionParts): AppContext {
  const wired = PORT_NAMES.filter((port) => parts[port] !== undefined);
  const missing = fn.ports.filter((port) => !wired.includes(port));
  const extra = wired.filter((port) => !fn.ports.includes(port));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`The ${fn.name} function's wiring does not match its ports: ${missing.length > 0 ? `missing ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? '; ' : ''}${extra.length > 0 ? `not declared ${extra.join(', ')}` : ''}`);
  }
  return functionContext(fn.name, config, parts);
}
