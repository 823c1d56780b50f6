import type { DocumentStore, ImageStore, MessageBus } from '../../shared/ports';

/** Test doubles for the ports that are not under test. */
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

export class MemoryImages implements ImageStore {
  readonly objects = new Map<string, Uint8Array>();
  /** The bytes of each upload as first read, by upload key (see ImageStore.keepUpload). */
  readonly kept = new Map<string, Uint8Array>();
  async presignUpload(key: string, contentType: string, contentLength: number) {
    return { url: `memory://${key}`, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength) } };
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async presignDownload(key: string) {
    return `memory://${key}`;
  }
  async keepUpload(uploadKey: string) {
    const kept = this.kept.get(uploadKey);
    if (kept) return kept;
    const bytes = this.objects.get(uploadKey);
    if (bytes) this.kept.set(uploadKey, bytes);
    return bytes;
  }
  /** Named by the upload key, as presignDownload (tests compare these links). */
  async presignKeptDownload(uploadKey: string) {
    return `memory://${uploadKey}`;
  }
  async delete(uploadKey: string) {
    this.objects.delete(uploadKey);
    this.kept.delete(uploadKey);
  }
}

export class MemoryDocuments implements DocumentStore {
  readonly files = new Map<string, { body: string; contentType: string }>();
  async put(key: string, body: string, contentType: string) {
    this.files.set(key, { body, contentType });
  }
  async get(key: string) {
    return this.files.get(key)?.body;
  }
}
