import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  hammingDistance,
  hashBands,
  jpegOrientation,
  NEAR_DUPLICATE_MAX_DISTANCE,
  PERCEPTUAL_HASH_BITS,
  type PerceptualHash,
  perceptualHash,
  perceptualHashTurns,
} from '../../../shared/ocr/perceptual-hash';
import { INDEXED_BANDS, lookAlikeIndexKeys, RECOMMENDED_BANDS } from '../../../shared/domain/fraud/photo-hash';
import { receiptContent, type ReceiptContent, type Row } from '../../fixtures/corpus/content';
import { COMMITTED_DIR } from '../../fixtures/corpus/generate';
import { renderContent } from '../../fixtures/corpus/render';
import { buildPdf } from './pdf-builder';

// Inputs are made with sharp (the module itself is pure JS). Figures of the hash on many more
// receipts and transforms: `node --import tsx test/bench/phash.ts`.
const RECEIPTS = fileURLToPath(new URL('../../fixtures/receipts/', import.meta.url));
const T = NEAR_DUPLICATE_MAX_DISTANCE;

const hashOf = (bytes: Uint8Array | Buffer): PerceptualHash => {
  const h = perceptualHash(new Uint8Array(bytes));
  if (!h) throw new Error('expected a hash');
  return h;
};
const distance = (a: PerceptualHash, b: PerceptualHash) => hammingDistance(a.hex, b.hex);
const ones = (hex: string) => hammingDistance(hex, '0'.repeat(hex.length));

let boulangerie: Buffer; // 704 x 858 JPEG, a photo-like till receipt
let original: PerceptualHash;
beforeAll(async () => {
  boulangerie = await readFile(join(RECEIPTS, 'boulangerie.jpg'));
  original = hashOf(boulangerie);
});

describe('perceptualHash', () => {
  it('gives 256 bits as 64 lowercase hex digits, half of them set, the same every time', () => {
    expect(original.bits).toBe(PERCEPTUAL_HASH_BITS);
    expect(original.hex).toMatch(/^[0-9a-f]{64}$/);
    expect(ones(original.hex)).toBe(128);
    expect(hashOf(boulangerie)).toEqual(original);
  });

  it('keeps re-encoded, resized, cropped, brightened and slightly turned copies within the threshold', async () => {
    const { width = 0, height = 0 } = await sharp(boulangerie).metadata();
    const crop = (l: number, t: number, r: number, b: number) => {
      const [left, top] = [Math.round(width * l), Math.round(height * t)];
      return sharp(boulangerie).extract({ left, top, width: width - left - Math.round(width * r), height: height - top - Math.round(height * b) });
    };
    const copies: Record<string, Promise<Buffer>> = {
      'JPEG q35': sharp(boulangerie).jpeg({ quality: 35 }).toBuffer(),
      'half size': sharp(boulangerie).resize({ width: Math.round(width / 2) }).jpeg({ quality: 85 }).toBuffer(),
      'borders cropped 3-5%': crop(0.05, 0.03, 0.03, 0.04).jpeg({ quality: 90 }).toBuffer(),
      brighter: sharp(boulangerie).modulate({ brightness: 1.25 }).jpeg().toBuffer(),
      'more contrast': sharp(boulangerie).linear(1.4, -60).jpeg().toBuffer(),
      'turned 2°': sharp(boulangerie).rotate(2, { background: '#f4f4f4' }).jpeg().toBuffer(),
      'photo of a screen': sharp(boulangerie).resize({ width: Math.round(width * 0.8) }).blur(1.3).modulate({ brightness: 0.9 }).tint({ r: 200, g: 220, b: 255 }).jpeg({ quality: 75 }).toBuffer(),
    };
    const distances: Record<string, number> = {};
    for (const [name, bytes] of Object.entries(copies)) distances[name] = distance(hashOf(await bytes), original);
    for (const d of Object.values(distances)) expect(d, JSON.stringify(distances)).toBeLessThanOrEqual(T);
  });

  it('puts different receipts well beyond the threshold', async () => {
    const committed = (await readdir(COMMITTED_DIR)).sort();
    const files = [
      ...['boulangerie.jpg', 'caviste.png', 'fromagerie-rotated.jpg', 'librairie.png', 'primeur.jpg'].map((f) => join(RECEIPTS, f)),
      // The first committed receipt of a few degradation kinds (the subset's names follow its seed).
      ...['noise', 'photo', 'clean', 'skew', 'lighting', 'blur'].map((kind) => join(COMMITTED_DIR, committed.find((f) => new RegExp(`^r\\d{3}-${kind}\\.(jpg|png)$`).test(f))!)),
    ];
    const hashes = await Promise.all(files.map(async (f) => hashOf(await readFile(f))));
    let closest = Infinity;
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) closest = Math.min(closest, distance(hashes[i]!, hashes[j]!));
    expect(closest).toBeGreaterThan(2 * T);
  });

  describe('another ticket of the same shop and till (same look, same header)', () => {
    const seed = 4242;
    const content = receiptContent({ seed });
    const headerEnd = content.rows.findIndex((r) => r.kind === 'rule' || r.kind === 'gap');
    const isItem = (r: Row, i: number): r is Extract<Row, { kind: 'cols' }> =>
      i > headerEnd && r.kind === 'cols' && /\d,\d\d/.test(r.cells[r.cells.length - 1]!) && !/TOTAL|TVA|PAYER|CB|ESP|RENDU|MONTANT/i.test(r.cells[0]!);
    const draw = async (c: ReceiptContent) => hashOf((await renderContent(c, { seed, degradation: 'clean' })).bytes);
    const digitsShifted = (s: string) => s.replace(/\d/g, (d) => String((Number(d) + 3) % 10));

    it('is told apart when its item lines differ', async () => {
      const items = content.rows.map((r, i) => (isItem(r, i) ? i : -1)).filter((i) => i >= 0);
      expect(items.length).toBeGreaterThanOrEqual(2);
      // Every other item dropped, the others bought twice.
      const rows = content.rows.flatMap((r, i) => (!items.includes(i) ? [r] : items.indexOf(i) % 2 ? [] : [r, r]));
      expect(distance(await draw({ ...content, rows }), await draw(content))).toBeGreaterThan(T);
    });

    it('is not told apart when only figures differ (a limit of any perceptual hash: compare the OCR fields)', async () => {
      const rows = content.rows.map((r, i): Row => {
        if (i <= headerEnd || /SIRET|SIREN|TVA|RCS|T[eé]l/i.test(JSON.stringify(r))) return r;
        if (r.kind === 'text') return { ...r, text: digitsShifted(r.text) };
        if (r.kind === 'cols') return { ...r, cells: r.cells.map(digitsShifted) };
        return r;
      });
      expect(distance(await draw({ ...content, rows }), await draw(content))).toBeLessThanOrEqual(T);
    });
  });

  it('hashes a PNG and a JPEG of the same pixels alike', async () => {
    const caviste = await readFile(join(RECEIPTS, 'caviste.png')); // 4-bit palette PNG
    expect(distance(hashOf(await sharp(caviste).jpeg({ quality: 90 }).toBuffer()), hashOf(caviste))).toBeLessThanOrEqual(6);
    expect(distance(hashOf(await sharp(boulangerie).png().toBuffer()), original)).toBeLessThanOrEqual(4);
    // Grey JPEG (one component), 16-bit PNG; a transparent margin reads as white paper.
    expect(distance(hashOf(await sharp(boulangerie).greyscale().jpeg({ quality: 92 }).toBuffer()), original)).toBeLessThanOrEqual(6);
    expect(distance(hashOf(await sharp(boulangerie).png().toColourspace('rgb16').toBuffer()), original)).toBeLessThanOrEqual(4);
    const margin = { top: 40, bottom: 40, left: 40, right: 40 };
    const transparent = await sharp(boulangerie).ensureAlpha().extend({ ...margin, background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
    const white = await sharp(boulangerie).extend({ ...margin, background: '#ffffff' }).png().toBuffer();
    expect(distance(hashOf(transparent), hashOf(white))).toBeLessThanOrEqual(2);
  });
});

describe('EXIF orientation', () => {
  it('hashes a phone photo stored sideways and tagged 6 like the same photo with its pixels turned', async () => {
    const sideways = await sharp(await sharp(boulangerie).rotate(270).png().toBuffer()).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    expect(jpegOrientation(new Uint8Array(sideways))).toBe(6);
    const upright = await sharp(boulangerie).jpeg({ quality: 92 }).toBuffer();
    expect(distance(hashOf(sideways), hashOf(upright))).toBeLessThanOrEqual(8);
    // Without the tag, the same stored pixels are a different picture.
    const untagged = await sharp(await sharp(boulangerie).rotate(270).png().toBuffer()).jpeg({ quality: 92 }).toBuffer();
    expect(distance(hashOf(untagged), hashOf(upright))).toBeGreaterThan(T);
  });

  it('applies each of the 8 orientations as libvips does', async () => {
    const untagged = hashOf(await sharp(boulangerie).jpeg({ quality: 92 }).toBuffer());
    for (let orientation = 1; orientation <= 8; orientation++) {
      const tagged = await sharp(boulangerie).withMetadata({ orientation }).jpeg({ quality: 92 }).toBuffer();
      expect(jpegOrientation(new Uint8Array(tagged))).toBe(orientation);
      const shown = await sharp(tagged).rotate().png().toBuffer(); // libvips applies the tag
      const h = hashOf(tagged);
      expect(distance(h, hashOf(shown)), `orientation ${orientation}`).toBeLessThanOrEqual(6);
      if (orientation > 1) expect(distance(h, untagged), `orientation ${orientation}`).toBeGreaterThan(T);
    }
  });

  it('reads the orientation from little- and big-endian EXIF, and 1 without', () => {
    const jpegWithExif = (tiff: number[]) => {
      const exif = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
      const len = exif.length + 2;
      return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, len >> 8, len & 0xff, ...exif, 0xff, 0xda, 0, 2]);
    };
    // Header, IFD0 at 8 with one entry: tag 0x0112, type SHORT, count 1, value.
    const le = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
    const be = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0];
    expect(jpegOrientation(jpegWithExif(le))).toBe(8);
    expect(jpegOrientation(jpegWithExif(be))).toBe(3);
    expect(jpegOrientation(jpegWithExif(le.map((b, i) => (i === 18 ? 9 : b))))).toBe(1); // out of range
    expect(jpegOrientation(jpegWithExif(le.slice(0, 12)))).toBe(1); // cut short
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(1);
    expect(jpegOrientation(new Uint8Array([1, 2, 3]))).toBe(1);
  });
});

describe('perceptualHashTurns', () => {
  it('finds a copy turned a quarter without EXIF, and starts with perceptualHash', async () => {
    const turned = await sharp(boulangerie).rotate(90).jpeg({ quality: 92 }).toBuffer();
    const turns = perceptualHashTurns(new Uint8Array(turned))!;
    expect(turns).toHaveLength(4);
    expect(turns[0]).toEqual(hashOf(turned));
    expect(distance(turns[0]!, original)).toBeGreaterThan(T);
    // Turned a further 270° clockwise, the copy is upright again.
    expect(distance(turns[3]!, original)).toBeLessThanOrEqual(8);
    expect(Math.min(...turns.map((t) => distance(t, original)))).toBe(distance(turns[3]!, original));
    expect(perceptualHashTurns(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('what cannot be hashed', () => {
  it('gives undefined, never an exception, for anything but a readable JPEG or PNG with print on it', async () => {
    const png = await sharp(boulangerie).png().toBuffer();
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    const bigPng = Uint8Array.from(png.subarray(0, 64));
    new DataView(bigPng.buffer).setUint32(16, 60_000);
    new DataView(bigPng.buffer).setUint32(20, 60_000);
    const bigJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 0x11, 8, 0xea, 0x60, 0xea, 0x60, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    const inputs: Record<string, Uint8Array | Buffer> = {
      empty: new Uint8Array(0),
      random,
      pdf: buildPdf([['TOTAL 12,00']]),
      webp: await sharp(boulangerie).webp().toBuffer(),
      'JPEG cut in half': boulangerie.subarray(0, boulangerie.length >> 1),
      'JPEG magic then noise': new Uint8Array([0xff, 0xd8, 0xff, ...random]),
      'PNG cut in half': png.subarray(0, png.length >> 1),
      'PNG header only': png.subarray(0, 33),
      'PNG of 3.6 gigapixels': bigPng,
      'JPEG of 3.6 gigapixels': bigJpeg,
      'blank page': await sharp({ create: { width: 600, height: 900, channels: 3, background: '#f8f8f4' } }).jpeg().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(inputs)) {
      expect(() => perceptualHash(bytes), name).not.toThrow();
      expect(perceptualHash(bytes), name).toBeUndefined();
    }
  });
});

describe('hammingDistance', () => {
  it('counts differing bits of two hex strings', () => {
    expect(hammingDistance('00', '00')).toBe(0);
    expect(hammingDistance('ff', '00')).toBe(8);
    expect(hammingDistance('f0', '0f')).toBe(8);
    expect(hammingDistance('8421', '0000')).toBe(4);
    expect(hammingDistance('ABCDEF', 'abcdef')).toBe(0);
    expect(hammingDistance(original.hex, original.hex)).toBe(0);
  });

  it('is symmetric and a metric on random hashes', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
    fc.assert(
      fc.property(hex, hex, hex, (a, b, c) => {
        const ab = hammingDistance(a, b);
        expect(ab).toBe(hammingDistance(b, a));
        expect(ab).toBeLessThanOrEqual(256);
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(ab + hammingDistance(b, c));
      }),
    );
  });

  it('refuses hashes of different lengths or with non-hex digits', () => {
    expect(() => hammingDistance('abc', 'ab')).toThrow(RangeError);
    expect(() => hammingDistance('zz', '00')).toThrow(RangeError);
  });
});

describe('hashBands', () => {
  /** The hex hash with these bit positions (0 = the first hex digit's high bit) flipped. */
  const flip = (hex: string, bits: number[]) => {
    const nibbles = [...hex].map((c) => parseInt(c, 16));
    for (const b of bits) nibbles[b >> 2]! ^= 8 >> (b & 3);
    return nibbles.map((n) => n.toString(16)).join('');
  };

  it('cuts the hex into keyed chunks that put it back together', () => {
    const keys = hashBands(original.hex, 16);
    expect(keys).toHaveLength(16);
    keys.forEach((k, i) => expect(k).toMatch(new RegExp(`^${i}:[0-9a-f]{4}$`)));
    expect(keys.map((k) => k.split(':')[1]).join('')).toBe(original.hex);
    // Uneven cuts are allowed: 64 digits in 5 bands of 12 or 13.
    const five = hashBands(original.hex, 5);
    expect(five.map((k) => k.split(':')[1]).join('')).toBe(original.hex);
    expect(five.map((k) => k.split(':')[1]!.length).sort()).toEqual([12, 13, 13, 13, 13]);
    expect(hashBands('ABCD', 2)).toEqual(['0:ab', '1:cd']);
    for (const bad of [0, -1, 65, 2.5]) expect(() => hashBands(original.hex, bad)).toThrow(RangeError);
  });

  it('shares a band between any two hashes that differ in fewer bits than there are bands (pigeonhole)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
        fc.constantFrom(4, 8, 16, 32),
        fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 31 }),
        (hex, bands, bits) => {
          fc.pre(bits.length < bands);
          const other = flip(hex, bits);
          expect(hammingDistance(hex, other)).toBe(bits.length);
          const mine = new Set(hashBands(hex, bands));
          expect(hashBands(other, bands).some((k) => mine.has(k))).toBe(true);
        },
      ),
    );
    // As many differing bits as bands, one in each band: no band in common.
    const one = flip(original.hex, Array.from({ length: 16 }, (_, i) => i * 16));
    const mine = new Set(hashBands(original.hex, 16));
    expect(hashBands(one, 16).some((k) => mine.has(k))).toBe(false);
  });

  it('the look-alike index keeps the first 14 of the 16 bands: the same keys, exhaustive up to 13 bits', () => {
    expect(INDEXED_BANDS).toBe(14);
    expect(lookAlikeIndexKeys(original.hex)).toEqual(hashBands(original.hex, RECOMMENDED_BANDS).slice(0, 14));
    // Any setting keeps keys of the same family: a photo indexed with 16 bands is found with 14 and the other way round.
    expect(lookAlikeIndexKeys(original.hex, 16)).toEqual(hashBands(original.hex, 16));
    expect(lookAlikeIndexKeys(original.hex, 16)).toEqual(expect.arrayContaining(lookAlikeIndexKeys(original.hex, 10)));
    for (const bad of [0, 17, 2.5]) expect(() => lookAlikeIndexKeys(original.hex, bad)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: INDEXED_BANDS - 1 }), (bits) => {
        const mine = new Set(lookAlikeIndexKeys(original.hex));
        expect(lookAlikeIndexKeys(flip(original.hex, bits)).some((k) => mine.has(k))).toBe(true);
      }),
    );
    // One differing bit in each kept band: none in common, whatever the two dropped bands hold.
    const apart = flip(original.hex, Array.from({ length: INDEXED_BANDS }, (_, i) => i * 16));
    const mine = new Set(lookAlikeIndexKeys(original.hex));
    expect(lookAlikeIndexKeys(apart).some((k) => mine.has(k))).toBe(false);
  });
});
