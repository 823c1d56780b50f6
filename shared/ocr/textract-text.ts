/**
 * OCR engine over Textract DetectDocumentText (about 6x cheaper than AnalyzeExpense): LINE blocks
 * only, no hints.
 */
import type { DetectDocumentTextResponse } from '@aws-sdk/client-textract';
import type { TextractApi } from './textract-api';
import { linesFromBlocks, mapTextractError } from './textract-common';
import type { OcrEngine, OcrResult, SupportedContentType } from './types';

export const TEXTRACT_TEXT = 'textract-text';

export class TextractTextEngine implements OcrEngine {
  readonly name = TEXTRACT_TEXT;
  constructor(private readonly textract: TextractApi) {}

  async read(bytes: Uint8Array, _contentType: SupportedContentType): Promise<OcrResult> {
    let response: unknown;
    try {
      response = await this.textract.detectDocumentText(bytes);
    } catch (error) {
      mapTextractError(error);
    }
    return fromDetectDocumentTextResponse(response);
  }
}

/** Turns a DetectDocumentText response (from the client or a saved JSON file) into the port's result. */
export function fromDetectDocumentTextResponse(json: unknown): OcrResult {
  const blocks = typeof json === 'object' && json !== null ? (json as DetectDocumentTextResponse).Blocks : undefined;
  return { engine: TEXTRACT_TEXT, lines: linesFromBlocks(Array.isArray(blocks) ? blocks : []), hints: [] };
}
