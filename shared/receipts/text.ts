/**
 * Low-level readers for receipt text: folding for label matching, OCR digit confusions, amounts,
 * dates and times, and comparing two spellings of a name. Pure functions; the parser (parser/)
 * decides what the matches mean.
 */

/** Uppercase, without accents, with one kind of apostrophe and single spaces: for label matching. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LETTER = 'A-Za-zÀ-ÖØ-öø-ÿ';
const CONFUSABLE_RUN = new RegExp(`(?<![${LETTER}])[0-9OoIl|S]*[0-9][0-9OoIl|S]*(?![${LETTER}])`, 'g');
const CONFUSABLE_MAP: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1', S: '5' };

/**
 * Undoes the usual OCR confusions inside runs of digits (O->0, I/l/|->1, S->5), only where the
 * run is mostly digits and not part of a word: `1O,5O` -> `10,50`, `l2,50` -> `12,50`,
 * `SIRET 8I2 345` -> `SIRET 812 345`; `SOLDES`, `50CL`, `Ile` are left alone.
 */
export function fixDigitConfusions(s: string): string {
  return s.replace(CONFUSABLE_RUN, (run) => {
    let digits = 0;
    for (const c of run) if (c >= '0' && c <= '9') digits++;
    if (digits * 2 < run.length) return run;
    return run.replace(/[OoIl|S]/g, (c) => CONFUSABLE_MAP[c] ?? c);
  });
}

export interface AmountMatch {
  cents: number;
  index: number;
  end: number;
  raw: string;
  /** The currency written next to the amount, if any. */
  currency?: 'EUR' | 'USD';
  /** Written without decimals (`12 €`): weaker evidence. */
  integer: boolean;
}

// Integer part: plain digits, or groups of three separated by a space/nbsp/dot/comma.
const INT = String.raw`\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+|\d+`;
const DECIMAL_AMOUNT = new RegExp(
  String.raw`(?<![\d.,:/])(?<sign>[-−]\s?)?(?<cur1>[$€]\s?)?(?<int>${INT})\s?(?<sep>[.,])(?<dec>\d{2})(?![\d]|[.,]\d)(?!\s?%)(?<trail>-(?!\d))?`,
  'g',
);
const EURO_SPLIT_AMOUNT = /(?<![\d.,])(?<int>\d{1,5})\s?€\s?(?<dec>\d{2})(?!\d)/g;
const INTEGER_EURO_AMOUNT = /(?<![\d.,])(?<sign>[-−]\s?)?(?<int>\d{1,5})\s?(?:€|EUR\b|EUROS?\b)/gi;
const INTEGER_PREFIXED_AMOUNT = /(?<![\w.,])(?<sign>[-−]\s?)?(?<cur>[$€])\s?(?<int>\d{1,6})(?![\d.,]?\d)/g;

function currencyAround(text: string, index: number, end: number): 'EUR' | 'USD' | undefined {
  const before = text.slice(Math.max(0, index - 5), index);
  const after = text.slice(end, end + 6);
  if (/€|EUR/i.test(before) || /^\s?(€|EUR)/i.test(after)) return 'EUR';
  if (/\$\s?$/.test(before) || /^\s?(\$|USD)/.test(after)) return 'USD';
  return undefined;
}

/**
 * Every amount written on a line, left to right: `12,50`, `12.50`, `1 234,56`, `1.234,56`,
 * `1,234.56`, `12,50 €`, `EUR 12,50`, `€12.50`, `12€50`, `-3,00`, `3,00-`, `12 €`. Not percentages,
 * quantities with three decimals (`0,312 kg`), dates or times.
 */
export function findAmounts(text: string): AmountMatch[] {
  const found: AmountMatch[] = [];
  const taken = (i: number, e: number) => found.some((f) => i < f.end && e > f.index);
  for (const m of text.matchAll(DECIMAL_AMOUNT)) {
    const g = m.groups!;
    const intRaw = g.int!;
    const sep = g.sep!;
    // A grouped integer part must not use the decimal separator as its group separator.
    const groupSeps = intRaw.replace(/\d/g, '');
    if (groupSeps && (groupSeps.includes(sep) || new Set(groupSeps).size > 1)) {
      // e.g. `1.234.56`: read only the last group with its decimals if it stands alone? No: skip.
      continue;
    }
    const intDigits = intRaw.replace(/\D/g, '');
    if (intDigits.length > 7) continue;
    const negative = Boolean(g.sign) || Boolean(g.trail);
    const cents = Number(intDigits) * 100 + Number(g.dec);
    const index = m.index!;
    const end = index + m[0].length;
    const currency = g.cur1 ? (g.cur1.includes('$') ? 'USD' : 'EUR') : currencyAround(text, index, end);
    found.push({ cents: negative ? -cents : cents, index, end, raw: m[0], integer: false, ...(currency ? { currency } : {}) });
  }
  for (const m of text.matchAll(EURO_SPLIT_AMOUNT)) {
    const index = m.index!;
    const end = index + m[0].length;
    if (taken(index, end)) continue;
    found.push({ cents: Number(m.groups!.int) * 100 + Number(m.groups!.dec), index, end, raw: m[0], currency: 'EUR', integer: false });
  }
  for (const m of text.matchAll(INTEGER_EURO_AMOUNT)) {
    const index = m.index!;
    const end = index + m[0].length;
    if (taken(index, end)) continue;
    const cents = Number(m.groups!.int) * 100;
    found.push({ cents: m.groups!.sign ? -cents : cents, index, end, raw: m[0], currency: 'EUR', integer: true });
  }
  for (const m of text.matchAll(INTEGER_PREFIXED_AMOUNT)) {
    const index = m.index!;
    const end = index + m[0].length;
    if (taken(index, end)) continue;
    const cents = Number(m.groups!.int) * 100;
    const currency = m.groups!.cur === '$' ? 'USD' : 'EUR';
    found.push({ cents: m.groups!.sign ? -cents : cents, index, end, raw: m[0], currency, integer: true });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Parses one amount written alone (a Textract hint value such as `$38.48` or `12,50 €`). */
export function parseAmount(text: string): number | undefined {
  const amounts = findAmounts(fixDigitConfusions(text.trim()));
  return amounts.length === 1 ? amounts[0]!.cents : undefined;
}

export interface DateMatch {
  iso: string;
  index: number;
  end: number;
  /** Day and month could be swapped (both <= 12, numeric form). */
  ambiguous: boolean;
  /** Read month-first, against the French default. */
  monthFirst: boolean;
  /** Written with two different separators ("23,03.20 15:32"): a separator misread, taken only before a time. */
  misread?: boolean;
}

const MONTHS: Array<[RegExp, number]> = [
  [/^(JANVIER|JANV|JANUARY|JAN)$/, 1],
  [/^(FEVRIER|FEVR|FEV|FEBRUARY|FEB)$/, 2],
  [/^(MARS|MARCH|MAR)$/, 3],
  [/^(AVRIL|AVR|APRIL|APR)$/, 4],
  [/^(MAI|MAY)$/, 5],
  [/^(JUIN|JUNE|JUN)$/, 6],
  [/^(JUILLET|JUIL|JULY|JUL)$/, 7],
  [/^(AOUT|AUGUST|AUG)$/, 8],
  [/^(SEPTEMBRE|SEPTEMBER|SEPT|SEP)$/, 9],
  [/^(OCTOBRE|OCTOBER|OCT)$/, 10],
  [/^(NOVEMBRE|NOVEMBER|NOV)$/, 11],
  [/^(DECEMBRE|DECEMBER|DEC)$/, 12],
];
const MONTH_WORD =
  'JANVIER|JANUARY|JANV|JAN|FEVRIER|FEBRUARY|FEVR|FEV|FEB|MARS|MARCH|MAR|AVRIL|APRIL|AVR|APR|MAI|MAY|JUIN|JUNE|JUN|JUILLET|JULY|JUIL|JUL|AOUT|AUGUST|AUG|SEPTEMBRE|SEPTEMBER|SEPT|SEP|OCTOBRE|OCTOBER|OCT|NOVEMBRE|NOVEMBER|NOV|DECEMBRE|DECEMBER|DEC';

function monthOf(word: string): number | undefined {
  for (const [re, n] of MONTHS) if (re.test(word)) return n;
  return undefined;
}

function expandYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/** YYYY-MM-DD when the date exists (and the year is plausible for a receipt), else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /(?<![\d.,/])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d]|[.,/]\d)/g;
/** Day and month of two digits with two different separators, one a dot, then a time: a separator misread. */
const MIXED_SEPARATOR_DATE = /(?<![\d.,/])(\d{2})([.,])(\d{2})(?!\2)([.,])(\d{4}|\d{2})(?![\d]|[.,/]\d)(?=\s+\d{1,2}[:.]\d{2}\b)/g;
const ISO_DATE = /(?<![\d.,/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.,]\d)/g;
const TEXT_DATE = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:ER)?\s?[-. ]?\s?(${MONTH_WORD})\.?\s?[-. ,]?\s?(\d{4}|\d{2})(?!\d)`,
  'g',
);
const TEXT_DATE_MONTH_FIRST = new RegExp(String.raw`\b(${MONTH_WORD})\.?\s(\d{1,2}),?\s(\d{4})(?!\d)`, 'g');

/**
 * The dates written on a line: `12/03/2026`, `12-03-26`, `12.03.2026`, `2026-03-12`,
 * `12 mars 2026`, `12 MARS 26`, `1er févr. 2026`, `01-Jan-2021`, `Jan 12, 2026`. Numeric
 * day/month order is French (day first) unless `monthFirst` (a US receipt); a reading impossible
 * one way is tried the other way. Impossible dates are dropped.
 */
export function findDates(text: string, options: { monthFirst?: boolean } = {}): DateMatch[] {
  const out: DateMatch[] = [];
  const folded = fold(text);
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = expandYear(m[4]!);
    const dmy = isoDate(year, b, a);
    const mdy = isoDate(year, a, b);
    const preferMdy = Boolean(options.monthFirst);
    const first = preferMdy ? mdy : dmy;
    const second = preferMdy ? dmy : mdy;
    const iso = first ?? second;
    if (!iso) continue;
    out.push({
      iso,
      index: m.index!,
      end: m.index! + m[0].length,
      ambiguous: Boolean(dmy && mdy && dmy !== mdy),
      monthFirst: iso === mdy && iso !== dmy,
    });
  }
  for (const m of text.matchAll(MIXED_SEPARATOR_DATE)) {
    const iso = options.monthFirst ? isoDate(expandYear(m[5]!), Number(m[1]), Number(m[3])) : isoDate(expandYear(m[5]!), Number(m[3]), Number(m[1]));
    if (iso) out.push({ iso, index: m.index!, end: m.index! + m[0].length, ambiguous: false, monthFirst: Boolean(options.monthFirst), misread: true });
  }
  for (const m of text.matchAll(ISO_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
    if (iso) out.push({ iso, index: m.index!, end: m.index! + m[0].length, ambiguous: false, monthFirst: false });
  }
  // Text months: match on the folded text (same length as the original for these characters
  // except ligatures, which do not occur in dates), so indexes are approximate but ordered.
  for (const m of folded.matchAll(TEXT_DATE)) {
    const month = monthOf(m[2]!);
    const iso = month ? isoDate(expandYear(m[3]!), month, Number(m[1])) : undefined;
    if (iso) out.push({ iso, index: m.index!, end: m.index! + m[0].length, ambiguous: false, monthFirst: false });
  }
  for (const m of folded.matchAll(TEXT_DATE_MONTH_FIRST)) {
    const month = monthOf(m[1]!);
    const iso = month ? isoDate(Number(m[3]), month, Number(m[2])) : undefined;
    if (iso) out.push({ iso, index: m.index!, end: m.index! + m[0].length, ambiguous: false, monthFirst: true });
  }
  return out.sort((x, y) => x.index - y.index);
}

export interface TimeMatch {
  value: string;
  index: number;
  end: number;
  withSeconds: boolean;
}

const TIME = /(?<![\d:.,])([01]?\d|2[0-3])\s?([:hH])\s?([0-5]\d)(?:\s?:\s?([0-5]\d))?(?![\d,.])(?:\s?([AaPp])\.?[Mm]\b)?/g;

/** Times: `14:32`, `14h32`, `14H32`, `14:32:05`, `2:32 PM`. */
export function findTimes(text: string): TimeMatch[] {
  const out: TimeMatch[] = [];
  for (const m of text.matchAll(TIME)) {
    let hour = Number(m[1]);
    const ampm = m[5]?.toUpperCase();
    if (ampm) {
      if (hour < 1 || hour > 12) continue;
      if (ampm === 'P' && hour < 12) hour += 12;
      if (ampm === 'A' && hour === 12) hour = 0;
    }
    // `14h` followed by letters is not a time; `h` needs two minute digits (ensured by the regex).
    const hh = String(hour).padStart(2, '0');
    const value = m[4] ? `${hh}:${m[3]}:${m[4]}` : `${hh}:${m[3]}`;
    out.push({ value, index: m.index!, end: m.index! + m[0].length, withSeconds: Boolean(m[4]) });
  }
  return out;
}

/** Uppercase without accents, keeping the string's length (so a match's index holds in the original). */
export function upperSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    out += f.length === ch.length ? f : f.slice(0, ch.length).padEnd(ch.length, ' ');
  }
  return out;
}

/** The letters and digits of a name, folded: `L'Épi d'Or` -> `LEPIDOR`. To compare two spellings. */
export function nameKey(s: string): string {
  return fold(s).replace(/[^A-Z0-9]/g, '');
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1): the shop matcher's. */
export { editDistance } from '../domain/matching';

export interface Respelling {
  /** `reading` with its letters replaced by those of `key`, its spaces, punctuation and case kept. */
  text: string;
  substitutions: number;
  /** Letters of the reading that the key does not have. */
  deletions: number;
  /** Letters of the key that the reading lacks. */
  insertions: number;
}

/**
 * Rewrites a reading after another spelling of the same name given only as letters (a web
 * domain, `bricomoreau`): the letters are aligned (fewest edits), a differing letter takes the
 * key's letter in the reading's case, letters the reading lacks are added after the letter they
 * follow (at the start, before the first one), and the reading's spaces, apostrophes, hyphens
 * and accents (where the letter agrees) stay: (`BRICO MORL`, `BRICOMOREAU`) -> `BRICO MOREAU`,
 * (`Droquerie du Parvis`, `DROGUERIEDUPARVIS`) -> `Droguerie du Parvis`.
 */
export function respell(reading: string, key: string): Respelling {
  // The reading's characters that count as letters, with their folded letter.
  const chars = [...reading];
  const slots: Array<{ at: number; letter: string }> = [];
  chars.forEach((ch, at) => {
    const f = nameKey(ch);
    if (f.length === 1) slots.push({ at, letter: f });
  });
  const a = slots.map((s) => s.letter);
  const b = [...key];
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  // Walk back: for each reading letter, what it becomes; insertions hang after a letter (or before the first).
  const becomes: Array<string | null> = a.map((x) => x);
  const after: string[] = Array.from({ length: n }, () => '');
  let before = '';
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      if (a[i - 1] !== b[j - 1]) {
        becomes[i - 1] = b[j - 1]!;
        substitutions++;
      }
      i--;
      j--;
    } else if (j > 0 && d[i]![j] === d[i]![j - 1]! + 1) {
      if (i > 0) after[i - 1] = b[j - 1]! + after[i - 1]!;
      else before = b[j - 1]! + before;
      insertions++;
      j--;
    } else {
      becomes[i - 1] = null;
      deletions++;
      i--;
    }
  }
  const lower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
  const inCase = (s: string, like: string | undefined) => (like !== undefined && lower(like) ? s.toLowerCase() : s);
  const slotAt = new Map(slots.map((s, k) => [s.at, k]));
  let text = '';
  chars.forEach((ch, at) => {
    const k = slotAt.get(at);
    if (k === undefined) {
      text += ch;
      return;
    }
    if (k === 0) text += inCase(before, chars[slots[0]!.at]);
    const to = becomes[k];
    if (to === a[k]) text += ch;
    else if (to !== null && to !== undefined) text += inCase(to, ch);
    text += inCase(after[k]!, ch);
  });
  if (n === 0) text = before + text;
  // Words whose letters all went leave their spaces behind.
  text = text.replace(/\s{2,}/g, ' ').trim();
  return { text, substitutions, deletions, insertions };
}
