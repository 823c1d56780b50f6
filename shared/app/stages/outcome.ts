/** What a pipeline stage did with a message (the handlers log it; tests assert it). */
export type StageOutcome = 'IGNORED' | 'ALREADY_DONE' | 'FORWARDED' | 'REJECTED' | 'IN_REVIEW' | 'CREDITED';

/** An OCR engine's error that no retry will cure (e.g. a PDF with nothing to read): OcrError code UNREADABLE. */
export function isUnreadable(err: unknown): boolean {
  return (err as { code?: string })?.code === 'UNREADABLE';
}
