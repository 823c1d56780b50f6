import type { AppContext } from '../app/context';
import { observedLedger, observedReceipts, timedOcrEngine } from '../adapters/observed';
import type { PipelineTelemetry } from '../ports/telemetry';

/**
 * A function's context whose receipts, ledger and OCR engine report to the telemetry (created,
 * credited, refused by code, held for review, OCR time and failures). The ports a function was
 * not wired with stay the stand-ins that fail loudly.
 */
export function withTelemetry(ctx: AppContext, telemetry: PipelineTelemetry): AppContext {
  return {
    ...ctx,
    receipts: observedReceipts(ctx.receipts, telemetry),
    ledger: observedLedger(ctx.ledger, telemetry),
    ...(ctx.ocrEngine ? { ocrEngine: timedOcrEngine(ctx.ocrEngine, telemetry) } : {}),
  };
}
