import { describe, expect, it } from 'vitest';
import { OcrEnginePool } from '../../../shared/ocr/engine-pool';
import type { OcrEngine, OcrResult } from '../../../shared/ocr/types';

/** An engine that records how many readings it runs at once, and answers when told to. */
function slowEngine(id: number, log: { id: number; concurrent: number }[]) {
  let running = 0;
  let closed = false;
  const engine: OcrEngine & { closed: () => boolean } = {
    name: 'fake',
    async read(): Promise<OcrResult> {
      running++;
      log.push({ id, concurrent: running });
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return { engine: `fake-${id}`, lines: [], hints: [] };
    },
    async close() {
      closed = true;
    },
    closed: () => closed,
  };
  return engine;
}

describe('OcrEnginePool', () => {
  it('spreads readings so that no engine runs two while another is idle', async () => {
    const log: { id: number; concurrent: number }[] = [];
    const engines = [slowEngine(0, log), slowEngine(1, log)];
    const pool = new OcrEnginePool(engines);
    const results = await Promise.all([1, 2, 3, 4].map(() => pool.read(new Uint8Array(), 'image/png')));
    expect(results.map((r) => r.engine).sort()).toEqual(['fake-0', 'fake-0', 'fake-1', 'fake-1']);
    expect(log.slice(0, 2).map((l) => l.id).sort()).toEqual([0, 1]);
    await pool.close();
    expect(engines.every((e) => e.closed())).toBe(true);
  });

  it('needs at least one engine', () => {
    expect(() => new OcrEnginePool([])).toThrow(RangeError);
  });
});
