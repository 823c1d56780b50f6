import { receiptIdFromObjectKey } from '../../domain/receipt';
import { rejection } from '../../domain/rejections';
import { claimKeys } from '../../domain/fraud/claim-keys';
import { checkReceiptFile, sha256Hex } from '../../ocr/file-check';
import { perceptualHashTurns } from '../../ocr/perceptual-hash';
import { parseReceipt } from '../../receipts/parser';
import type { Extraction } from '../../receipts/extraction';
import type { AppContext } from '../context';
import { isUnreadable, type StageOutcome } from './outcome';

/**
 * OCR stage, on an S3 ObjectCreated event: checks the file, claims its hash, reads it once and
 * stores the extraction before handing the receipt to the match stage.
 */
export async function readUploadedReceipt(ctx: AppContext, objectKey: string): Promise<StageOutcome> {
  const receiptId = receiptIdFromObjectKey(objectKey);
  if (!receiptId) return 'IGNORED';
  const receipt = await ctx.receipts.get(receiptId);
  if (!receipt || receipt.objectKey !== objectKey) return 'IGNORED';
  // Sent after the receipt's personal data was erased (its resident's erasure withdrew it while
  // its upload URL was still valid): the photo goes at once (shared/app/privacy.ts).
  if (receipt.personalDataErasedAt) {
    await ctx.images.delete(objectKey);
    return 'IGNORED';
  }
  if (receipt.status !== 'AWAITING_UPLOAD' && receipt.status !== 'PROCESSING') return 'ALREADY_DONE';
  if (receipt.extraction) {
    await ctx.bus.sendToMatch({ receiptId });
    return 'FORWARDED';
  }
  const now = ctx.clock.now();
  if (!(await ctx.receipts.markProcessing(receiptId, now))) return 'ALREADY_DONE';

  // The bytes as first read: the write-once upload itself, or (a receipt announced before uploads
  // were write-once) the copy the first read kept. A later PUT changes nothing of what is read,
  // paid, shown to staff and compared with later photos.
  const bytes = await ctx.images.keepUpload(receipt);
  if (!bytes) throw new Error(`Object ${objectKey} announced but not readable yet`);
  const check = checkReceiptFile(bytes);
  if (!check.ok) {
    await ctx.receipts.reject(receiptId, rejection(check.code), now);
    return 'REJECTED';
  }
  const sha256 = sha256Hex(bytes);
  const holder = await ctx.claims.claim(claimKeys.image(sha256), receiptId);
  if (holder !== receiptId) {
    await ctx.receipts.reject(receiptId, rejection('DUPLICATE_IMAGE'), now);
    return 'REJECTED';
  }
  if (!ctx.ocrEngine) throw new Error('No OCR engine configured for this function');
  const engine = await ctx.ocrEngine();
  const reading = engine.read(bytes, check.contentType).then(
    (ocr) => ({ extraction: parseReceipt(ocr) }),
    (error: unknown) => ({ error }),
  );
  // While the engine reads (Textract is a network call, tesseract runs in its own workers; one
  // turn of the event loop lets the request go out first): the photo's perceptual hash, kept with
  // the extraction to find the same picture sent again re-encoded, resized, re-framed or
  // photographed from a screen (see lookAlikePhotos).
  await new Promise((resolve) => setImmediate(resolve));
  const turns = check.contentType === 'application/pdf' ? undefined : perceptualHashTurns(bytes);
  const photo = turns && { perceptualHash: turns[0]!.hex, perceptualHashTurned: turns.slice(1).map((t) => t.hex) };
  let extraction: Extraction;
  try {
    const read = await reading;
    if ('error' in read) throw read.error;
    extraction = read.extraction;
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    await ctx.receipts.reject(receiptId, rejection('UNREADABLE'), now);
    return 'REJECTED';
  }
  await ctx.receipts.saveExtraction(receiptId, sha256, extraction, ctx.clock.now(), photo);
  await ctx.bus.sendToMatch({ receiptId });
  return 'FORWARDED';
}
