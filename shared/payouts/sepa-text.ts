/**
 * Text for SEPA files. The EPC implementation guidelines restrict every free text of a SEPA credit
 * transfer to the basic Latin character set (EPC SCT Customer-to-PSP IGs, section 1.4 "Character
 * set"):
 *
 *     a-z A-Z 0-9 / - ? : ( ) . , ' + space
 *
 * Banks may accept more, but nothing outside this set is guaranteed to reach the payee's bank
 * unchanged, so names and remittance texts are transliterated into it ("Élodie Müller" ->
 * "Elodie Muller", "Dupont & Fils" -> "Dupont + Fils") instead of being refused. Identifiers
 * (MsgId, PmtInfId, InstrId, EndToEndId) are never transliterated: they must already be in the set,
 * must not start or end with '/' and must not contain '//'.
 */

/** One character of the SEPA basic Latin set. */
export const SEPA_CHAR = /[A-Za-z0-9/\-?:().,'+ ]/;
/** A whole string in the SEPA basic Latin set (possibly empty). */
export const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** Letters that Unicode decomposition does not reduce to ASCII, and usual punctuation. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'O', ø: 'o', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd',
  Þ: 'TH', þ: 'th', Ł: 'L', ł: 'l', Ŀ: 'L', ŀ: 'l', ı: 'i', Ħ: 'H', ħ: 'h', Ŋ: 'N', ŋ: 'n', ĸ: 'k',
  ſ: 's', Ŧ: 'T', ŧ: 't', Ə: 'E', ə: 'e',
  // apostrophes and quotes
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u02BC': "'", '\u00B4': "'", '`': "'",
  '"': "'", '\u201C': "'", '\u201D': "'", '\u201E': "'", '\u00AB': "'", '\u00BB': "'", '\u2039': "'", '\u203A': "'",
  // dashes
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  _: '-', '~': '-',
  // other punctuation with a close equivalent in the set
  '&': '+', ';': ',', '\u00B7': '.', '\u2022': '.', '[': '(', ']': ')', '{': '(', '}': ')',
  '|': '/', '\\': '/', '\u00B0': 'o', '\u00BA': 'o', '\u00AA': 'a', '\u20AC': 'EUR',
};

export interface Transliteration {
  /** The text in the SEPA character set, whitespace collapsed, trimmed (possibly empty). */
  text: string;
  /** Letters or digits that could not be written in Latin letters (e.g. Cyrillic, CJK) and were dropped. */
  dropped: string[];
}

/**
 * Transliterates any text into the SEPA character set: accents are removed (Unicode NFKD, then the
 * combining marks dropped), a few letters and punctuation marks are mapped (see SPECIAL), and every
 * other character becomes a space; runs of spaces collapse and the result is trimmed.
 */
export function transliterateSepa(input: string): Transliteration {
  const dropped: string[] = [];
  let out = '';
  for (const ch of input) {
    const mapped = SPECIAL[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    if (SEPA_CHAR.test(ch)) {
      out += ch;
      continue;
    }
    // NFKD splits "é" into "e" + U+0301 and folds compatibility forms (ligatures, full-width).
    for (const part of ch.normalize('NFKD')) {
      const partMapped = SPECIAL[part];
      if (partMapped !== undefined) out += partMapped;
      else if (SEPA_CHAR.test(part)) out += part;
      else if (/\p{M}/u.test(part)) continue; // combining mark: the accent itself
      else {
        if (/[\p{L}\p{N}]/u.test(part)) dropped.push(part);
        out += ' ';
      }
    }
  }
  return { text: out.replace(/\s+/g, ' ').trim(), dropped };
}

/** The text in the SEPA character set (see transliterateSepa), cut to at most `max` characters. */
export function toSepaText(input: string, max?: number): string {
  const { text } = transliterateSepa(input);
  return max === undefined ? text : truncate(text, max);
}

/** Cuts an ASCII text to `max` characters without leaving a trailing space. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).trimEnd();
}

/** Why an identifier is not a valid SEPA reference, or undefined when it is. */
export function sepaIdProblem(id: string, max = 35): string | undefined {
  if (id.length === 0) return 'must not be empty';
  if (id.length > max) return `must be at most ${max} characters (got ${id.length})`;
  if (!SEPA_TEXT.test(id)) return "may only contain A-Z a-z 0-9 / - ? : ( ) . , ' + and space";
  if (id !== id.trim()) return 'must not start or end with a space';
  if (id.startsWith('/') || id.endsWith('/')) return "must not start or end with '/'";
  if (id.includes('//')) return "must not contain '//'";
  return undefined;
}

/** Escapes the five XML special characters (text and attribute values). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
