import type { OcrEngine, OcrResult } from '../../shared/ocr/types';

/** An OCR engine that "reads" the text written in a fake image: lines after a PNG signature. */
export class ScriptedEngine implements OcrEngine {
  readonly name = 'scripted';
  calls = 0;
  async read(bytes: Uint8Array): Promise<OcrResult> {
    this.calls++;
    const text = Buffer.from(bytes.subarray(PNG.length)).toString('utf8');
    return { engine: this.name, hints: [], lines: text.split('\n').map((t) => ({ text: t, confidence: 0.95 })) };
  }
}

/** A PNG signature and IHDR chunk (800 x 1200 pixels): enough for the intake checks. */
export const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
  0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x03, 0x20, 0x00, 0x00, 0x04, 0xb0, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);
export function fakeImage(lines: string[]): Uint8Array {
  return new Uint8Array(Buffer.concat([PNG, Buffer.from(lines.join('\n'))]));
}

export function receiptLines(opts: { sign: string; siret?: string; date: string; time?: string; total: string; items?: string[]; ticket?: string; street?: string; postcode?: string }) {
  return [
    opts.sign,
    opts.street ?? '12 rue de la République',
    `${opts.postcode ?? '37410'} MONTCLAIR-SUR-LOIRE`,
    'Tél. 02 47 12 34 56',
    ...(opts.siret ? [`SIRET ${opts.siret}`] : []),
    `Le ${opts.date}${opts.time ? ` à ${opts.time}` : ''}`,
    ...(opts.ticket ? [`Ticket N° ${opts.ticket}`] : []),
    ...(opts.items ?? ['BAGUETTE TRADITION        1,30', 'CROISSANT X4              4,80']),
    `TOTAL TTC             ${opts.total} EUR`,
    'CB SANS CONTACT',
  ];
}

