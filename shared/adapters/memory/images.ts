import type { ImageStore, MessageBus, ReceiptUpload } from '../../ports';

/**
 * Receipt images in memory: an upload's bytes (`objects`, which a test sets as a resident's PUT
 * would) and, for a receipt whose upload is not write-once (announced before they were), its kept
 * copy, written once by the first read (see ImageStore.keepUpload). Links are `memory://<key>`,
 * named by the upload key for a kept copy too (tests compare these links).
 */
export class MemoryImages implements ImageStore {
  readonly objects = new Map<string, Uint8Array>();
  /** The bytes of each upload as first read, by upload key (uploads that are not write-once). */
  readonly kept = new Map<string, Uint8Array>();
  async presignUpload(key: string, contentType: string, contentLength: number) {
    return { url: `memory://${key}`, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength), 'If-None-Match': '*' } };
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async presignDownload(key: string) {
    return `memory://${key}`;
  }
  async keepUpload(upload: ReceiptUpload) {
    if (upload.uploadWriteOnce) return this.objects.get(upload.objectKey);
    const kept = this.kept.get(upload.objectKey);
    if (kept) return kept;
    const bytes = this.objects.get(upload.objectKey);
    if (bytes) this.kept.set(upload.objectKey, bytes);
    return bytes;
  }
  async presignKeptDownload(upload: ReceiptUpload) {
    return `memory://${upload.objectKey}`;
  }
  async delete(uploadKey: string) {
    this.objects.delete(uploadKey);
    this.kept.delete(uploadKey);
  }
}

/** The queues in memory: the commands sent, in order, for a test (or a driver) to deliver. */
export class RecordingBus implements MessageBus {
  readonly match: string[] = [];
  readonly credit: string[] = [];
  async sendToMatch(c: { receiptId: string }) {
    this.match.push(c.receiptId);
  }
  async sendToCredit(c: { receiptId: string }) {
    this.credit.push(c.receiptId);
  }
}
