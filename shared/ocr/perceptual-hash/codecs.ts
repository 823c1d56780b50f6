/**
 * The two decoders the ocr function needs, imported without their encoders (jpeg-js's and pngjs's
 * package entries bring the encoders too, about 20 KiB of the bundle that nothing here uses).
 * Same code as `jpeg.decode` and `PNG.sync.read`: the stored perceptual hashes do not change.
 */
// @ts-expect-error jpeg-js types only its package entry; lib/decoder.js is what `jpeg.decode` is.
import decodeJpegModule from 'jpeg-js/lib/decoder.js';
// @ts-expect-error pngjs types only its package entry; lib/parser-sync.js is what `PNG.sync.read` calls.
import readPngModule from 'pngjs/lib/parser-sync.js';
import type jpeg from 'jpeg-js';
import type { PNG } from 'pngjs';

export const decodeJpeg = decodeJpegModule as typeof jpeg.decode;
export const readPng = readPngModule as (buffer: Buffer, options: object) => ReturnType<typeof PNG.sync.read>;
