import type { OcrEngine, OcrResult, SupportedContentType } from './types';

/**
 * Spreads readings over several engines (one tesseract worker each), sending each receipt to the
 * engine with the fewest readings in progress. Sized to the machine's cores, it lets the local
 * stack read as many receipts at once as it has cores.
 */
export class OcrEnginePool implements OcrEngine {
  readonly name: string;
  private readonly inFlight: number[];

  constructor(private readonly engines: readonly OcrEngine[]) {
    if (engines.length === 0) throw new RangeError('an engine pool needs at least one engine');
    this.name = engines[0]!.name;
    this.inFlight = engines.map(() => 0);
  }

  get size(): number {
    return this.engines.length;
  }

  async read(bytes: Uint8Array, contentType: SupportedContentType): Promise<OcrResult> {
    let pick = 0;
    for (let i = 1; i < this.engines.length; i++) if (this.inFlight[i]! < this.inFlight[pick]!) pick = i;
    this.inFlight[pick]!++;
    try {
      return await this.engines[pick]!.read(bytes, contentType);
    } finally {
      this.inFlight[pick]!--;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.close?.()));
  }
}
