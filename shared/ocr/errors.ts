/**
 * Errors an OCR engine throws when it cannot produce lines. The OCR stage maps them:
 * `UNREADABLE` is final (the receipt is rejected `UNREADABLE`: a scanned PDF we cannot render, a
 * corrupt image, a document the engine refuses); `ENGINE_FAILURE` is transient (the message is
 * left for a retry).
 */
export type OcrErrorCode = 'UNREADABLE' | 'ENGINE_FAILURE';

export class OcrError extends Error {
  override readonly name = 'OcrError';
  constructor(
    readonly code: OcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isOcrError = (e: unknown): e is OcrError => e instanceof OcrError;
