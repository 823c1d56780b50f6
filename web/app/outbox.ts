/**
 * The receipts waiting to go up, kept in the phone (IndexedDB) until they are sent: with no network
 * a receipt waits here and goes when the network is back (the `online` event, the app's start, a
 * timer), exactly once:
 *
 * 1. each waiting receipt has a client key; the receipt id and presigned URL that POST /v1/receipts
 *    answered are written into its record BEFORE the image goes up, so a retry (after a reload, a
 *    lost connection, another tab) PUTs to the same receipt and never announces a second one;
 * 2. one sender at a time across the tabs of the phone (Web Locks), so two tabs cannot both send;
 * 3. the record is deleted once S3 accepted the bytes, or answered 412: the URL is write-once and
 *    already holds them (an earlier try went through, its answer lost).
 * A presigned URL that expired before the bytes could go (a phone offline for hours) leaves that
 * first receipt AWAITING_UPLOAD forever (it is never read nor paid) and a new one is announced.
 */
import { ApiError, type ApiClient } from '../shared/api';

export interface Upload {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export interface OutboxItem {
  key: string;
  /** The resident's `sub`: a shared phone sends each one's receipts under their own session. */
  owner: string;
  blob: Blob;
  contentType: string;
  size: number;
  name: string;
  addedAt: string;
  receiptId?: string;
  upload?: Upload;
  /** A refusal that retrying will not change (a type or size the API refuses): shown, not retried. */
  refused?: string;
}

export interface OutboxState {
  items: OutboxItem[];
  /** Upload progress by key, 0..1. */
  progress: Record<string, number>;
  sending: boolean;
  /** Receipts sent since the app started: client key -> receipt id. */
  sent: Record<string, string>;
}

const DB = 'cabas-app';
const STORE = 'outbox';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB indisponible'));
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(t.error ?? new Error('IndexedDB'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB'));
    });
  } finally {
    db.close();
  }
}

const put = (item: OutboxItem) => tx('readwrite', (s) => s.put(item));
const remove = (key: string) => tx('readwrite', (s) => s.delete(key));
const all = async () => ((await tx<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>)) ?? []).sort((a, b) => a.addedAt.localeCompare(b.addedAt));

/** A PUT with upload progress (fetch has none): resolves with the status, 0 when the network failed. */
function putWithProgress(upload: Upload, blob: Blob, onProgress: (fraction: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) {
      // The browser sets Content-Length from the body itself (and refuses to be told).
      if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'host') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.ontimeout = () => resolve(0);
    xhr.onabort = () => resolve(0);
    xhr.send(blob);
  });
}

export class Outbox {
  private state: OutboxState = { items: [], progress: {}, sending: false, sent: {} };
  private readonly listeners = new Set<(s: OutboxState) => void>();
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly api: ApiClient,
    private readonly owner: string,
  ) {}

  /** Starts sending on the app's start, when the network comes back, and every 30 s. */
  start(): () => void {
    const go = () => void this.flush();
    window.addEventListener('online', go);
    const timer = setInterval(go, 30_000);
    void this.refresh().then(go);
    return () => {
      window.removeEventListener('online', go);
      clearInterval(timer);
    };
  }

  subscribe(listener: (s: OutboxState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  get current(): OutboxState {
    return this.state;
  }

  private emit(patch: Partial<OutboxState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  private async refresh() {
    const items = (await all()).filter((i) => i.owner === this.owner);
    this.emit({ items });
  }

  /** Keeps a receipt in the phone and tries to send it now. */
  async add(file: { blob: Blob; contentType: string; name: string }): Promise<string> {
    const key = crypto.randomUUID();
    await put({ key, owner: this.owner, blob: file.blob, contentType: file.contentType, size: file.blob.size, name: file.name, addedAt: new Date().toISOString() });
    await this.refresh();
    void this.flush();
    return key;
  }

  /** Gives up a waiting receipt (one the API refused, or sent by mistake). */
  async discard(key: string): Promise<void> {
    await remove(key);
    await this.refresh();
  }

  /** Sends what waits; one run at a time in this tab, one sender at a time across tabs. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          if (navigator.locks) await navigator.locks.request('cabas-outbox', () => this.sendAll());
          else await this.sendAll();
        } catch {
          // A lost session (the browser is going to sign-in) or storage trouble: the receipt stays.
          this.emit({ sending: false });
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sendAll(): Promise<void> {
    // Read again under the lock: another tab may have sent some meanwhile.
    await this.refresh();
    const waiting = this.state.items.filter((i) => !i.refused);
    if (waiting.length === 0 || !navigator.onLine) return;
    this.emit({ sending: true });
    try {
      for (const item of waiting) {
        if (!(await this.sendOne(item))) break; // the network is gone: the rest waits too
      }
    } finally {
      this.emit({ sending: false });
      await this.refresh();
    }
  }

  /** False when the network failed (try again later). */
  private async sendOne(item: OutboxItem): Promise<boolean> {
    let current = item;
    if (current.upload && Date.parse(current.upload.expiresAt) - 30_000 < Date.now()) {
      const { upload: _expired, receiptId: _unused, ...rest } = current;
      current = rest;
    }
    if (!current.receiptId || !current.upload) {
      try {
        const created = await this.api.call('post', '/v1/receipts', { body: { contentType: current.contentType, contentLength: current.size } });
        current = { ...current, receiptId: created.receiptId, upload: created.upload as Upload };
        // Kept before the bytes go: a retry uses this receipt, never a new one.
        await put(current);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NETWORK') return false;
        if (err instanceof ApiError && (err.status === 429 || err.status >= 500)) return false;
        if (err instanceof ApiError) {
          await put({ ...current, refused: refusal(err) });
          return true;
        }
        throw err;
      }
    }
    const status = await putWithProgress(current.upload!, current.blob, (f) => this.emit({ progress: { ...this.state.progress, [current.key]: f } }));
    // 412: the upload URL is write-once and the photo is already there (an earlier try went
    // through but its answer was lost, or another tab sent it): it was sent.
    if ((status >= 200 && status < 300) || status === 412) {
      await remove(current.key);
      const { [current.key]: _done, ...progress } = this.state.progress;
      this.emit({ progress, sent: { ...this.state.sent, [current.key]: current.receiptId! } });
      return true;
    }
    if (status === 403) {
      // The link expired or was refused: the next try announces the receipt again.
      const { upload: _u, receiptId: _r, ...rest } = current;
      await put(rest);
    }
    return false;
  }
}

function refusal(err: ApiError): string {
  if (err.code === 'TOO_LARGE' || err.code === 'PAYLOAD_TOO_LARGE') return 'Le fichier est trop lourd (10 Mo au plus).';
  if (err.code === 'UNSUPPORTED_FILE') return 'Ce type de fichier n’est pas accepté (photo JPEG ou PNG, ou PDF).';
  return `Le service a refusé ce ticket (${err.code}).`;
}
