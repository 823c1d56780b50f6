/**
 * Shop photos for the tests (issue #20): a JPEG as a phone writes it, with an EXIF block holding
 * the camera, its orientation and a GPS position, and the tools to read a JPEG's segments and EXIF
 * tags back, so that a test can prove what a rendition no longer carries.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** Where the demo town is: the position a shop owner's phone writes into the photo. */
export const GPS = { lat: [47, 17, 36.6], lon: [0, 42, 9] } as const;
export const CAMERA_MAKE = 'CabasPhone';

/** Pixels that show something (a gradient with bands), RGBA. */
export function pixels(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      data[p] = Math.round((255 * x) / width);
      data[p + 1] = Math.round((255 * y) / height);
      data[p + 2] = (Math.floor(x / 40) + Math.floor(y / 40)) % 2 === 0 ? 200 : 40;
      data[p + 3] = 255;
    }
  }
  return data;
}

/** A TIFF (big-endian) with IFD0 (orientation, make, GPS pointer) and a GPS IFD (latitude, longitude). */
function exifTiff(orientation: number): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number) => out.push((v >> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => out.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  const make = [...Buffer.from(`${CAMERA_MAKE}\0`, 'latin1')];
  // Layout: header (8) | IFD0: 2 + 3*12 + 4 = 42 at 8 | GPS IFD: 2 + 4*12 + 4 = 54 at 50 | make at 104 | lat at 104+make | lon after.
  const ifd0 = 8;
  const gps = ifd0 + 42;
  const makeAt = gps + 54;
  const latAt = makeAt + make.length;
  const lonAt = latAt + 24;
  out.push(0x4d, 0x4d);
  u16(42);
  u32(ifd0);
  u16(3);
  u16(0x010f), u16(2), u32(make.length), u32(makeAt); // Make, ASCII
  u16(0x0112), u16(3), u32(1), u16(orientation), u16(0); // Orientation, SHORT
  u16(0x8825), u16(4), u32(1), u32(gps); // GPSInfo IFD pointer, LONG
  u32(0);
  u16(4);
  u16(0x0001), u16(2), u32(2), out.push(0x4e, 0, 0, 0); // GPSLatitudeRef "N"
  u16(0x0002), u16(5), u32(3), u32(latAt); // GPSLatitude, 3 RATIONAL
  u16(0x0003), u16(2), u32(2), out.push(0x45, 0, 0, 0); // GPSLongitudeRef "E"
  u16(0x0004), u16(5), u32(3), u32(lonAt); // GPSLongitude
  u32(0);
  out.push(...make);
  for (const v of [...GPS.lat, ...GPS.lon]) {
    u32(Math.round(v * 100));
    u32(100);
  }
  return Uint8Array.from(out);
}

/** A JPEG of `width` x `height` stored pixels, with an APP1 Exif block (GPS position, camera, orientation) right after SOI. */
export function jpegWithGps(width: number, height: number, orientation = 1): Uint8Array {
  const plain = jpeg.encode({ width, height, data: pixels(width, height) }, 90).data;
  const tiff = exifTiff(orientation);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff]), payload]);
  return new Uint8Array(Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]));
}

/** A PNG with a transparent half. */
export function pngWithAlpha(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  const data = pixels(width, height);
  for (let i = 0; i < width * height; i++) if (i % width < width / 2) data[i * 4 + 3] = 0;
  png.data = Buffer.from(data);
  return new Uint8Array(PNG.sync.write(png));
}

/** The markers of a JPEG's segments, up to its start of scan (0xE0 APP0, 0xE1 APP1/EXIF, 0xDB DQT...). */
export function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return markers;
}

/** The tag ids of IFD0 of a JPEG's EXIF block (empty without one): 0x8825 is the GPS position's pointer. */
export function exifTags(bytes: Uint8Array): number[] {
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker === 0xda) break;
    if (marker === 0xe1 && Buffer.from(bytes.subarray(i + 4, i + 10)).toString('latin1') === 'Exif\0\0') {
      const tiff = Buffer.from(bytes.subarray(i + 10, i + 2 + length));
      const little = tiff.toString('latin1', 0, 2) === 'II';
      const r16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
      const r32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
      const ifd = r32(4);
      return Array.from({ length: r16(ifd) }, (_, k) => r16(ifd + 2 + k * 12));
    }
    i += 2 + length;
  }
  return [];
}

/** True when the bytes hold this text anywhere (a camera name, "Exif", "GPS"...). */
export const carries = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
