/**
 * Shop sign: the header line that reads best as the shop's name, weighed against its other
 * readings (the card slip, a footer, the web domain).
 */
import type { OcrHint } from '../../ocr/types';
import { editDistance, findDates, findTimes, fold, nameKey, respell } from '../text';
import { type Field, type Line, clamp, round2 } from './common';
import { STREET_WITH_NUMBER, POSTCODE_CITY } from './phone-address';

const GENERIC_LINE =
  /^(TICKET|TICKET DE CAISSE|TICKET CLIENT|BIENVENUE|BONJOUR|BONSOIR|CAISSE|CAISSIER|CAISSIERE|MERCI|FACTURE|FACTURETTE|DUPLICATA|COPIE|CLIENT|RECU|NOTE|ADDITION|VENTE|MAGASIN|HORAIRES?|OUVERT|TEL|TELEPHONE|FAX|WWW|HTTP|E-?MAIL|MAIL|SERVEUR|SERVEUSE|TABLE|COUVERTS?|VENDEUR|OPERATEUR|HOTE|HOTESSE|CUSTOMER|RECEIPT|INVOICE|SHIP TO|BILL TO|SOLD TO|SALE|STORE|DATE|HEURE|N°|NO|NUM|PAGE|CARTE|CB)\b/;
const GENERIC_ANYWHERE =
  /BIENVENUE|\bMERCI\b|A BIENTOT|\bWWW\.|HTTPS?:|@|\.COM\b|\.FR\b|TICKET DE CAISSE|\bSIRET\b|\bSIREN\b|\bRCS\b|\bAPE\b|\bNAF\b|\bTVA\b|\bCAPITAL\b|HORAIRE|OUVERT|\bCOPY\b|\bCOPIE\b|DUPLICATA/;
const FOREIGN_STREET = /^\d{1,5}\s+(\S+\s+){0,3}(STREET|ST|AVENUE|AVE|ROAD|RD|BLVD|DRIVE|DR|LANE|LN|WAY|HIGHWAY|HWY|STRASSE|STR|PLAZA)\b/;
/** A legal form at either end of the line (matched without dots: S.A.R.L.): the company, not the sign. */
const LEGAL_FORM = /^(SARL|SAS|SASU|EURL|SA|SNC|SCI|SELARL|EI|EIRL|SCOP|SCA)\b|\b(SARL|SAS|SASU|EURL|SA|SNC|SCI|SELARL|EIRL|SCOP)$/;
/** A slogan or tagline: speaking to the customer, exclaiming, or dating the house. */
const SLOGAN = /^(VOTRE|VOS|NOTRE|NOS)\b|!$|\bDEPUIS (18|19|20)\d\d\b|\bFONDEE? EN\b/;
/** The words of a table's column headings ("DESIGNATION  QTE  P.U.  MONTANT"). */
const COLUMN_HEADING =
  /^(DESIGNATIONS?|LIBELLES?|ARTICLES?|PRODUITS?|DESCRIPTION|QTES?|QT|QTY|QUANTITES?|PRIX|PU|UNIT|UNITAIRE|MONTANTS?|TOTAL|TVA|TX|TAUX|CODE|REF|EUR|TTC|HT|PRICE|AMOUNT|ITEMS?|X)$/;
const isColumnHeadings = (f: string) => {
  const words = f.replace(/[.:]/g, '').replace(/[/€]/g, ' ').split(' ').filter(Boolean);
  return words.length > 0 && words.every((w) => COLUMN_HEADING.test(w));
};
/** A word a name cannot end on: the sign goes on on the next line ("AU FOURNIL DE" / "LA GARE"). */
const CONNECTOR_END = /(?:^|\s)(DE|DU|DES|D'|L'|LA|LE|LES|AU|AUX|ET|&|CHEZ|A|SUR|EN|SOUS)$/;
/** The card slip's "LE 12/03/26 A 10:15:32", followed by the merchant's name as the bank knows it. */
const SLIP_DATE_LINE = /^LE \d{1,2}[/.-]\d{1,2}[/.-]\d{2,4} A \d{1,2}[:H]\d{2}/;
/** Webmail and platform domains, which name no shop. */
const NOT_A_SHOP_DOMAIN = /^(GMAIL|HOTMAIL|OUTLOOK|LIVE|YAHOO|ORANGE|WANADOO|FREE|SFR|LAPOSTE|NEUF|AOL|ICLOUD|GMX|FACEBOOK|INSTAGRAM|TRIPADVISOR|GOOGLE|PAGESJAUNES)$/;

const LETTER_CLASS = 'A-Za-zÀ-ÖØ-öø-ÿ';
/** A fragment at the end of a line that is no part of a name: a lone mark, a digit, one letter. */
const TWO_LETTERS = new RegExp(`[${LETTER_CLASS}]{2}`);
const isStray = (part: string) => part.trim().length <= 2 || !TWO_LETTERS.test(part);
/** A lone stroke at either end, one space off: the paper's edge or a fold read as 1, I, |, !, a bracket. */
const EDGE_STROKE_START = new RegExp(String.raw`^(?:[1I|!\[\](){}]\s+)+(?=[${LETTER_CLASS}'’])`);
const EDGE_STROKE_END = new RegExp(String.raw`(?<=[${LETTER_CLASS}])(?:\s+[1I|!\[\](){}])+$`);
/** A word at either end made of border marks (two stars, equals signs... at least) and at most one letter. */
const DECORATION_START = new RegExp(String.raw`^(?=\S*[*=#~_]\S*[*=#~_])[*=#~_.+-]*[${LETTER_CLASS}]?[*=#~_.+-]*\s+`);
const DECORATION_END = new RegExp(String.raw`\s+(?=\S*[*=#~_]\S*[*=#~_])[*=#~_.+-]*[${LETTER_CLASS}]?[*=#~_.+-]*$`);
/** A mark stuck to the first word, where a letter was (not a star or a quote: decoration, around a sign that may start with "À"). */
const MARK_STUCK_TO_WORD = new RegExp(`^[.,:;+|!]+(?=[${LETTER_CLASS}])`);

function cleanSign(text: string): string {
  // Marks set apart by a wide gap at either end are the paper's edge or a smudge read as letters
  // ("4      LA PETITE EPICERIE", "BOUCHERIE RENARD      E").
  const parts = text.split(/\s{2,}/);
  while (parts.length > 1 && isStray(parts[0]!)) parts.shift();
  while (parts.length > 1 && isStray(parts[parts.length - 1]!)) parts.pop();
  let s = parts.join('  ').trim().replace(EDGE_STROKE_START, '').replace(EDGE_STROKE_END, '');
  // A border of stars with one of them read as a letter ("**x CHEZ NATHAN ***"): all border.
  s = s.replace(DECORATION_START, '').replace(DECORATION_END, '');
  // The article's L lost at the paper's edge, leaving a mark or nothing: "'ATELIER FLORAL" (an
  // elision before a vowel), ".e Fournil de Maëlle", "+A PAGE BLANCHE" (a mark stuck to the word).
  s = s.replace(/^['’`´](?=[AEIOUYHÀÂÉÈÊËÎÏÔÛÙaeiouyhàâéèêëîïôûù][A-Za-zÀ-ÿ])/, "L'");
  const glued = MARK_STUCK_TO_WORD.test(s);
  s = s
    .replace(/^[\s*=#~_.\-+<>|"'«»:,;!]+|[\s*=#~_.\-+<>|"«»:]+$/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const m = /^(\S+)\s+(\S+)/.exec(s);
  if (m) {
    const [, first, next] = m as unknown as [string, string, string];
    const startsUpper = /^[A-ZÀ-Ö]/.test(next);
    const article = /^(LA|LE|LES|L'|L’)$/i.test(next);
    if (!article && ((/^(e|es)$/.test(first) && startsUpper) || (glued && /^(e|es|a|E|ES|A)$/.test(first)))) s = `L${s}`;
  }
  return s;
}

interface SignReading {
  text: string;
  key: string;
  confidence: number;
  /** A header line (not an echo found further down). */
  header: boolean;
  line: number;
}

/**
 * Two readings of one name: the same letters but for a few (one per five), or one holding the
 * other whole with a few letters more (cut at the paper's edge, or truncated on the card slip).
 */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  if (long.includes(short) && short.length >= 6 && long.length - short.length <= 3) return true;
  return Math.abs(a.length - b.length) <= 2 && editDistance(a, b) <= Math.max(1, Math.floor(long.length / 5));
}

/** The shop's web or mail domain, as letters (`www.la-page-blanche.fr` -> `LAPAGEBLANCHE`). */
function domainKeys(lines: Line[]): string[] {
  const keys = new Set<string>();
  for (const line of lines) {
    const t = line.text.replace(/\s*\.\s*/g, '.').toLowerCase();
    for (const m of t.matchAll(/(?:https?:\/\/|www\.|@)([a-z0-9.-]+)\.(?:fr|com|net|org|eu|shop|store|bzh|paris|alsace|corsica|info|biz)\b/g)) {
      const label = m[1]!.split('.').pop()!;
      const key = nameKey(label.replace(/\d+/g, ''));
      if (key.length >= 4 && !NOT_A_SHOP_DOMAIN.test(key)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The shop sign: the header line that reads best as a name (near the top, big, in capitals;
 * not a generic word, an address, a phone, a date, a company name, a slogan or a table's column
 * headings), cleaned of what the paper's edge and the borders leave at its ends, and joined with
 * the next line when it stops on "DE", "DU", "L'"... Then every other reading of that name is
 * weighed: the same line read twice by the engine, the merchant name the card slip prints under
 * its date, an echo in the footer; the spelling most of them agree on wins (a cut reading counts
 * for the whole one holding it), with the words of the other lines (the town, the company) to
 * settle a tie. A name nothing confirms is put right from the shop's web or mail domain where
 * that spells one or two letters otherwise. When the header has no name at all (cut off), the
 * card slip's merchant name is taken, with a low confidence.
 */
export function readShopSign(
  lines: Line[],
  hints: OcrHint[],
  excluded: Set<number>,
  itemsStart: number,
  monthFirst: boolean,
  city?: string,
): Field<string> | undefined {
  const cityKey = city ? nameKey(city) : undefined;
  const heights = lines.map((l) => l.box?.height).filter((h): h is number => h !== undefined && h > 0);
  const medianHeight = heights.length ? [...heights].sort((a, b) => a - b)[Math.floor(heights.length / 2)]! : 0;
  const limit = Math.min(lines.length, Math.max(3, Math.min(itemsStart, 10)));
  interface Candidate {
    value: string;
    score: number;
    line: Line;
  }
  /** What a line would give as a sign, or undefined when it cannot be one. */
  const signOf = (line: Line): string | undefined => {
    // "Bienvenue chez Fleurs & Co": the sign is what follows.
    const welcome = /^[\s*=~-]*BIENVENUE\s+(?:CHEZ|A|À|AU|AUX|DANS VOTRE MAGASIN|DANS VOTRE BOUTIQUE)\s+(.{3,})$/i.exec(line.text);
    const value = cleanSign(welcome ? welcome[1]! : line.text);
    const f = fold(value);
    const letters = f.replace(/[^A-Z]/g, '').length;
    if (letters < 3 || letters / Math.max(1, f.replace(/\s/g, '').length) < 0.55) return undefined;
    if (GENERIC_LINE.test(f) || GENERIC_ANYWHERE.test(f) || isColumnHeadings(f)) return undefined;
    if (line.amounts.length > 0 || findDates(line.text, { monthFirst }).length || findTimes(line.text).length) return undefined;
    if (POSTCODE_CITY.test(line.text) || STREET_WITH_NUMBER.test(f) || FOREIGN_STREET.test(f)) return undefined;
    return value;
  };

  // The card slip names the merchant under its date line; any line further down that spells the
  // same name as a header line echoes the sign (the slip, a footer).
  const slipNames: SignReading[] = [];
  for (const line of lines.slice(limit)) {
    if (!SLIP_DATE_LINE.test(line.fold)) continue;
    const next = lines[line.index + 1];
    const value = next && !excluded.has(next.index) ? signOf(next) : undefined;
    if (next && value) slipNames.push({ text: value, key: nameKey(value), confidence: next.confidence, header: false, line: next.index });
  }
  const echoes: SignReading[] = [];
  for (const line of lines.slice(limit)) {
    if (excluded.has(line.index) || line.amounts.length > 0) continue;
    const value = cleanSign(line.text);
    const key = nameKey(value);
    if (key.length >= 4) echoes.push({ text: value, key, confidence: line.confidence, header: false, line: line.index });
  }

  const candidates: Candidate[] = [];
  let seen = 0;
  for (const line of lines.slice(0, limit)) {
    if (excluded.has(line.index)) continue;
    const value = signOf(line);
    if (!value) continue;
    const f = fold(value);
    const key = nameKey(value);
    let score = 3 - seen * 0.8 - line.index * 0.1;
    if (medianHeight && line.box) score += clamp(line.box.height / medianHeight - 1, 0, 1.5);
    if (value === value.toUpperCase()) score += 0.2;
    if (LEGAL_FORM.test(f.replace(/\./g, ''))) score -= 1.2;
    if (SLOGAN.test(line.fold)) score -= 1;
    // A line read with little confidence is more likely the table or a smudge than the sign.
    score += 1.5 * (Math.min(line.confidence, 0.9) - 0.8);
    // The town alone (printed again on the card slip, under the merchant's name) is no sign.
    if (key === cityKey) score -= 1.5;
    // Printed again further down (on the card slip, in the footer): the name the shop goes by.
    else if (echoes.some((e) => sameName(e.key, key))) score += 1;
    candidates.push({ value, score, line });
    seen++;
  }
  const vendorHints = hints.filter((h) => h.type === 'VENDOR_NAME' || h.type === 'NAME').map((h) => ({ ...h, f: fold(h.value) }));
  // AnalyzeExpense's address fields name lines that are addresses, not signs.
  const addressHints = hints.filter((h) => ADDRESS_HINT.test(h.type)).map((h) => fold(h.value.replace(/\s+/g, ' ')));
  const notAddress = candidates.filter((c) => {
    const f = fold(c.value);
    return !addressHints.some((a) => a.includes(f));
  });
  const ranked = notAddress.sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) {
    // The header is cut off or unreadable: the card slip's merchant name, else the engine's guess.
    const slip = slipNames.sort((a, b) => b.confidence - a.confidence)[0];
    if (slip) return { value: slip.text, confidence: round2(0.6 * (0.4 + 0.6 * clamp(slip.confidence))) };
    const h = vendorHints.filter((x) => x.value.trim()).sort((a, b) => b.confidence - a.confidence)[0];
    return h ? { value: cleanSign(h.value), confidence: round2(0.45 * clamp(h.confidence)) } : undefined;
  }

  const value = joinSplitSign(best, candidates, excluded);
  const key = nameKey(value);
  // Every reading of that name: other header lines (a sign read twice), the echoes further down.
  const readings: SignReading[] = [{ text: value, key, confidence: best.line.confidence, header: true, line: best.line.index }];
  for (const c of candidates) {
    if (c !== best && sameName(nameKey(c.value), key)) {
      readings.push({ text: c.value, key: nameKey(c.value), confidence: c.line.confidence, header: true, line: c.line.index });
    }
  }
  for (const e of [...echoes, ...slipNames]) {
    if (sameName(e.key, key) && !readings.some((r) => r.line === e.line)) readings.push(e);
  }
  // The words of the other lines (town, company name, domain), to settle between readings.
  const readingLines = new Set(readings.map((r) => r.line));
  const context = new Set(
    lines
      .filter((l) => !readingLines.has(l.index) && l.amounts.length === 0)
      .flatMap((l) => fold(l.text).split(/[^A-Z0-9]+/))
      .filter((w) => w.length >= 4),
  );
  const voteOf = (r: SignReading) => {
    let vote = 0;
    for (const o of readings) {
      if (o.key === r.key) vote += 1;
      // A reading this one holds whole, with a few letters fewer: cut or truncated, the same name.
      // (Not when the letters more are a stray mark: "x CHEZ NATHAN" holds "CHEZ NATHAN".)
      else if (r.key.includes(o.key) && r.key.length - o.key.length <= 3 && wordLikeness(r.text) >= wordLikeness(o.text)) vote += 0.6;
    }
    const words = new Set(fold(r.text).split(/[^A-Z0-9]+/).filter((w) => w.length >= 4));
    for (const w of words) if (context.has(w)) vote += 0.25;
    return vote + 0.3 * clamp(r.confidence) + 0.1 * wordLikeness(r.text) + (r.header ? 0.05 : 0);
  };
  const chosen = readings.map((r) => ({ r, vote: voteOf(r) })).sort((a, b) => b.vote - a.vote)[0]!.r;
  // Of the readings spelling the chosen name, the header's (its case and accents as printed).
  let sign = readings.find((r) => r.key === chosen.key && r.header)?.text ?? chosen.text;
  const confirmed = readings.filter((r) => r.key === nameKey(sign)).length > 1;

  // The web or mail domain spells the name too: a letter misread, or the end cut off at the
  // paper's edge ("BRICO MORL", www.bricomoreau.fr), is put right when nothing else confirms it.
  let repaired = false;
  if (!confirmed) {
    const k = nameKey(sign);
    for (const d of domainKeys(lines)) {
      if (d === k || d.includes(k) || k.length < 5 || Math.abs(d.length - k.length) > 4) continue;
      // A domain shortens a name as it likes (letters the reading has and the domain lacks prove
      // nothing), but a letter it spells otherwise is a misreading.
      const r = respell(sign, d);
      if (r.deletions > 0 || r.substitutions === 0 || r.substitutions > 2 || r.insertions > 3) continue;
      if (r.substitutions + r.insertions > Math.max(1, Math.floor(k.length / 3))) continue;
      sign = r.text;
      repaired = true;
      break;
    }
  }

  let confidence = best.score >= 3 ? 0.85 : best.score >= 2 ? 0.75 : 0.6;
  // A sign read with little confidence, or that does not read as words, is a guess.
  confidence *= 0.4 + 0.6 * clamp(Math.max(best.line.confidence, confirmed ? chosen.confidence : 0));
  const plausible = wordLikeness(sign);
  if (plausible < 0.75) confidence *= 0.5 + 0.5 * plausible;
  const runnerUp = ranked.find((c) => c !== best && !sameName(nameKey(c.value), key));
  if (runnerUp && best.score - runnerUp.score < 0.3) confidence *= 0.85;
  if (confirmed) confidence += 0.05;
  if (repaired) confidence *= 0.9;
  const bf = fold(sign);
  if (vendorHints.some((h) => h.f && (bf.includes(h.f) || h.f.includes(bf)))) confidence += 0.08;
  return { value: sign, confidence: round2(clamp(confidence, 0, 0.99)) };
}

/**
 * A sign printed over two lines: the first ends on a word a name cannot end on ("AU FOURNIL DE" /
 * "MAELLE"). (Two lines printed at the same big size prove nothing: the trade under the sign is
 * often printed as big.)
 */
function joinSplitSign(best: { value: string; line: Line }, candidates: Array<{ value: string; line: Line }>, excluded: Set<number>): string {
  const byLine = new Map(candidates.map((c) => [c.line.index, c]));
  // Both halves read as words, clearly, and (where the engine gives boxes) printed at one size.
  const clear = (c: { value: string; line: Line }) => c.line.confidence >= 0.6 && wordLikeness(c.value) >= 0.75;
  const sameSize = (a: Line, b: Line) => !a.box || !b.box || Math.abs(a.box.height - b.box.height) <= 0.3 * Math.max(a.box.height, b.box.height);
  const continues = (upper: { value: string; line: Line }, lower: { value: string; line: Line }) =>
    !excluded.has(lower.line.index) &&
    !/\d/.test(lower.value) &&
    clear(upper) &&
    clear(lower) &&
    sameSize(upper.line, lower.line) &&
    !sameName(nameKey(upper.value), nameKey(lower.value)) &&
    CONNECTOR_END.test(fold(upper.value));
  let value = best.value;
  let top = best;
  let bottom = best;
  for (let k = 0; k < 2; k++) {
    const above = byLine.get(top.line.index - 1);
    const below = byLine.get(bottom.line.index + 1);
    if (below && continues({ value, line: bottom.line }, below)) {
      value = /['’]$/.test(value) ? `${value}${below.value}` : `${value} ${below.value}`;
      bottom = below;
    } else if (above && continues(above, { value, line: top.line })) {
      value = /['’]$/.test(above.value) ? `${above.value}${value}` : `${above.value} ${value}`;
      top = above;
    } else break;
  }
  return value;
}

const ADDRESS_HINT = /^(ADDRESS|ADDRESS_BLOCK|STREET|CITY|STATE|ZIP_CODE|COUNTRY|VENDOR_ADDRESS|RECEIVER_ADDRESS|RECEIVER_NAME)$/;
const SHORT_WORDS = new Set(['LA', 'LE', 'DE', 'DU', 'AU', 'ET', 'EN', 'A', 'L', 'D', 'LES', 'DES', 'AUX', 'SUR', 'ST', 'STE', 'CHEZ', '&']);

/** The share of a name's tokens that read as words (letters with a vowel, or short French words). */
function wordLikeness(value: string): number {
  const tokens = fold(value)
    .split(/[\s'’-]+/)
    .filter(Boolean);
  if (tokens.length === 0) return 0;
  const good = tokens.filter(
    (t) => SHORT_WORDS.has(t.replace(/[^A-Z&]/g, '')) || (/^[A-Z&.,]{3,}$/.test(t) && /[AEIOUY]/.test(t)) || /^\d+$/.test(t),
  ).length;
  return good / tokens.length;
}
