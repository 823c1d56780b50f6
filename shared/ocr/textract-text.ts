/**
 * OCR engine over Textract DetectDocumentText (about 6x cheaper than AnalyzeExpense): LINE blocks
 * only, no hints.
 */
import { DetectDocumentTextCommand, type DetectDocumentTextResponse, type TextractClient } from '@aws-sdk/client-textract';
import { linesFromBlocks, mapTextractError } from './textract-common';
import type { OcrEngine, OcrResult, SupportedContentType } from './types';

export const TEXTRACT_TEXT = 'textract-text';

export class TextractTextEngine implements OcrEngine {
  readonly name = TEXTRACT_TEXT;
  constructor(private readonly client: TextractClient) {}

  async read(bytes: Uint8Array, _contentType: SupportedContentType): Promise<OcrResult> {
    let response: DetectDocumentTextResponse;
    try {
      response = await this.client.send(new DetectDocumentTextCommand({ Document: { Bytes: bytes } }));
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
