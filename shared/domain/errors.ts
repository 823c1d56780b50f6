/**
 * Typed domain errors with stable codes. The HTTP layer maps them to problem+json answers;
 * nothing in the domain knows about HTTP beyond the suggested status.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly errors?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string) {
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
