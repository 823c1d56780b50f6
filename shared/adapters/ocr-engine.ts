import { TextractClient } from '@aws-sdk/client-textract';
import type { FunctionConfig } from '../config';
import { createOcrEngine } from '../ocr/engines';
import type { OcrEngine } from '../ocr/types';

/** The city's configured OCR engine, created on first use and kept for the container's life. */
export function lazyOcrEngine(config: FunctionConfig): () => Promise<OcrEngine> {
  let engine: Promise<OcrEngine> | undefined;
  return () => {
    engine ??= config.ocrEngine === 'tesseract'
      ? createOcrEngine('tesseract', {})
      : createOcrEngine(config.ocrEngine, { textract: new TextractClient({}) });
    return engine;
  };
}
