import { describe, expect, it } from 'vitest';
import { checkReceiptFile, countPdfPages, MAX_RECEIPT_BYTES, sha256Hex } from '../../../shared/ocr/file-check';
import { buildPdf } from './pdf-builder';

const bytes = (...b: number[]) => new Uint8Array(b);
/** A JPEG header: SOI, an APP0 (JFIF) segment, then a baseline frame header of `width` x `height`. */
function jpegOf(width: number, height: number) {
  return bytes(
    0xff, 0xd8,
    0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  );
}
/** A PNG signature and IHDR chunk of `width` x `height`. */
function pngOf(width: number, height: number) {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}
const JPEG = jpegOf(800, 1200);
const PNG = pngOf(640, 1800);
const text = (s: string) => new TextEncoder().encode(s);

describe('checkReceiptFile', () => {
  it('accepts JPEG and PNG by their magic bytes', () => {
    expect(checkReceiptFile(JPEG)).toEqual({ ok: true, contentType: 'image/jpeg', width: 800, height: 1200 });
    expect(checkReceiptFile(PNG)).toEqual({ ok: true, contentType: 'image/png', width: 640, height: 1800 });
  });

  it('refuses images whose header announces more pixels than a receipt needs (decompression bombs)', () => {
    expect(checkReceiptFile(pngOf(20_000, 20_000))).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(checkReceiptFile(jpegOf(65_000, 65_000))).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(checkReceiptFile(jpegOf(8_000, 6_000)).ok).toBe(true);
  });

  it('refuses a JPEG or PNG whose header announces no size', () => {
    expect(checkReceiptFile(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46))).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
    expect(checkReceiptFile(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
    expect(checkReceiptFile(pngOf(0, 100))).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
  });

  it('reads the size of real images', async () => {
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp({ create: { width: 321, height: 654, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const png = await sharp({ create: { width: 123, height: 45, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(checkReceiptFile(new Uint8Array(jpeg))).toMatchObject({ ok: true, width: 321, height: 654 });
    expect(checkReceiptFile(new Uint8Array(png))).toMatchObject({ ok: true, width: 123, height: 45 });
  });

  it('accepts a single-page PDF, plain or with compressed streams', () => {
    expect(checkReceiptFile(buildPdf([['TOTAL 12,00']]))).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkReceiptFile(buildPdf([['TOTAL 12,00']], { compress: true })).ok).toBe(true);
    expect(checkReceiptFile(buildPdf([['TOTAL 12,00']], { objectStreams: true })).ok).toBe(true);
  });

  it('rejects a multi-page PDF, also when its pages hide in an object stream', () => {
    for (const pdf of [buildPdf([['a'], ['b']]), buildPdf([['a'], ['b'], ['c']], { objectStreams: true })]) {
      const check = checkReceiptFile(pdf);
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.code).toBe('UNSUPPORTED_FILE');
        expect(check.message).toMatch(/plusieurs pages/);
      }
    }
  });

  it('counts /Type /Page objects, not /Pages, with any spacing, once per object', () => {
    expect(countPdfPages(text('%PDF-1.4\n1 0 obj << /Type /Pages /Count 1 >> endobj 2 0 obj <</Type/Page>> endobj'))).toBe(1);
    // An incremental update rewrites object 2: still one page.
    expect(countPdfPages(text('%PDF-1.4\n2 0 obj << /Type /Page >> endobj\n2 0 obj << /Type  /Page /Rotate 90 >> endobj'))).toBe(1);
    expect(countPdfPages(text('%PDF-1.4\n1 0 obj << /Type /Pages >> endobj'))).toBe(0);
  });

  it('rejects a PDF without pages', () => {
    const check = checkReceiptFile(text('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj'));
    expect(check).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
  });

  it('rejects what is not JPEG, PNG or PDF, whatever its name', () => {
    for (const b of [
      new Uint8Array(0),
      bytes(0xff, 0xd8), // truncated JPEG magic
      text('GIF89a......'),
      text('RIFF....WEBPVP8 '),
      text('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes(0x50, 0x4b, 0x03, 0x04), // zip
      text('%PDX-1.4'),
    ]) {
      const check = checkReceiptFile(b);
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.code).toBe('UNSUPPORTED_FILE');
        expect(check.message).toMatch(/JPEG ou PNG/);
      }
    }
  });

  it('rejects files over the limit before looking at them', () => {
    const big = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    big.set(JPEG);
    const check = checkReceiptFile(big);
    expect(check).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    if (!check.ok) expect(check.message).toMatch(/10 Mo/);
    const atLimit = new Uint8Array(MAX_RECEIPT_BYTES);
    atLimit.set(JPEG);
    expect(checkReceiptFile(atLimit).ok).toBe(true);
    expect(checkReceiptFile(JPEG, 4)).toMatchObject({ ok: false, code: 'TOO_LARGE' });
  });
});

describe('sha256Hex', () => {
  it('hashes bytes to lowercase hex', () => {
    expect(sha256Hex(text('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
