import type { AppContext } from '../app/context';
import { memoryPorts, type MemoryPorts } from '../adapters/memory';
import { buildAppContext, type AppContextParts } from './app-context';

/** A context over the in-memory adapters, each typed as what it is (a test reads `ctx.bus.match`, `ctx.ledger.accounts`). */
export type MemoryAppContext = AppContext & MemoryPorts;

/**
 * An application context entirely in memory (shared/adapters/memory): every port with its DynamoDB,
 * S3 or SQS adapter's contract, no process to start. Settings (clock, ids, policy, payout settings,
 * OCR engine) may be given; ports stay the in-memory ones.
 */
export function memoryAppContext(settings: Partial<Omit<AppContextParts, keyof MemoryPorts>> = {}, ports: MemoryPorts = memoryPorts()): MemoryAppContext {
  return { ...buildAppContext({ ...ports, ...settings }), ...ports };
}
