/**
 * Prepares a receipt for upload in the browser: checks its type and size, and shrinks a large
 * photo (longest side at most MAX_SIDE pixels, JPEG at JPEG_QUALITY) so that a phone's 4,000-pixel
 * photo of a few megabytes goes up as a few hundred kilobytes. `npm run bench:shrink` measures
 * what this does to the reading (this very function, run in Chromium on the synthetic corpus).
 */

/** What the API takes (POST /v1/receipts): JPEG, PNG or a PDF, at most 10 MB. */
export const ACCEPTED = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_SIDE = 2000;
export const JPEG_QUALITY = 0.85;

export interface Prepared {
  blob: Blob;
  contentType: (typeof ACCEPTED)[number];
  /** The chosen file's size, and whether it was shrunk (re-encoded). */
  originalBytes: number;
  shrunk: boolean;
  width?: number;
  height?: number;
}

export class FileRefused extends Error {
  override readonly name = 'FileRefused';
}

/** Draws an image into a canvas whose longest side is at most `maxSide`, as a JPEG. */
export async function shrinkImage(file: Blob, maxSide = MAX_SIDE, quality = JPEG_QUALITY): Promise<{ blob: Blob; width: number; height: number }> {
  // The photo's EXIF orientation is applied, so that the upright image is what goes up.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new FileRefused('Ce navigateur ne sait pas préparer la photo.');
  // White under a transparent PNG (JPEG has no transparency); high-quality resampling.
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new FileRefused('La photo n’a pas pu être préparée.');
  return { blob, width, height };
}

async function sizeOf(file: Blob): Promise<{ width: number; height: number } | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

/**
 * A chosen file, ready to go: a PDF as it is (at most 10 MB); a JPEG or PNG as it is when its
 * longest side is at most 2,000 pixels, shrunk otherwise; any other image the browser can read
 * (HEIC on an iPhone, WebP) turned into a JPEG. Throws FileRefused with a French message.
 */
export async function prepareReceipt(file: File): Promise<Prepared> {
  const type = file.type.toLowerCase();
  if (file.size === 0) throw new FileRefused('Ce fichier est vide.');
  if (type === 'application/pdf') {
    if (file.size > MAX_BYTES) throw new FileRefused(`Ce PDF pèse ${megabytes(file.size)} : 10 Mo au plus.`);
    return { blob: file, contentType: 'application/pdf', originalBytes: file.size, shrunk: false };
  }
  if (!type.startsWith('image/')) throw new FileRefused('Ce fichier n’est ni une photo ni un PDF : choisissez une photo du ticket (JPEG, PNG) ou son PDF.');
  const size = await sizeOf(file);
  if (!size) throw new FileRefused('Cette image ne peut pas être lue : reprenez la photo ou choisissez-en une autre (JPEG ou PNG).');
  const keep = (type === 'image/jpeg' || type === 'image/png') && Math.max(size.width, size.height) <= MAX_SIDE && file.size <= MAX_BYTES;
  if (keep) return { blob: file, contentType: type as 'image/jpeg' | 'image/png', originalBytes: file.size, shrunk: false, ...size };
  const shrunk = await shrinkImage(file);
  if (shrunk.blob.size > MAX_BYTES) throw new FileRefused(`Même réduite, la photo pèse ${megabytes(shrunk.blob.size)} : 10 Mo au plus.`);
  return { blob: shrunk.blob, contentType: 'image/jpeg', originalBytes: file.size, shrunk: true, width: shrunk.width, height: shrunk.height };
}

/** 1536000 -> "1,5 Mo"; 48000 -> "47 ko". */
export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
