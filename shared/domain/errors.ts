/**
 * Typed domain errors with stable codes. The HTTP layer maps them to problem+json answers;
 * nothing in the domain knows about HTTP beyond the suggested status.
 */

/**
 * Every code a domain error may carry: clients branch on them (the `code` of a problem+json), so
 * they are part of the contract; the route table lists, per route, those it may answer.
 */
export const ERROR_CODES = [
  'CAMPAIGN_CHANGED',
  'CAMPAIGN_NOT_ACTIVE',
  'CAMPAIGN_NOT_DRAFT',
  'CAMPAIGN_NOT_FOUND',
  'CAMPAIGN_NOT_PAUSED',
  'COUNTER_REFERENCE_TAKEN',
  'COUNTER_RESIDENT_NOT_FOUND',
  'DECISION_INCOMPLETE',
  'EMPTY_CSV',
  'FORBIDDEN',
  'HOUSEHOLD_ALREADY_SET',
  'HOUSEHOLD_FULL',
  'HOUSEHOLD_LOCKED',
  'HOUSEHOLD_NOT_FOUND',
  'INVALID_CSV_HEADER',
  'INVALID_CURSOR',
  'INVALID_IBAN',
  'INVALID_JSON',
  'INVALID_PAYOUT_BATCH',
  'INVALID_PHOTO_ORDER',
  'INVALID_QUERY',
  'MERCHANT_CHANGED',
  'MERCHANT_EXISTS',
  'MERCHANT_FUNDS_INSUFFICIENT',
  'MERCHANT_NOT_FOUND',
  'NEWS_CHANGED',
  'NEWS_NOT_FOUND',
  'NOT_A_CUSTOMER',
  'PAYOUTS_NOT_CONFIGURED',
  'PAYOUT_ACCOUNT_NOT_FOUND',
  'PAYOUT_FILE_NOT_FOUND',
  'PAYOUT_IN_FLIGHT',
  'PAYOUT_ITEM_NOT_FOUND',
  'PAYOUT_ITEM_NOT_PENDING',
  'PAYOUT_NOT_FOUND',
  'PAYOUT_NOT_READY',
  'PHOTOS_CHANGED',
  'PHOTO_LIMIT_REACHED',
  'PHOTO_NOT_FOUND',
  'RECEIPT_NOT_CREDITED',
  'RECEIPT_NOT_FOUND',
  'RECEIPT_NOT_IN_REVIEW',
  'REVIEW_CHANGED',
  'REVIEW_NOT_FOUND',
  'TOO_LARGE',
  'TOO_MANY_RECEIPTS_TODAY',
  'TOO_MANY_UPLOADS_IN_FLIGHT',
  'UNSUPPORTED_FILE',
  'VALIDATION_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = 400,
    readonly errors?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(code: ErrorCode, message: string) {
    super(code, message, 404);
  }
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(code: ErrorCode, message: string) {
    super(code, message, 409);
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'This route is reserved to city staff.') {
    super('FORBIDDEN', message, 403);
  }
}

/** A list's `cursor` that this API did not give out (edited, or from another list). */
export class InvalidCursorError extends DomainError {
  override readonly name = 'InvalidCursorError';
  constructor(message = 'The cursor is not one this API gave out.') {
    super('INVALID_CURSOR', message, 400);
  }
}
