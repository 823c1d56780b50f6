/** Why DynamoDB cancelled a TransactWriteItems: one reason per item, in the order they were sent. */
export interface CancellationReason {
  Code?: string;
}

/** The per-item reasons of a cancelled transaction; undefined for any other error. */
export function cancellationReasons(err: unknown): CancellationReason[] | undefined {
  const e = err as { name?: string; CancellationReasons?: CancellationReason[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}

/** The item's condition was not met (as opposed to a conflict, throttling or no failure at all). */
export const failed = (r: CancellationReason | undefined) => r?.Code === 'ConditionalCheckFailed';
