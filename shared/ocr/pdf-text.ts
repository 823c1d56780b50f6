/**
 * A small, dependency-free reader of a PDF's text layer, enough for the receipts that shops and
 * e-ticket services send as PDFs generated from text (not scans). It inflates the page content
 * streams (FlateDecode or none), follows the text operators (Tj, TJ, ', ", Td, TD, T*, Tm) and
 * groups the strings into lines by their baseline. Strings are decoded as PDFDoc/WinAnsi bytes;
 * fonts with two-byte codes (Identity-H) and no simple mapping yield no text, and the caller
 * treats the PDF as unreadable. A full PDF library (pdfjs-dist) would do better; see the report.
 */
import { inflateSync } from 'node:zlib';

const latin1 = new TextDecoder('latin1');

/** WinAnsi differs from Latin-1 in 0x80..0x9f; the ones that matter on receipts. */
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x8c: 'Œ',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
};

function decodeBytes(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += WIN_ANSI[b] ?? String.fromCharCode(b);
  return out;
}

interface Stream {
  dict: string;
  data: Uint8Array;
}

function* streamsOf(pdf: Uint8Array): Generator<Stream> {
  const text = latin1.decode(pdf);
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dictStart = text.lastIndexOf('<<', m.index);
    const dict = dictStart >= 0 ? text.slice(dictStart, m.index) : '';
    let dataEnd = end;
    while (dataEnd > start && (text[dataEnd - 1] === '\n' || text[dataEnd - 1] === '\r')) dataEnd--;
    yield { dict, data: pdf.subarray(start, dataEnd) };
    re.lastIndex = end + 9;
  }
}

function contentOf(stream: Stream): string | undefined {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(stream.dict)?.[1];
  if (/\/Subtype\s*\/Image|\/Type\s*\/(XRef|ObjStm|XObject)/.test(stream.dict)) return undefined;
  let data = stream.data;
  if (filter) {
    const filters = filter.match(/\/\w+/g) ?? [];
    if (filters.length !== 1 || filters[0] !== '/FlateDecode') return undefined;
    try {
      data = inflateSync(data, { maxOutputLength: 16 * 1024 * 1024 });
    } catch {
      return undefined;
    }
  }
  const content = latin1.decode(data);
  return /\bBT\b/.test(content) && /\bET\b/.test(content) ? content : undefined;
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: number[] }
  | { t: 'op'; v: string }
  | { t: 'arr'; v: Token[] }
  | { t: 'name'; v: string };

function tokenize(s: string): Token[] {
  const stack: Token[][] = [[]];
  const push = (tok: Token) => stack[stack.length - 1]!.push(tok);
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < s.length && depth > 0) {
        const ch = s[i]!;
        if (ch === '\\') {
          const n = s[i + 1] ?? '';
          const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
          if (n in esc) {
            bytes.push(esc[n]!);
            i += 2;
          } else if (/[0-7]/.test(n)) {
            const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))![0];
            bytes.push(parseInt(oct, 8) & 0xff);
            i += 1 + oct.length;
          } else {
            i += 2; // line continuation or unknown escape
          }
          continue;
        }
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (depth > 0) bytes.push(ch.charCodeAt(0) & 0xff);
        i++;
      }
      push({ t: 'str', v: bytes });
    } else if (c === '<' && s[i + 1] === '<') {
      // inline dictionary (marked content properties): skip it
      const end = s.indexOf('>>', i);
      i = end < 0 ? s.length : end + 2;
    } else if (c === '<') {
      const end = s.indexOf('>', i);
      const hex = s.slice(i + 1, end < 0 ? s.length : end).replace(/\s+/g, '');
      const bytes: number[] = [];
      for (let k = 0; k < hex.length; k += 2) bytes.push(parseInt(hex.slice(k, k + 2).padEnd(2, '0'), 16));
      push({ t: 'str', v: bytes });
      i = end < 0 ? s.length : end + 1;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const arr = stack.length > 1 ? stack.pop()! : [];
      push({ t: 'arr', v: arr });
      i++;
    } else if (c === '/') {
      const m = /^\/[^\s/[\]()<>{}%]*/.exec(s.slice(i, i + 128))![0];
      push({ t: 'name', v: m });
      i += m.length;
    } else {
      const m = /^[^\s/[\]()<>{}%]+/.exec(s.slice(i, i + 64));
      if (!m) {
        i++;
        continue;
      }
      const word = m[0];
      const num = Number(word);
      push(Number.isFinite(num) && /^[-+.\d]/.test(word) ? { t: 'num', v: num } : { t: 'op', v: word });
      i += word.length;
    }
  }
  return stack[0]!;
}

interface Piece {
  y: number;
  x: number;
  text: string;
}

function piecesOf(content: string): Piece[] {
  const pieces: Piece[] = [];
  const operands: Token[] = [];
  let x = 0;
  let y = 0;
  let lineX = 0;
  let lineY = 0;
  let leading = 0;
  const nums = () => operands.filter((o): o is { t: 'num'; v: number } => o.t === 'num').map((o) => o.v);
  const show = (tok: Token | undefined) => {
    if (!tok) return;
    let text = '';
    if (tok.t === 'str') text = decodeBytes(tok.v);
    else if (tok.t === 'arr') {
      for (const part of tok.v) {
        if (part.t === 'str') text += decodeBytes(part.v);
        else if (part.t === 'num' && part.v < -200) text += ' ';
      }
    }
    if (text) pieces.push({ x, y, text });
    x += text.length; // keeps later pieces of the same line in order
  };
  const newLine = (dx: number, dy: number) => {
    lineX += dx;
    lineY += dy;
    x = lineX;
    y = lineY;
  };
  for (const tok of tokenize(content)) {
    if (tok.t !== 'op') {
      operands.push(tok);
      continue;
    }
    const n = nums();
    switch (tok.v) {
      case 'BT':
        lineX = lineY = x = y = 0;
        break;
      case 'Tm':
        if (n.length >= 6) {
          lineX = x = n[4]!;
          lineY = y = n[5]!;
        }
        break;
      case 'Td':
        if (n.length >= 2) newLine(n[0]!, n[1]!);
        break;
      case 'TD':
        if (n.length >= 2) {
          leading = -n[1]!;
          newLine(n[0]!, n[1]!);
        }
        break;
      case 'TL':
        if (n.length >= 1) leading = n[0]!;
        break;
      case 'T*':
        newLine(0, -leading);
        break;
      case 'Tj':
      case 'TJ':
        show(operands[operands.length - 1]);
        break;
      case "'":
        newLine(0, -leading);
        show(operands[operands.length - 1]);
        break;
      case '"':
        newLine(0, -leading);
        show(operands[operands.length - 1]);
        break;
      default:
        break;
    }
    operands.length = 0;
  }
  return pieces;
}

/** The text lines of a PDF's text layer, top to bottom; empty when it has none we can decode. */
export function extractPdfText(pdf: Uint8Array): string[] {
  const pieces: Piece[] = [];
  for (const stream of streamsOf(pdf)) {
    const content = contentOf(stream);
    if (content) pieces.push(...piecesOf(content));
  }
  // Group by baseline (PDF y grows upwards), then left to right.
  const rows = new Map<number, Piece[]>();
  for (const piece of pieces) {
    const key = Math.round(piece.y);
    const row = rows.get(key) ?? [];
    row.push(piece);
    rows.set(key, row);
  }
  const lines = [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) =>
      row
        .sort((a, b) => a.x - b.x)
        .map((p) => p.text)
        .join(' ')
        .replace(/[\u0000-\u0008\u000b-\u001f]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => l.length > 0);
  // Text that is mostly not letters, digits and punctuation is an undecoded font, not a receipt.
  const all = lines.join('');
  const readable = (all.match(/[\p{L}\p{N}\s.,:;/€%*'()-]/gu) ?? []).length;
  if (all.length === 0 || readable / all.length < 0.8) return [];
  return lines;
}
