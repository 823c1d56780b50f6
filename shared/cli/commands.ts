import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mintToken } from '../local/jwt';
import { runningStack, withLocalTable } from './local-table';
import { dynamoPorts } from '../wiring/dynamo-ports';
import { reconcileLedger } from '../app/reconcile';
import { parseReceipt } from '../receipts/parser';
import { checkReceiptFile } from '../ocr/file-check';
import type { OcrResult } from '../ocr/types';

export function runToken(dataDir: string, sub: string, groups: string[], ttlSeconds?: number) {
  return mintToken(path.resolve(dataDir), { sub, groups, ...(ttlSeconds ? { ttlSeconds } : {}) });
}

/** Reads a receipt the way the OCR stage would, or a saved Textract response, and parses it. */
export async function runExtract(file: string) {
  const bytes = new Uint8Array(await readFile(file));
  if (file.toLowerCase().endsWith('.json')) {
    const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    let ocr: OcrResult;
    if (json && typeof json === 'object' && 'ExpenseDocuments' in json) {
      const { fromAnalyzeExpenseResponse } = await import('../ocr/textract-expense');
      ocr = fromAnalyzeExpenseResponse(json as never);
    } else if (json && typeof json === 'object' && 'Blocks' in json) {
      const { fromDetectDocumentTextResponse } = await import('../ocr/textract-text');
      ocr = fromDetectDocumentTextResponse(json as never);
    } else {
      throw new Error('a JSON file must be a saved AnalyzeExpense or DetectDocumentText response');
    }
    return parseReceipt(ocr);
  }
  const check = checkReceiptFile(bytes);
  if (!check.ok) throw new Error(`${check.code}: ${check.message}`);
  const { createOcrEngine } = await import('../ocr/engines');
  const engine = await createOcrEngine('tesseract', {});
  try {
    return parseReceipt(await engine.read(bytes, check.contentType));
  } finally {
    await engine.close?.();
  }
}

/** Reconciles the local stack's ledger: through the running stack, or by opening its data alone. */
export async function runReconcile(dataDir: string) {
  return withLocalTable(dataDir, (doc, table) => reconcileLedger(dynamoPorts(doc, table)));
}

/** `cabas payouts run`: asks the running local stack to run its payout job now, as city staff. */
export async function runPayoutsNow(dataDir: string) {
  const stack = await runningStack(dataDir);
  if (!stack) throw new Error('the local stack is not running: start it with npm start');
  const token = await mintToken(path.resolve(dataDir), { sub: 'cabas-cli', groups: ['admin'], ttlSeconds: 300 });
  const res = await fetch(`${stack.url}/v1/admin/payouts/run`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { batch?: unknown; detail?: string };
  if (!res.ok) throw new Error(`payout run failed (${res.status}): ${body.detail ?? JSON.stringify(body)}`);
  return body.batch ?? null;
}
