/**
 * What a pipeline stage did with a message (the handlers log it; tests assert it). `WAITING`: a
 * parking ticket waits for a purchase the same day (shared/app/parking.ts).
 */
export type StageOutcome = 'IGNORED' | 'ALREADY_DONE' | 'FORWARDED' | 'REJECTED' | 'IN_REVIEW' | 'CREDITED' | 'WAITING';

/** An OCR engine's error that no retry will cure (e.g. a PDF with nothing to read): OcrError code UNREADABLE. */
export function isUnreadable(err: unknown): boolean {
  return (err as { code?: string })?.code === 'UNREADABLE';
}
