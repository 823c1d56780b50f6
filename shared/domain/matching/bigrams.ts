// ------------------------------------------------------------------------------------------------
// Similarity over character bigrams, as sorted integer arrays (fast to compare)
// ------------------------------------------------------------------------------------------------

export type Grams = Uint32Array;

export function gramsOf(s: string): Grams {
  if (s.length === 0) return new Uint32Array(0);
  const padded = ` ${s} `;
  const out = new Uint32Array(padded.length - 1);
  for (let i = 0; i < padded.length - 1; i++) out[i] = (padded.charCodeAt(i) << 16) | padded.charCodeAt(i + 1);
  return out.sort();
}

/** Sørensen-Dice coefficient of two sorted bigram multisets, 0..1. */
export function dice(a: Grams, b: Grams): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let overlap = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      overlap++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * overlap) / (a.length + b.length);
}

/** Sørensen-Dice similarity of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1;
  return dice(gramsOf(a), gramsOf(b));
}
