/**
 * Builds small PDFs for the tests: N pages of text lines, with plain or Flate-compressed content
 * streams, page objects in the body or in a compressed object stream (PDF 1.5), or pages that
 * hold only an image (a scan, no text layer).
 */
import { deflateSync } from 'node:zlib';

export interface PdfOptions {
  compress?: boolean;
  objectStreams?: boolean;
  /** Pages without text: an image XObject only. */
  scanned?: boolean;
}

/** A PDF literal string in WinAnsi: escapes, and the euro sign as its WinAnsi code (octal 200). */
const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)').replace(/€/g, '\\200');

export function buildPdf(pages: string[][], options: PdfOptions = {}): Uint8Array {
  const objects: Array<string | Buffer> = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length; // object number
  };
  const stream = (dict: string, data: Buffer, compress: boolean) => {
    const payload = compress ? deflateSync(data) : data;
    return Buffer.concat([
      Buffer.from(`<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${payload.length} >>\nstream\n`, 'latin1'),
      payload,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  };

  const catalog = add(''); // filled below
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const image = options.scanned
    ? add(stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.from([0, 255, 255, 0]), false))
    : 0;
  const pageDicts: string[] = [];
  const pageNumbers: number[] = [];
  for (const lines of pages) {
    const content = options.scanned
      ? 'q 200 0 0 300 0 0 cm /Im1 Do Q'
      : `BT /F1 10 Tf 12 TL 20 800 Td ${lines.map((l, i) => `${i ? 'T* ' : ''}(${esc(l)}) Tj`).join(' ')} ET`;
    const contents = add(stream('', Buffer.from(content, 'latin1'), Boolean(options.compress)));
    const resources = options.scanned ? `/XObject << /Im1 ${image} 0 R >>` : `/Font << /F1 ${font} 0 R >>`;
    const dict = `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 300 842] /Resources << ${resources} >> /Contents ${contents} 0 R >>`;
    if (options.objectStreams) {
      pageNumbers.push(add('')); // placeholder number, the object lives in the object stream
      pageDicts.push(dict);
    } else {
      pageNumbers.push(add(dict));
    }
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageNumbers.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages.length} >>`;

  let objStm = 0;
  if (options.objectStreams) {
    let offsets = '';
    let bodies = '';
    for (const [k, dict] of pageDicts.entries()) {
      offsets += `${pageNumbers[k]} ${bodies.length} `;
      bodies += `${dict}\n`;
    }
    const data = Buffer.from(offsets + bodies, 'latin1');
    objStm = add(stream(`/Type /ObjStm /N ${pageDicts.length} /First ${offsets.length}`, data, true));
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const xref: number[] = [];
  for (const [k, body] of objects.entries()) {
    const num = k + 1;
    if (options.objectStreams && pageNumbers.includes(num)) {
      xref.push(-1);
      continue;
    }
    const obj = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    xref.push(offset);
    chunks.push(obj);
    offset += obj.length;
  }
  const xrefStart = offset;
  let table = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of xref) table += o < 0 ? `${String(objStm).padStart(10, '0')} 00000 n \n` : `${String(o).padStart(10, '0')} 00000 n \n`;
  table += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xrefStart}\n%%EOF\n`;
  chunks.push(Buffer.from(table, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
