/**
 * What an operator watches (issue #18): the pipeline's events, counted as they happen. The
 * Lambda functions write them as CloudWatch metrics in the embedded metric format (a log line,
 * no extra request: shared/adapters/metrics.ts); the local stack and the tests need none.
 */
export interface PipelineTelemetry {
  /** A resident (or staff at the counter) asked for an upload: a receipt was created. */
  receiptCreated(): void;
  /** A receipt was credited, with the cashback it earned (integer cents). */
  receiptCredited(cashbackCents: number): void;
  /** A receipt was refused, by its stable rejection code. */
  receiptRefused(code: string): void;
  /** A receipt was held for staff review. */
  receiptHeldForReview(): void;
  /** Staff decided a receipt held for review (approved or refused). */
  reviewDecided(): void;
  /** One OCR reading: how long the engine took, and whether it failed. */
  ocrRead(seconds: number, failed: boolean): void;
  /** Records of a stage's batch that failed and will be retried (then land in the DLQ). */
  stageFailed(records: number): void;
}
