/**
 * Cuts a CSV file into pieces of whole records, each with the header, so that a large list is
 * imported in several calls (each within the API's body limit) with a real progress bar. Records
 * are cut only outside quotes (a quoted field may hold line breaks); each piece knows how many
 * physical lines of the file come before its first record, to report the file's own line numbers.
 */

export interface CsvChunk {
  /** The header's lines, then the piece's records. */
  text: string;
  /** Records in the piece. */
  records: number;
  /** Add this to a line number the API reports for the piece to get the file's line number. */
  lineOffset: number;
}

/** Splits text into records (each with its line ending), cutting only outside quotes. */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) quoted = !quoted;
    else if (ch === 10 /* \n */ && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function physicalLines(record: string): number {
  let n = 0;
  for (let i = 0; i < record.length; i++) if (record.charCodeAt(i) === 10) n++;
  return record.endsWith('\n') ? n : n + 1;
}

/** The file in pieces of at most `perChunk` records (blank lines are left out of the count). */
export function csvChunks(text: string, perChunk = 500): { header: string; chunks: CsvChunk[]; records: number } {
  const all = csvRecords(text);
  const header = all[0] ?? '';
  const headerLines = physicalLines(header);
  const chunks: CsvChunk[] = [];
  let line = headerLines; // physical lines before the next record
  let piece: string[] = [];
  let pieceStart = line;
  let records = 0;
  const flush = () => {
    if (piece.length === 0) return;
    const body = piece.join('');
    chunks.push({ text: (header.endsWith('\n') ? header : `${header}\n`) + body, records: piece.filter((r) => r.trim() !== '').length, lineOffset: pieceStart - headerLines });
    piece = [];
  };
  for (const record of all.slice(1)) {
    if (piece.length === 0) pieceStart = line;
    piece.push(record);
    line += physicalLines(record);
    if (record.trim() !== '') records++;
    if (piece.length >= perChunk) flush();
  }
  flush();
  return { header, chunks, records };
}
