/**
 * What the OCR stage accepts, checked on the bytes themselves (never on the declared type):
 * JPEG, PNG, or a single-page PDF, at most 10 MiB. Pure functions.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { SupportedContentType } from './types';
import type { SniffedImage } from '../domain/shop-photo-check';

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** Beyond this many pixels an image is refused before anything decodes it (decompression bombs). */
export const MAX_RECEIPT_PIXELS = 50_000_000;

export type FileCheck =
  | { ok: true; contentType: SupportedContentType; width?: number; height?: number }
  | { ok: false; code: 'UNSUPPORTED_FILE' | 'TOO_LARGE'; message: string };

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0) =>
  bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);

const JPEG = [0xff, 0xd8, 0xff] as const;
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] as const; // %PDF-

const UNSUPPORTED =
  "Ce fichier n'est pas accepté. Envoyez une photo de votre ticket (JPEG ou PNG) ou un PDF d'une seule page.";
const MULTI_PAGE =
  "Ce PDF contient plusieurs pages. Envoyez un seul ticket par envoi : une photo (JPEG ou PNG) ou un PDF d'une seule page.";
const NO_PAGE = "Ce PDF est illisible. Envoyez une photo de votre ticket (JPEG ou PNG) ou un PDF d'une seule page.";

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? String(mib) : mib.toFixed(1).replace('.', ',');
}

export function checkReceiptFile(bytes: Uint8Array, maxBytes: number = MAX_RECEIPT_BYTES): FileCheck {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      code: 'TOO_LARGE',
      message: `Ce fichier est trop volumineux : ${formatMiB(maxBytes)} Mo au maximum. Reprenez la photo en qualité normale ou recadrez-la sur le ticket.`,
    };
  }
  if (startsWith(bytes, JPEG) || startsWith(bytes, PNG)) {
    const contentType = startsWith(bytes, PNG) ? 'image/png' : 'image/jpeg';
    const size = contentType === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
    if (!size || size.width === 0 || size.height === 0) return { ok: false, code: 'UNSUPPORTED_FILE', message: UNSUPPORTED };
    if (size.width * size.height > MAX_RECEIPT_PIXELS) {
      return {
        ok: false,
        code: 'TOO_LARGE',
        message: `Cette image est trop grande (${size.width} x ${size.height} pixels). Reprenez la photo en qualité normale.`,
      };
    }
    return { ok: true, contentType, ...size };
  }
  if (pdfHeaderAt(bytes) >= 0) {
    const pages = countPdfPages(bytes);
    if (pages === 1) return { ok: true, contentType: 'application/pdf' };
    return { ok: false, code: 'UNSUPPORTED_FILE', message: pages > 1 ? MULTI_PAGE : NO_PAGE };
  }
  return { ok: false, code: 'UNSUPPORTED_FILE', message: UNSUPPORTED };
}

const RIFF = [0x52, 0x49, 0x46, 0x46] as const;
const WEBP = [0x57, 0x45, 0x42, 0x50] as const;

/**
 * What an image is by its first bytes, with its size in pixels read from its header (nothing is
 * decoded): for the shops' photos, which shared/domain/shop-photo.ts `checkShopPhoto` judges.
 * WebP is recognised (to tell the uploader) but not measured.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage {
  if (startsWith(bytes, PNG)) return { format: 'image/png', ...pngSize(bytes) };
  if (startsWith(bytes, JPEG)) return { format: 'image/jpeg', ...jpegSize(bytes) };
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return { format: 'image/webp' };
  return { format: 'other' };
}

/** Width and height from a PNG's IHDR chunk (always the first chunk). */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || latin1.decode(bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Width and height from a JPEG's start-of-frame segment, walking the marker segments. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(i + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    if (marker === 0xda || length < 2) return undefined; // image data before any frame header
    i += 2 + length;
  }
  return undefined;
}

/** `%PDF-` at the start, or within the first 1024 bytes as PDF readers tolerate. */
function pdfHeaderAt(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= limit; i++) if (startsWith(bytes, PDF, i)) return i;
  return -1;
}

const latin1 = new TextDecoder('latin1');
// `/Type /Page` but not `/Type /Pages`; PDF allows any whitespace (or none) between the names.
const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z0-9])/g;
const OBJECT_HEADER = /(\d+)\s+(\d+)\s+obj\b/g;

/**
 * Counts the page objects of a PDF: distinct objects holding `/Type /Page`, in the file body
 * and, for PDFs that keep their objects in compressed object streams, inside those streams.
 * An object rewritten by an incremental update counts once.
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = latin1.decode(bytes);
  const pages = new Set<string>();

  // Object headers in file order, to name the object each /Type /Page belongs to.
  const headers: Array<{ at: number; id: string }> = [];
  for (const m of text.matchAll(OBJECT_HEADER)) headers.push({ at: m.index!, id: `${m[1]} ${m[2]}` });
  const objectAt = (pos: number): string => {
    let lo = 0;
    let hi = headers.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (headers[mid]!.at <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 ? headers[found]!.id : `@${pos}`;
  };
  for (const m of text.matchAll(PAGE_OBJECT)) pages.add(objectAt(m.index!));

  // Object streams (PDF 1.5+): /Type /ObjStm with /FlateDecode.
  const streamRe = /\/Type\s*\/ObjStm\b[\s\S]*?stream\r?\n/g;
  for (const m of text.matchAll(streamRe)) {
    const dict = m[0];
    if (!/\/FlateDecode/.test(dict)) continue;
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    let inflated: string;
    try {
      inflated = latin1.decode(inflateSync(bytes.subarray(start, end), { maxOutputLength: 32 * 1024 * 1024 }));
    } catch {
      try {
        // Trailing EOL bytes before `endstream` can upset a strict inflate; retry without them.
        let e = end;
        while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
        inflated = latin1.decode(inflateSync(bytes.subarray(start, e), { maxOutputLength: 32 * 1024 * 1024 }));
      } catch {
        continue;
      }
    }
    // The stream starts with pairs "objNum offset"; name each /Type /Page by its object number.
    const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? NaN);
    const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? NaN);
    const index: Array<{ id: string; at: number }> = [];
    if (Number.isFinite(first) && Number.isFinite(n)) {
      const nums = inflated.slice(0, first).trim().split(/\s+/).map(Number);
      for (let k = 0; k + 1 < nums.length && k / 2 < n; k += 2) index.push({ id: `${nums[k]} 0`, at: first + nums[k + 1]! });
    }
    for (const pm of inflated.matchAll(PAGE_OBJECT)) {
      const owner = [...index].reverse().find((o) => o.at <= pm.index!);
      pages.add(owner ? owner.id : `objstm@${m.index}:${pm.index}`);
    }
  }
  return pages.size;
}

/** The SHA-256 of the bytes, lowercase hex: the receipt image's identity for duplicate detection. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
