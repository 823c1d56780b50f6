import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analysePage, type GreyImage, inkMask, paperBackground, textBands } from '../../../shared/ocr/preprocess';
import { receiptContent } from '../../fixtures/corpus/content';
import { receiptSvg } from '../../fixtures/corpus/render';

/** A receipt drawn clean (no degradation), as a grey image, optionally turned by `angle` degrees on a grey table. */
async function receipt(seed: number, angle = 0, opts: { mono?: boolean; side?: number } = {}): Promise<GreyImage> {
  let content = receiptContent({ seed });
  for (let s = seed + 1; opts.mono !== undefined && content.mono !== opts.mono; s++) content = receiptContent({ seed: s });
  const { svg } = receiptSvg(content, { font: content.mono ? 'DejaVu Sans Mono' : 'DejaVu Sans', inner: 800, ink: '#111', paper: '#fff' });
  let img = sharp(Buffer.from(svg)).greyscale();
  if (angle) img = sharp(await img.png().toBuffer()).rotate(angle, { background: '#6a6a6a' });
  const side = opts.side ?? 900;
  const { data, info } = await sharp(await img.png().toBuffer())
    .greyscale()
    .resize({ width: side, height: side, fit: 'inside' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('analysePage', () => {
  it('finds no skew and no quarter turn on an upright receipt, and measures its text', async () => {
    for (const seed of [1, 2, 3]) {
      const a = analysePage(await receipt(seed));
      expect(a.sideways).toBe(false);
      expect(Math.abs(a.skew)).toBeLessThanOrEqual(0.3);
      expect(a.textHeight).toBeGreaterThan(4);
      expect(a.linePitch).toBeGreaterThan(a.textHeight);
    }
  });

  it.each([-7, -3.5, -1.2, 2, 5.5, 8])('measures a skew of %s degrees', async (angle) => {
    const a = analysePage(await receipt(11, angle));
    expect(a.sideways).toBe(false);
    // Turning by `skew` clockwise undoes the tilt: it is the opposite of the angle applied.
    expect(a.skew).toBeCloseTo(-angle, 0);
    expect(Math.abs(a.skew + angle)).toBeLessThanOrEqual(0.5);
  });

  it('tells a sideways receipt (90 or 270 degrees) from an upright one, monospaced columns included', async () => {
    for (const seed of [4, 5, 6]) {
      for (const mono of [true, false]) {
        const upright = await receipt(seed, 0, { mono });
        expect(analysePage(upright).sideways).toBe(false);
        for (const angle of [90, 270]) {
          const a = analysePage(await receipt(seed, angle, { mono }));
          expect(a.sideways).toBe(true);
          expect(a.orientationRatio).toBeGreaterThan(2);
        }
      }
    }
  });

  it('does not take the edges of a skewed receipt on a dark table for text lines', async () => {
    for (const angle of [4.5, -6]) {
      const a = analysePage(await receipt(21, angle, { mono: true }));
      expect(a.sideways).toBe(false);
      expect(Math.abs(a.skew + angle)).toBeLessThanOrEqual(0.5);
    }
  });

  it('returns neutral figures for a blank page', () => {
    const blank: GreyImage = { data: new Uint8Array(200 * 300).fill(250), width: 200, height: 300 };
    expect(analysePage(blank)).toMatchObject({ skew: 0, sideways: false, textHeight: 0, inkPixels: 0 });
  });
});

describe('inkMask', () => {
  it('marks strokes but neither a dark table nor a gradient', () => {
    const w = 200;
    const h = 100;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Table on the left quarter, paper getting darker to the right, a 2-pixel stroke at x=120.
        data[y * w + x] = x < 50 ? 70 : 240 - x * 0.4;
        if (x >= 120 && x < 122 && y > 20 && y < 80) data[y * w + x] = 30;
      }
    }
    const mask = inkMask({ data, width: w, height: h });
    expect(mask[50 * w + 120]).toBe(1);
    expect(mask[50 * w + 10]).toBe(0); // table
    expect(mask[50 * w + 180]).toBe(0); // shaded paper
  });
});

describe('paperBackground', () => {
  it('follows the light of the paper, not the ink, and keeps a dark table dark', () => {
    const w = 300;
    const h = 200;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = x < 40 ? 60 : 250 - (y / h) * 120; // table, then paper lit from the top
        if (x > 80 && (x % 12 < 2 || y % 15 < 2)) v = 20; // a grid of strokes
        data[y * w + x] = v;
      }
    }
    const bg = paperBackground({ data, width: w, height: h }, 6);
    const at = (x: number, y: number) => bg.data[Math.floor(y / bg.factor) * bg.width + Math.floor(x / bg.factor)]!;
    expect(at(200, 20)).toBeGreaterThan(225); // bright paper at the top, strokes gone
    expect(at(200, 180)).toBeLessThan(160); // darker at the bottom
    expect(at(200, 180)).toBeGreaterThan(110);
    expect(at(10, 100)).toBeLessThan(100); // the table stays the table
  });
});

describe('textBands', () => {
  it('finds the rows of text, joins an accent to its line and drops thin rules', () => {
    const w = 100;
    const h = 120;
    const data = new Uint8Array(w * h).fill(255);
    const fill = (y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = 10; x < 90; x += 2) data[y * w + x] = 0;
    };
    fill(10, 12); // accent
    fill(14, 30); // line 1
    fill(50, 52); // a rule of dashes
    fill(70, 100); // a double-size line
    expect(textBands({ data, width: w, height: h }, 8, 4)).toEqual([
      [10, 30],
      [70, 100],
    ]);
  });
});
