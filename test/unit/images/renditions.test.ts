import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkShopPhoto } from '../../../shared/domain/shop-photo-check';
import { renderShopPhoto, shrink, upright, UnreadableImageError } from '../../../shared/images/renditions';
import { sniffImage } from '../../../shared/ocr/file-check';
import { CAMERA_MAKE, carries, exifTags, jpegMarkers, jpegWithGps, pngWithAlpha } from '../../support/photos';

/** Issue #20: a shop photo's renditions keep its pixels and nothing else. */
describe('renditions of a shop photo', () => {
  it('drop the EXIF block of a phone photo: its GPS position, its camera, every APP1 segment', () => {
    const original = jpegWithGps(1600, 1000);
    // The original does carry a GPS position (else this test would prove nothing).
    expect(exifTags(original)).toContain(0x8825);
    expect(jpegMarkers(original)).toContain(0xe1);
    expect(carries(original, CAMERA_MAKE)).toBe(true);

    const renditions = renderShopPhoto(original, 'image/jpeg');
    expect(renditions.map((r) => [r.width, r.height])).toEqual([
      [480, 300],
      [1200, 750],
    ]);
    for (const r of renditions) {
      expect(exifTags(r.bytes)).toEqual([]);
      // Only JFIF, quantisation and Huffman tables, the frame and the scan: no APPn but APP0, no comment.
      expect(new Set(jpegMarkers(r.bytes))).toEqual(new Set([0xe0, 0xdb, 0xc0, 0xc4, 0xda]));
      for (const text of ['Exif', CAMERA_MAKE, 'GPS']) expect(carries(r.bytes, text), text).toBe(false);
      // And it is a picture of the original, sized as said.
      const decoded = jpeg.decode(r.bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([r.width, r.height]);
    }
  });

  it('turn a photo upright by its EXIF orientation before the orientation is dropped', () => {
    // Stored 1000 wide and 1600 high, shown turned a quarter clockwise (orientation 6): 1600 x 1000 upright.
    const turned = renderShopPhoto(jpegWithGps(1000, 1600, 6), 'image/jpeg');
    expect(turned.map((r) => [r.width, r.height])).toEqual([
      [480, 300],
      [1200, 750],
    ]);
    // The top-left pixel upright is the stored bottom-left one (red 0, green high).
    const top = jpeg.decode(turned[0]!.bytes, { useTArray: true });
    expect(top.data[1]!).toBeGreaterThan(200);
    expect(top.data[0]!).toBeLessThan(40);
  });

  it('never enlarge: a photo narrower than 1200 px gets its own width as its largest rendition', () => {
    expect(renderShopPhoto(jpegWithGps(800, 600), 'image/jpeg').map((r) => r.width)).toEqual([480, 800]);
    expect(renderShopPhoto(jpegWithGps(300, 300), 'image/jpeg').map((r) => r.width)).toEqual([300]);
  });

  it('lay a PNG’s transparency over white and encode it as JPEG', () => {
    const [small] = renderShopPhoto(pngWithAlpha(960, 600), 'image/png');
    const d = jpeg.decode(small!.bytes, { useTArray: true });
    expect([d.width, d.height]).toEqual([480, 300]);
    // Left half transparent: white.
    expect(Math.min(d.data[0]!, d.data[1]!, d.data[2]!)).toBeGreaterThan(240);
  });

  it('refuse bytes that do not decode', () => {
    const original = jpegWithGps(800, 600);
    expect(() => renderShopPhoto(original.subarray(0, 700), 'image/jpeg')).toThrow(UnreadableImageError);
    expect(() => renderShopPhoto(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'image/png')).toThrow(UnreadableImageError);
  });

  it('shrink by averaging each cell and turn each of the 8 orientations', () => {
    const img = { width: 4, height: 2, data: new Uint8Array([10, 0, 0, 255, 30, 0, 0, 255, 50, 0, 0, 255, 70, 0, 0, 255, 90, 0, 0, 255, 110, 0, 0, 255, 130, 0, 0, 255, 150, 0, 0, 255]) };
    const half = shrink(img, 2, 1);
    expect([half.data[0], half.data[4]]).toEqual([60, 100]);
    expect(upright(img, 1)).toBe(img);
    for (const o of [5, 6, 7, 8]) expect([upright(img, o).width, upright(img, o).height]).toEqual([2, 4]);
    expect(upright(img, 3).data[0]).toBe(150); // upside down: last pixel first
    expect(upright(img, 2).data[0]).toBe(70); // mirrored
    expect(upright(img, 6).data[0]).toBe(90); // a quarter clockwise: the bottom-left pixel on top
  });
});

describe('the check of an uploaded shop photo (by its bytes)', () => {
  it('accepts JPEG and PNG by their first bytes, whatever they were announced as', () => {
    expect(checkShopPhoto(sniffImage(jpegWithGps(800, 600)), 5000)).toEqual({ ok: true, width: 800, height: 600 });
    expect(checkShopPhoto(sniffImage(pngWithAlpha(400, 300)), 5000)).toEqual({ ok: true, width: 400, height: 300 });
  });

  it('refuses WebP, GIF, PDF and anything else as UNSUPPORTED_FILE', () => {
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect(sniffImage(webp).format).toBe('image/webp');
    for (const bytes of [webp, Buffer.from('GIF89a....'), Buffer.from('%PDF-1.7\n'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')]) {
      expect(checkShopPhoto(sniffImage(bytes), bytes.length)).toMatchObject({ ok: false, code: 'UNSUPPORTED_FILE' });
    }
  });

  it('refuses more than 8 MB or 40 megapixels as TOO_LARGE, less than 200 px a side as TOO_SMALL', () => {
    expect(checkShopPhoto({ format: 'image/jpeg', width: 800, height: 600 }, 8 * 1024 * 1024 + 1)).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(checkShopPhoto({ format: 'image/jpeg', width: 8001, height: 5000 }, 1000)).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(checkShopPhoto({ format: 'image/png', width: 8000, height: 5000 }, 1000)).toMatchObject({ ok: true });
    expect(checkShopPhoto({ format: 'image/png', width: 1000, height: 199 }, 1000)).toMatchObject({ ok: false, code: 'TOO_SMALL' });
    // A JPEG whose frame header cannot be found.
    expect(checkShopPhoto(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0, 0, 0, 0, 0, 0])), 12)).toMatchObject({ ok: false, code: 'UNREADABLE' });
  });
});
