/**
 * The OCR port. An engine turns the bytes of a receipt into text lines (with positions and
 * confidences where the engine gives them). Engines know nothing of receipts' meaning: the
 * French parser (shared/receipts/parser/) reads the lines.
 */
export type SupportedContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** A box in page fractions (0..1), origin top-left. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One word of a line, as the engine read it. */
export interface OcrWord {
  text: string;
  /** 0..1 */
  confidence: number;
}

export interface OcrLine {
  text: string;
  /** 0..1 (for tesseract, the mean of its words' confidences weighted by their length) */
  confidence: number;
  box?: Box;
  /**
   * The line's words with their own confidences, where the engine gives them: a date or an
   * amount is only as sure as the word it was read from (one doubtful digit in a line read well).
   */
  words?: OcrWord[];
}

/** What AnalyzeExpense (or another engine with document understanding) suggests: hints, not truth. */
export interface OcrHint {
  /** Textract field type, e.g. TOTAL, INVOICE_RECEIPT_DATE, VENDOR_NAME, VENDOR_ADDRESS, TAX_PAYER_ID. */
  type: string;
  label?: string;
  value: string;
  /** 0..1 */
  confidence: number;
}

export interface OcrResult {
  engine: string;
  lines: OcrLine[];
  hints: OcrHint[];
}

export interface OcrEngine {
  readonly name: string;
  read(bytes: Uint8Array, contentType: SupportedContentType): Promise<OcrResult>;
  /** Releases workers or clients (tesseract worker pool); optional. */
  close?(): Promise<void>;
}
