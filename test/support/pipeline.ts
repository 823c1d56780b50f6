import type { AppContext } from '../../shared/app/context';
import { createReceipt } from '../../shared/app/resident';
import { creditReceipt, matchReceipt, readUploadedReceipt } from '../../shared/app/pipeline';
import type { Receipt } from '../../shared/domain/receipt';
import type { startTestTable } from './dynamo';
import { buildAppContext } from '../../shared/wiring/app-context';
import { dynamoPorts } from '../../shared/wiring/dynamo-ports';
import { memoryAppContext, type MemoryAppContext } from '../../shared/wiring/memory-context';
import { MemoryDocuments, MemoryImages, MemoryMedia, RecordingBus } from './memory';
import { ScriptedEngine } from './scripted-ocr';
import type { OcrEngine } from '../../shared/ocr/types';

/** The stages with in-memory images and bus, the scripted OCR engine and a fixed day, over DynamoDB Local or in memory. */
export interface PipelineHarness {
  ctx: AppContext;
  images: MemoryImages;
  bus: RecordingBus;
}

export function pipelineHarness(db: Awaited<ReturnType<typeof startTestTable>>, now = '2026-06-20T10:00:00Z', engine: OcrEngine = new ScriptedEngine()): PipelineHarness {
  const images = new MemoryImages();
  const bus = new RecordingBus();
  const ctx = buildAppContext({ ...dynamoPorts(db.doc, db.table), images, bus, documents: new MemoryDocuments(), media: new MemoryMedia(), clock: { now: () => new Date(now) }, ocrEngine: async () => engine });
  return { ctx, images, bus };
}

/** The same harness entirely in memory (shared/adapters/memory): no DynamoDB Local, a test runs in milliseconds. */
export function memoryPipeline(now = '2026-06-20T10:00:00Z', engine: OcrEngine = new ScriptedEngine()): PipelineHarness & { ctx: MemoryAppContext } {
  const ctx = memoryAppContext({ clock: { now: () => new Date(now) }, ocrEngine: async () => engine });
  return { ctx, images: ctx.images, bus: ctx.bus };
}

/** Uploads a receipt for `resident` and runs it through the OCR, match and credit stages, as the queues would. */
export async function sendReceipt(h: PipelineHarness, resident: string, bytes: Uint8Array): Promise<Receipt> {
  const created = await createReceipt(h.ctx, { sub: resident, isAdmin: false }, { contentType: 'image/png', contentLength: bytes.length });
  const key = `receipts/${created.receiptId}`;
  h.images.objects.set(key, bytes);
  await readUploadedReceipt(h.ctx, key);
  for (const id of h.bus.match.splice(0)) await matchReceipt(h.ctx, id);
  for (const id of h.bus.credit.splice(0)) await creditReceipt(h.ctx, id);
  return (await h.ctx.receipts.get(created.receiptId))!;
}
