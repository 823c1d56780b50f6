import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { PipelineTelemetry } from '../ports/telemetry';

/** The CloudWatch namespace of every city's metrics; the stack's name tells cities apart. */
export const METRICS_NAMESPACE = 'Cabas';

/**
 * The metric names an operator's dashboard and alarms read (infra/dashboard.ts). Each is written
 * with the dimensions `service` (the city's stack) and `stage` (the function); the refusals also
 * with `code`.
 */
export const METRIC = {
  receiptsCreated: 'ReceiptsCreated',
  receiptsCredited: 'ReceiptsCredited',
  cashbackCredited: 'CashbackCreditedCents',
  receiptsRefused: 'ReceiptsRefused',
  receiptsHeldForReview: 'ReceiptsHeldForReview',
  reviewsDecided: 'ReviewsDecided',
  ocrSeconds: 'OcrSeconds',
  ocrErrors: 'OcrErrors',
  stageErrors: 'StageErrors',
} as const;

/** The telemetry of one function, and how to flush what it stored. */
export interface FunctionMetrics extends PipelineTelemetry {
  /** Writes the stored metrics (one EMF log line); called once per invocation. */
  publish(): void;
}

/**
 * Powertools Metrics in the embedded metric format: each invocation's counts go out as one
 * structured log line that CloudWatch turns into metrics, with no request to CloudWatch. The
 * refusals, one metric per code, go out at once (`singleMetric`) so that their `code` dimension
 * does not land on the other counts.
 */
export function createMetrics(stage: string, env: NodeJS.ProcessEnv = process.env): FunctionMetrics {
  const metrics = new Metrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
    serviceName: env.POWERTOOLS_SERVICE_NAME ?? 'cabas',
    defaultDimensions: { stage },
  });
  const count = (name: string, n = 1) => metrics.addMetric(name, MetricUnit.Count, n);
  return {
    receiptCreated: () => count(METRIC.receiptsCreated),
    receiptCredited: (cashbackCents) => {
      count(METRIC.receiptsCredited);
      count(METRIC.cashbackCredited, cashbackCents);
    },
    receiptRefused: (code) => {
      const single = metrics.singleMetric();
      single.addDimension('code', code);
      single.addMetric(METRIC.receiptsRefused, MetricUnit.Count, 1);
    },
    receiptHeldForReview: () => count(METRIC.receiptsHeldForReview),
    reviewDecided: () => count(METRIC.reviewsDecided),
    ocrRead: (seconds, failed) => {
      metrics.addMetric(METRIC.ocrSeconds, MetricUnit.Seconds, seconds);
      if (failed) count(METRIC.ocrErrors);
    },
    stageFailed: (records) => count(METRIC.stageErrors, records),
    publish: () => {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}
