// ------------------------------------------------------------------------------------------------
// Scores: edit distances between two words, plain and OCR-weighted
// ------------------------------------------------------------------------------------------------

/** Levenshtein distance, with a reused buffer (names are short). */
let row = new Int32Array(64);
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Letters an OCR engine confuses (after the folds of `skeleton`): a substitution among them costs 0.3. */
const CONFUSABLE_PAIRS = ['EF', 'MN', 'CG', 'DO', 'OQ', 'CO', 'HN', 'BE', 'IJ', 'IT'];
/** Substitution costs by character codes (upper-case letters): 0.3 for confusions, 1 otherwise. */
const SUB_COST = new Float64Array(128 * 128).fill(1);
for (let c = 0; c < 128; c++) SUB_COST[c * 128 + c] = 0;
for (const [x, y] of CONFUSABLE_PAIRS.map((p) => [p.charCodeAt(0), p.charCodeAt(1)] as const)) {
  SUB_COST[x * 128 + y] = 0.3;
  SUB_COST[y * 128 + x] = 0.3;
}

/** Edit distance where OCR confusions cost 0.3 and any other edit 1. */
let prevRow = new Float64Array(64);
let curRow = new Float64Array(64);
export function ocrDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return Math.max(m, n);
  if (prevRow.length <= n) {
    prevRow = new Float64Array(n * 2 + 1);
    curRow = new Float64Array(n * 2 + 1);
  }
  const prev = prevRow;
  const cur = curRow;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1) & 127;
    for (let j = 1; j <= n; j++) {
      const sub = SUB_COST[ca * 128 + (b.charCodeAt(j - 1) & 127)]!;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const rep = prev[j - 1]! + sub;
      cur[j] = del < ins ? (del < rep ? del : rep) : ins < rep ? ins : rep;
    }
    for (let j = 0; j <= n; j++) prev[j] = cur[j]!;
  }
  return prev[n]!;
}

/** 1 - edits / length of the longer word. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) / n > 0.5) return 0;
  return 1 - editDistance(a, b) / n;
}

/** 1 - OCR-weighted edits / length of the longer word (0 when the lengths differ too much). */
export function ocrSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) / n > 0.5) return 0;
  return Math.max(0, 1 - ocrDistance(a, b) / n);
}
