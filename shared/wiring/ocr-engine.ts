import type { FunctionConfig } from '../config';
import { createOcrEngine } from '../ocr/engines';
import type { OcrEngine } from '../ocr/types';
import { textractClient } from './aws/textract';

/** The city's configured OCR engine, created on first use and kept for the container's life. */
export function lazyOcrEngine(config: FunctionConfig, env: NodeJS.ProcessEnv = process.env): () => Promise<OcrEngine> {
  let engine: Promise<OcrEngine> | undefined;
  return () => {
    engine ??= config.ocrEngine === 'tesseract' ? createOcrEngine('tesseract', {}) : createOcrEngine(config.ocrEngine, { textract: textractClient(env) });
    return engine;
  };
}
