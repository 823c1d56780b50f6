import type { Ledger, ReceiptStore } from '../ports';
import type { PipelineTelemetry } from '../ports/telemetry';
import type { OcrEngine } from '../ocr/types';

/**
 * Adapters that watch the pipeline's writes and tell the telemetry what happened, without the
 * application code knowing: a receipt created, refused (by code), held for review or decided by
 * staff is counted when the store says the write took place (a redelivered message that changes
 * nothing counts nothing). They add no request.
 */
export function observedReceipts(store: ReceiptStore, telemetry: PipelineTelemetry): ReceiptStore {
  const overrides: Partial<ReceiptStore> = {
    async create(receipt) {
      await store.create(receipt);
      telemetry.receiptCreated();
    },
    async reject(receiptId, rejection, now, campaignId, ruleTrace) {
      const done = await store.reject(receiptId, rejection, now, campaignId, ruleTrace);
      if (done) telemetry.receiptRefused(rejection.code);
      return done;
    },
    async sendToReview(receiptId, review, now, campaignId) {
      const done = await store.sendToReview(receiptId, review, now, campaignId);
      if (done) telemetry.receiptHeldForReview();
      return done;
    },
    async approveReview(receiptId, decision, reviewer, now) {
      const done = await store.approveReview(receiptId, decision, reviewer, now);
      if (done) telemetry.reviewDecided();
      return done;
    },
    async rejectReview(receiptId, rejection, reviewer, now, campaignId) {
      const done = await store.rejectReview(receiptId, rejection, reviewer, now, campaignId);
      if (done) {
        telemetry.reviewDecided();
        telemetry.receiptRefused(rejection.code);
      }
      return done;
    },
  };
  return withOverrides(store, overrides);
}

/** The ledger, counting each receipt credited and the cashback it earned. */
export function observedLedger(ledger: Ledger, telemetry: PipelineTelemetry): Ledger {
  return withOverrides(ledger, {
    async creditCashback(request, now) {
      const result = await ledger.creditCashback(request, now);
      if (result.outcome === 'CREDITED') telemetry.receiptCredited(result.amountCents);
      return result;
    },
  });
}

/** The OCR engine, timing each reading and counting those that failed. */
export function timedOcrEngine(engine: () => Promise<OcrEngine>, telemetry: PipelineTelemetry, clock: () => number = () => performance.now()): () => Promise<OcrEngine> {
  return async () => {
    const inner = await engine();
    return withOverrides(inner, {
      async read(bytes, contentType) {
        const started = clock();
        let failed = true;
        try {
          const result = await inner.read(bytes, contentType);
          failed = false;
          return result;
        } finally {
          telemetry.ocrRead((clock() - started) / 1000, failed);
        }
      },
    });
  };
}

/**
 * The port with some operations replaced, every other one the original's (bound to it). A Proxy
 * rather than a copy, so that ports whose adapters are themselves proxies (shared/wiring's
 * `partlyWired`) keep failing loudly on what was not wired.
 */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(overrides, key)) return overrides[key as keyof T];
      const value = Reflect.get(t, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}
