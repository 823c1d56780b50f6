/**
 * Chooses the OCR engine by configuration (CABAS_OCR_ENGINE). The tesseract engine (tesseract.js
 * and sharp) is imported only when chosen, so a Lambda bundle for AWS need not carry it.
 */
import { availableParallelism } from 'node:os';
import { OcrEnginePool } from './engine-pool';
import type { OcrEngineName } from '../config';
import type { TesseractEngineOptions } from './tesseract';
import type { TextractApi } from './textract-api';
import { TextractExpenseEngine } from './textract-expense';
import { TextractTextEngine } from './textract-text';
import type { OcrEngine } from './types';

export interface OcrEngineDeps {
  /** Textract, for the textract engines (shared/wiring/aws/textract.ts builds the functions'). */
  textract?: TextractApi;
  /** Options of the tesseract engine. */
  tesseract?: TesseractEngineOptions;
  /** Tesseract workers read in parallel (default: the machine's cores, at most 4). */
  tesseractWorkers?: number;
}

export async function createOcrEngine(name: OcrEngineName, deps: OcrEngineDeps = {}): Promise<OcrEngine> {
  switch (name) {
    case 'textract-expense':
      return new TextractExpenseEngine(textractOf(deps, name));
    case 'textract-text':
      return new TextractTextEngine(textractOf(deps, name));
    case 'tesseract': {
      const { TesseractEngine } = await import('./tesseract');
      const workers = Math.max(1, Math.min(4, deps.tesseractWorkers ?? availableParallelism()));
      if (workers === 1) return new TesseractEngine(deps.tesseract);
      return new OcrEnginePool(Array.from({ length: workers }, () => new TesseractEngine(deps.tesseract)));
    }
    default: {
      const unknown: never = name;
      throw new Error(`Unknown OCR engine: ${String(unknown)}`);
    }
  }
}

function textractOf(deps: OcrEngineDeps, name: OcrEngineName): TextractApi {
  if (!deps.textract) throw new Error(`The ${name} engine needs a Textract client (OcrEngineDeps.textract)`);
  return deps.textract;
}
