import { localDate } from './dates';
import { DomainError, type ErrorCode } from './errors';

/**
 * Limits on what one resident may start at once, so that nobody floods the pipeline (each receipt
 * costs an OCR read): receipts created per local day, and uploads announced but not yet sent.
 * Both answer 429 with the seconds to wait.
 */
export class TooManyRequestsError extends DomainError {
  override readonly name = 'TooManyRequestsError';
  constructor(code: ErrorCode, message: string, readonly retryAfterSeconds: number) {
    super(code, message, 429);
  }
}

/** Seconds from `now` to the next local (Europe/Paris) midnight, at least 1. */
export function secondsUntilNextLocalDay(now: Date): number {
  const today = localDate(now);
  let t = now.getTime();
  // Whole hours while still today, then minutes, then seconds: at most 25 + 60 + 60 steps.
  for (const step of [3_600_000, 60_000, 1_000]) while (localDate(new Date(t + step)) === today) t += step;
  return Math.max(1, Math.ceil((t + 1_000 - now.getTime()) / 1_000));
}

export interface PendingUpload {
  status: string;
  createdAt: string;
}

/**
 * The uploads still open among a resident's newest receipts (announced, not yet sent, their URL not
 * yet expired); when there are `max` or more, how long until the oldest URL expires.
 */
export function uploadsInFlight(recent: readonly PendingUpload[], now: Date, urlTtlSeconds: number, max: number): { count: number; retryAfterSeconds?: number } {
  const open = recent
    .filter((r) => r.status === 'AWAITING_UPLOAD')
    .map((r) => Date.parse(r.createdAt) + urlTtlSeconds * 1000)
    .filter((expiresAt) => expiresAt > now.getTime())
    .sort((a, b) => a - b);
  if (open.length < max) return { count: open.length };
  return { count: open.length, retryAfterSeconds: Math.max(1, Math.ceil((open[open.length - max]! - now.getTime()) / 1000)) };
}
