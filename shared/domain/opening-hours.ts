/**
 * Opening hours of a shop, read from free text, for the anti-fraud check "was this receipt
 * printed while the shop was open?".
 *
 * The texts come from city staff (French, free form) or from open data (OpenStreetMap
 * `opening_hours`). A receipt outside the hours goes to staff review, so a wrong schedule
 * costs residents and staff time. The guiding rule is therefore:
 *
 *   **prefer "unknown" to a wrong schedule.** Whatever is not understood with confidence is
 *   refused (`{ ok: false, reason }`, meaning "no check"). Where a text admits a reading that
 *   is safe (never closes the shop at a time some other reading would have it open), that
 *   reading is taken; otherwise the text is refused.
 *
 * What is understood
 * - French: days (lundi… dimanche, plural, abbreviations `lun`/`lun.`/`lu`), ranges ("du lundi
 *   au samedi", "lun-sam", "mar. au sam.", wrapping "du samedi au lundi"), lists ("lundi,
 *   mercredi et vendredi"), "tous les jours", "7j/7", "toute la semaine", "chaque jour",
 *   "le week-end" (samedi et dimanche); times 9h, 9h30, 9H30, 09:30, 9.30, "9-12h" (start
 *   hour without "h" before an end with "h"), "midi" and "minuit" as ends of a range only;
 *   ranges "9h-19h", "de 9h à 19h", "9h jusqu'à 19h"; several ranges per day; spans past
 *   midnight ending by 8h00 ("18h-2h", "22h-6h"); "24h/24", "H24" (alone, it means every day
 *   all day: nothing can be wrongly closed); closures "fermé le lundi", "lundi : fermé",
 *   "sauf le lundi", "tous les jours sauf le lundi 9h-19h"; fillers "ouvert", "horaires", "non-stop", "en continu", "sans
 *   interruption", "le matin", "l'après-midi", "le soir" (before explicit times only). The
 *   order "9h-19h du lundi au samedi" is understood too, as long as a text uses one order.
 *   Clauses are separated by `,` `;` `/` `.` `|` `-`, parentheses, newlines or "et".
 * - OpenStreetMap: `Mo-Sa 09:00-19:00; Su 09:00-12:30`, `Mo-Fr 08:00-12:00,14:00-18:00`,
 *   `24/7`, `Tu-Su 10:00-02:00`, `Mo off`, additional rules after `,`, extended hours
 *   (`26:00`), with the OSM meaning (a later `;` rule replaces the hours of the days it names).
 * - Holidays and other conditions (French "jours fériés", OSM `PH`, `SH`, months, dates, week
 *   numbers, `Su[1]`): a condition that *closes* the shop ("fermé les jours fériés", `PH off`,
 *   `Aug off`) is dropped (the weekly schedule then says open, i.e. no check, never a false
 *   alarm); a condition with *hours* is accepted only when those hours lie inside the weekly
 *   hours of every day it may fall on, otherwise the text is refused.
 *
 * What is knowingly refused
 * - times without any day ("9h-19h", `09:00-19:00`): perhaps every day, perhaps not;
 * - days without times ("du lundi au samedi", "ouvert le dimanche"), closures alone;
 * - ranges ending after 8h00 the next morning ("14h-12h" is more likely "12h-14h" reversed,
 *   and reading it past midnight would close the shop exactly when it is open), "9h-9h";
 * - "midi"/"minuit" not at an end of a range ("du mardi au dimanche midi 9h-13h" could end the
 *   week at Sunday noon), "le matin"/"l'après-midi" without times ("fermé le lundi matin");
 * - any word not in the vocabulary ("sur rendez-vous", "horaires variables", "en semaine",
 *   months in French, "sauf en août"), texts that read two different ways, a day said both
 *   open and closed ("lundi 9h-12h, fermé le lundi");
 * - OSM sunrise/sunset, open ends (`18:00+`), comments, `||` fallbacks, `unknown`, partial
 *   closures (`Mo 12:00-14:00 off`), rules without a day.
 *
 * Overlapping French clauses are joined, not replaced: "tous les jours 9h-19h, dimanche
 * 9h-12h" reads as every day 9h-19h (wider than meant, never a false closure) because "du lundi
 * au samedi 9h-12h, le samedi 14h-17h" could mean either "also" or "instead".
 *
 * Pure module: no I/O, no clock, no time-zone logic (dates and times are already local).
 */
import { z } from 'zod';

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
/** Minutes since local midnight; `to` may be > 1440 for a span past midnight (e.g. 18:00-02:00 → from 1080 to 1560). */
export interface OpeningInterval {
  from: number;
  to: number;
}
export type WeeklyHours = Record<Weekday, OpeningInterval[]>;
export type OpeningHoursReading =
  | { ok: true; hours: WeeklyHours; /** canonical text e.g. "Mo-Sa 09:00-19:00; Su 09:00-12:30" (OSM-like) */ normalized: string }
  | { ok: false; reason: string };

/** Monday first, as in France (index 0 = MON). */
export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

const DAY = 1440;
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const OSM_DAY_NAMES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const FRENCH_DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
/** Longer texts are not opening hours; refusing them also bounds the parsing work. */
const MAX_TEXT_LENGTH = 600;

const intervalSchema = z
  .object({ from: z.number().int().min(0).max(DAY - 1), to: z.number().int().min(1).max(2 * DAY) })
  .refine((iv) => iv.to > iv.from && iv.to - iv.from <= DAY, 'an interval must end after it starts and last at most 24 hours');

/** Validates stored `WeeklyHours` (e.g. read back from the database). */
export const weeklyHoursSchema = z.object({
  MON: z.array(intervalSchema),
  TUE: z.array(intervalSchema),
  WED: z.array(intervalSchema),
  THU: z.array(intervalSchema),
  FRI: z.array(intervalSchema),
  SAT: z.array(intervalSchema),
  SUN: z.array(intervalSchema),
});

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Reads free-text opening hours (French or OpenStreetMap). Refuses whatever it is not sure of. */
export function parseOpeningHours(text: string): OpeningHoursReading {
  if (typeof text !== 'string' || text.trim() === '') return refuse('texte vide');
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) return refuse('texte trop long pour des horaires');
  // A text made only of OSM vocabulary is read as OSM, and only as OSM: "Mar 09:00-19:00" is
  // "every day in March" for OSM and "Tuesday" for a French writer, and OSM refuses it.
  const osm = osmTokens(trimmed);
  if (osm) return parseOsm(osm);
  return parseFrench(trimmed);
}

/**
 * Whether the shop is open at a local date and time. Every interval is widened by
 * `toleranceMinutes` on both sides (default 15), bounds included; a span past midnight also
 * covers the next morning.
 * @throws RangeError on a malformed date, time or tolerance.
 */
export function isOpenAt(hours: WeeklyHours, date: string, time: string, toleranceMinutes = 15): boolean {
  const day = weekdayIndex(date);
  const at = minutesOfTime(time);
  if (!Number.isFinite(toleranceMinutes) || toleranceMinutes < 0) {
    throw new RangeError(`invalid tolerance: ${toleranceMinutes}`);
  }
  const coveredBy = (dayIndex: number, minute: number): boolean =>
    intervalsOf(hours, dayIndex).some((iv) => minute >= iv.from - toleranceMinutes && minute <= iv.to + toleranceMinutes);
  // The same instant seen from the day itself, from the day before (spans past midnight) and
  // from the day after (an opening just after midnight, widened by the tolerance).
  return coveredBy(day, at) || coveredBy(day - 1, at + DAY) || coveredBy(day + 1, at - DAY);
}

/** A short French description, e.g. "du lundi au samedi 9h00-19h00, fermé le dimanche". */
export function describeOpeningHours(hours: WeeklyHours): string {
  const days = ALL_DAYS.map((d) => mergeIntervals(intervalsOf(hours, d)));
  if (days.every(isFullDay)) return 'ouvert 24h/24, 7j/7';
  if (days.every((d) => d.length === 0)) return 'aucun horaire d’ouverture';
  const parts: string[] = [];
  let closed: number[] = [];
  for (const group of groupDaysByHours(days)) {
    if (group.intervals.length === 0) closed = group.days;
    else parts.push(`${frenchDays(group.days)} ${frenchIntervals(group.intervals)}`);
  }
  if (closed.length > 0) parts.push(`fermé ${frenchDays(closed)}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: intervals, day sets, canonical text
// ---------------------------------------------------------------------------------------------

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function weekdayKey(index: number): Weekday {
  return WEEKDAYS[((index % 7) + 7) % 7] as Weekday;
}

function intervalsOf(hours: WeeklyHours, index: number): OpeningInterval[] {
  return hours[weekdayKey(index)] ?? [];
}

/** Day indices from `a` to `b` included, wrapping over the end of the week. */
function dayRange(a: number, b: number): number[] {
  const out = [a];
  for (let d = a; d !== b; ) {
    d = (d + 1) % 7;
    out.push(d);
  }
  return out;
}

/** Sorted, with overlapping or touching intervals joined. */
function mergeIntervals(list: readonly OpeningInterval[]): OpeningInterval[] {
  const sorted = [...list].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: OpeningInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    // Joined only while the result still lasts at most a day (a whole day plus a night that
    // goes on into the next morning stays as two intervals).
    if (last && iv.from <= last.to && Math.max(last.to, iv.to) - last.from <= DAY) last.to = Math.max(last.to, iv.to);
    else out.push({ from: iv.from, to: iv.to });
  }
  return out;
}

function isFullDay(list: readonly OpeningInterval[]): boolean {
  return list.length === 1 && list[0]!.from === 0 && list[0]!.to >= DAY;
}

/**
 * Latest closing time accepted the next morning. "14h-12h" is far more likely "12h-14h" typed
 * backwards than a 22-hour day, and reading it past midnight would close the shop exactly
 * when it is open; night hours ("18h-2h", "22h-6h") end early in the morning.
 */
const LATEST_NEXT_MORNING = 8 * 60;

/** A span from a start and an end read on a clock; `undefined` if meaningless or doubtful. */
function span(start: number, end: number): OpeningInterval | undefined {
  if (start < 0 || start >= DAY || end < 0 || end > 2 * DAY || end === start) return undefined;
  // An end before the start, on a 24-hour clock, is on the next day (18h-2h).
  const to = end < start ? end + DAY : end;
  if (to - DAY > LATEST_NEXT_MORNING || to - start > DAY) return undefined;
  return { from: start, to };
}

interface DayGroup {
  days: number[];
  intervals: OpeningInterval[];
}

/** Days with identical hours, ordered by their first day (Monday first). */
function groupDaysByHours(days: OpeningInterval[][]): DayGroup[] {
  const bySignature = new Map<string, DayGroup>();
  days.forEach((intervals, d) => {
    const key = intervals.map((iv) => `${iv.from}-${iv.to}`).join(',');
    const group = bySignature.get(key);
    if (group) group.days.push(d);
    else bySignature.set(key, { days: [d], intervals });
  });
  return [...bySignature.values()];
}

/** Runs of consecutive days `[first, last, length]`; a run may wrap from Sunday to Monday. */
function dayRuns(days: readonly number[]): Array<[number, number, number]> {
  const set = new Set(days);
  if (set.size === 7) return [[0, 6, 7]];
  const runs: Array<[number, number, number]> = [];
  for (const d of ALL_DAYS) {
    if (!set.has(d) || set.has((d + 6) % 7)) continue; // not the first day of a run
    let last = d;
    let length = 1;
    while (set.has((last + 1) % 7)) {
      last = (last + 1) % 7;
      length++;
    }
    runs.push([d, last, length]);
  }
  return runs;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function clock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function osmInterval(iv: OpeningInterval): string {
  // Past midnight: "18:00-02:00" when that cannot be misread, else the OSM extended "34:00".
  const end = iv.to > DAY && iv.to - DAY < iv.from ? iv.to - DAY : iv.to;
  return `${clock(iv.from)}-${clock(end)}`;
}

/** The canonical OSM-like text of a schedule; closed days are left out (OSM: closed). */
function toOsm(hours: WeeklyHours): string {
  const days = ALL_DAYS.map((d) => intervalsOf(hours, d));
  if (days.every(isFullDay)) return '24/7';
  return groupDaysByHours(days)
    .filter((g) => g.intervals.length > 0)
    .map((g) => {
      const selector = dayRuns(g.days)
        .map(([first, last, length]) => {
          const a = OSM_DAY_NAMES[first]!;
          const b = OSM_DAY_NAMES[last]!;
          return length === 1 ? a : length === 2 ? `${a},${b}` : `${a}-${b}`;
        })
        .join(',');
      return `${selector} ${g.intervals.map(osmInterval).join(',')}`;
    })
    .join('; ');
}

function frenchClock(minutes: number): string {
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}`;
}

function frenchInterval(iv: OpeningInterval): string {
  if (iv.from === 0 && iv.to === DAY) return '24h/24';
  const end = iv.to === DAY ? 'minuit' : frenchClock(iv.to % DAY);
  const nextDay = iv.to > DAY && iv.to - DAY >= iv.from ? ' le lendemain' : '';
  return `${frenchClock(iv.from)}-${end}${nextDay}`;
}

function frenchList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function frenchIntervals(list: OpeningInterval[]): string {
  return frenchList(list.map(frenchInterval));
}

function frenchDays(days: number[]): string {
  if (days.length === 7) return 'tous les jours';
  const items = dayRuns(days).flatMap(([first, last, length]) => {
    const a = FRENCH_DAY_NAMES[first]!;
    const b = FRENCH_DAY_NAMES[last]!;
    return length === 1 ? [`le ${a}`] : length === 2 ? [`le ${a}`, `le ${b}`] : [`du ${a} au ${b}`];
  });
  return frenchList(items);
}

/** Hours that only apply under a condition we cannot evaluate (holidays, seasons…). */
interface Conditional {
  days: readonly number[];
  intervals: OpeningInterval[];
  label: string;
}

/**
 * Builds the reading from per-day intervals. Conditional hours are accepted only if they lie
 * inside the weekly hours of every day they may fall on: ignoring them then never makes a
 * receipt look outside the hours when it was not.
 */
function finish(week: OpeningInterval[][], conditionals: Conditional[]): OpeningHoursReading {
  const merged = week.map(mergeIntervals);
  if (merged.every((d) => d.length === 0)) return refuse('aucune plage d’ouverture');
  const hours = Object.fromEntries(WEEKDAYS.map((key, d) => [key, merged[d] ?? []])) as WeeklyHours;
  for (const c of conditionals) {
    for (const d of c.days) {
      const base = merged[d] ?? [];
      for (const iv of mergeIntervals(c.intervals)) {
        if (!base.some((b) => b.from <= iv.from && iv.to <= b.to)) {
          return refuse(`les horaires ${c.label} dépassent les horaires de la semaine : non représentables`);
        }
      }
    }
  }
  return { ok: true, hours, normalized: toOsm(hours) };
}

// ---------------------------------------------------------------------------------------------
// isOpenAt input
// ---------------------------------------------------------------------------------------------

/** Day index (MON = 0) of a local YYYY-MM-DD date. */
function weekdayIndex(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`invalid date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) {
    throw new RangeError(`invalid date: ${date}`);
  }
  return (utc.getUTCDay() + 6) % 7; // getUTCDay: 0 = Sunday
}

/** Minutes (with a fraction for seconds) since midnight of HH:MM or HH:MM:SS. */
function minutesOfTime(time: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  const [h, min, s] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3] ?? 0)];
  if (!m || h > 23 || min > 59 || s > 59) throw new RangeError(`invalid time: ${time}`);
  return h * 60 + min + s / 60;
}

// ---------------------------------------------------------------------------------------------
// OpenStreetMap opening_hours
// ---------------------------------------------------------------------------------------------

type OsmTok =
  | { k: 'wd'; day: number }
  | { k: 'ph' }
  | { k: 'sh' }
  | { k: 'wide' } // month, "week", "easter": a selector of part of the year
  | { k: 'num' }
  | { k: 'time'; h: number; m: number }
  | { k: 't247' }
  | { k: 'off' }
  | { k: 'open' }
  | { k: 'unsupported'; what: string }
  | { k: ';' | ',' | '-' | ':' | '[' | ']' | '/' };

const OSM_WORDS: Record<string, OsmTok> = {
  ...Object.fromEntries(OSM_DAY_NAMES.map((n, day) => [n.toLowerCase(), { k: 'wd', day } as OsmTok])),
  ...Object.fromEntries(
    ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'week', 'easter'].map((w) => [
      w,
      { k: 'wide' } as OsmTok,
    ]),
  ),
  ph: { k: 'ph' },
  sh: { k: 'sh' },
  off: { k: 'off' },
  closed: { k: 'off' },
  open: { k: 'open' },
  unknown: { k: 'unsupported', what: 'état « unknown »' },
  sunrise: { k: 'unsupported', what: 'heures solaires' },
  sunset: { k: 'unsupported', what: 'heures solaires' },
  dawn: { k: 'unsupported', what: 'heures solaires' },
  dusk: { k: 'unsupported', what: 'heures solaires' },
};

/** Tokens of an OSM opening_hours value, or null when the text is not in that vocabulary. */
function osmTokens(text: string): OsmTok[] | null {
  const s = text.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-');
  const toks: OsmTok[] = [];
  let m: RegExpExecArray | null;
  for (let i = 0; i < s.length; i += m[0].length) {
    const rest = s.slice(i);
    if ((m = /^[\r\n]+/.exec(rest))) toks.push({ k: ';' });
    else if ((m = /^[^\S\r\n]+/.exec(rest))) continue;
    else if ((m = /^(\d{1,2}):(\d{2})/.exec(rest))) toks.push({ k: 'time', h: Number(m[1]), m: Number(m[2]) });
    else if ((m = /^24\/7/.exec(rest))) toks.push({ k: 't247' });
    else if ((m = /^\|\|/.exec(rest))) toks.push({ k: 'unsupported', what: 'règle de repli « || »' });
    else if ((m = /^"[^"]*"?/.exec(rest))) toks.push({ k: 'unsupported', what: 'commentaire' });
    else if ((m = /^\d+/.exec(rest))) toks.push({ k: 'num' });
    else if ((m = /^[a-z]+/.exec(rest))) {
      const word = OSM_WORDS[m[0]];
      if (!word) return null;
      toks.push(word);
    } else if ((m = /^[;,\-:[\]/]/.exec(rest))) toks.push({ k: m[0] as ';' | ',' | '-' | ':' | '[' | ']' | '/' });
    else if ((m = /^\+/.exec(rest))) toks.push({ k: 'unsupported', what: 'heure de fin ouverte « + »' });
    else return null;
  }
  return toks.some((t) => ['wd', 'ph', 'sh', 'time', 't247'].includes(t.k)) ? toks : null;
}

interface OsmGroup {
  days: number[];
  /** Only on some days we cannot tell apart in a weekly schedule. */
  condition?: string;
}

interface OsmRule {
  wide: boolean;
  groups: OsmGroup[];
  intervals: OpeningInterval[];
  off: boolean;
}

function startsOsmSelector(t: OsmTok | undefined): boolean {
  return t?.k === 'wd' || t?.k === 'ph' || t?.k === 'sh' || t?.k === 'wide';
}

/** Reads one rule from `i`; returns the index after it (after a `,` that starts another rule). */
function readOsmRule(seg: OsmTok[], start: number): { rule: OsmRule; next: number } | { error: string } {
  let i = start;
  const bad = { error: 'horaires OSM de forme non reconnue' };
  // Part-of-year selectors: months, dates, week numbers ("Jul-Aug", "Dec 25", "week 1-10/2").
  let wide = false;
  let numbers = false;
  for (let t = seg[i]; t; t = seg[i]) {
    if (t.k === 'wide') wide = true;
    else if (t.k === 'num') numbers = true;
    else if (!((wide || numbers) && (t.k === '-' || t.k === '/' || t.k === ',' || t.k === ':'))) break;
    i++;
  }
  if (numbers && !wide) return bad;
  // Weekday and holiday selectors: "," is a union, items side by side an intersection (SH Mo-Fr).
  const groups: OsmGroup[] = [];
  let cur: OsmGroup | undefined;
  for (let t = seg[i]; t; t = seg[i]) {
    if (t.k === 'wd') {
      const end = seg[i + 2];
      cur ??= { days: [] };
      if (seg[i + 1]?.k === '-' && end?.k === 'wd') {
        cur.days.push(...dayRange(t.day, end.day));
        i += 3;
      } else {
        cur.days.push(t.day);
        i += 1;
      }
      if (seg[i]?.k === '[') {
        // "Su[1]": the first Sunday of the month.
        for (i++; seg[i]?.k === 'num' || seg[i]?.k === '-' || seg[i]?.k === ','; i++);
        if (seg[i]?.k !== ']') return bad;
        i++;
        cur.condition ??= 'de certaines semaines du mois';
      }
    } else if (t.k === 'ph' || t.k === 'sh') {
      cur ??= { days: [] };
      cur.condition = t.k === 'ph' ? 'des jours fériés' : 'des vacances scolaires';
      i++;
    } else if (t.k === ',' && cur && startsOsmSelector(seg[i + 1])) {
      groups.push(cur);
      cur = undefined;
      i++;
    } else break;
  }
  if (cur) groups.push(cur);
  if (seg[i]?.k === ':') i++;
  // Time spans.
  const intervals: OpeningInterval[] = [];
  if (seg[i]?.k === 't247') {
    intervals.push({ from: 0, to: DAY });
    i++;
  } else {
    for (let a = seg[i]; a?.k === 'time'; a = seg[i]) {
      const b = seg[i + 2];
      if (seg[i + 1]?.k !== '-' || b?.k !== 'time') return { error: 'heure isolée ou de forme non reconnue' };
      const iv = a.m < 60 && b.m < 60 ? span(a.h * 60 + a.m, b.h * 60 + b.m) : undefined;
      if (!iv) return { error: 'plage horaire invalide' };
      intervals.push(iv);
      i += 3;
      if (seg[i]?.k === ',' && seg[i + 1]?.k === 'time') i++;
      else break;
    }
  }
  // Modifier.
  let off = false;
  if (seg[i]?.k === 'off') {
    off = true;
    i++;
  } else if (seg[i]?.k === 'open') i++;
  // End of the rule, or "," and an additional rule.
  if (i < seg.length) {
    if (seg[i]?.k === ',' && startsOsmSelector(seg[i + 1])) i++;
    else return bad;
  }
  return { rule: { wide, groups, intervals, off }, next: i };
}

function parseOsm(toks: OsmTok[]): OpeningHoursReading {
  const unsupported = toks.find((t) => t.k === 'unsupported');
  if (unsupported?.k === 'unsupported') return refuse(`horaires OSM non pris en charge : ${unsupported.what}`);
  const week: OpeningInterval[][] = ALL_DAYS.map(() => []);
  const conditionals: Conditional[] = [];
  // Rules separated by ";" replace the hours of the days they name; "," adds to them.
  const segments: OsmTok[][] = [[]];
  for (const t of toks) {
    if (t.k === ';') segments.push([]);
    else segments[segments.length - 1]!.push(t);
  }
  for (const seg of segments) {
    for (let i = 0, additional = false; i < seg.length; additional = true) {
      const read = readOsmRule(seg, i);
      if ('error' in read) return refuse(read.error);
      const { rule } = read;
      i = read.next;
      if (rule.intervals.length === 0 && !rule.off) return refuse('règle OSM sans horaire');
      if (rule.intervals.length > 0 && rule.off) return refuse('fermeture partielle d’une journée non prise en charge');
      let groups = rule.groups;
      if (groups.length === 0) {
        // No day at all: OSM means "every day", but a bare "09:00-19:00" may just lack its days.
        // Only a whole day is safe to spread over the week; nothing is then wrongly closed.
        if (!rule.wide && !(rule.intervals.length > 0 && rule.intervals.every((iv) => iv.from === 0 && iv.to >= DAY))) {
          return refuse('horaires sans jour de la semaine');
        }
        groups = [{ days: [] }];
      }
      for (const g of groups) {
        const days = g.days.length > 0 ? [...new Set(g.days)] : [...ALL_DAYS];
        const condition = g.condition ?? (rule.wide ? 'saisonniers ou datés' : undefined);
        if (condition) {
          // A conditional closure is dropped (no false alarm); conditional hours are checked in finish().
          if (!rule.off) conditionals.push({ days, intervals: rule.intervals, label: condition });
          continue;
        }
        for (const d of days) week[d] = rule.off ? [] : additional ? [...week[d]!, ...rule.intervals] : [...rule.intervals];
      }
    }
  }
  return finish(week, conditionals);
}

// ---------------------------------------------------------------------------------------------
// French free text
// ---------------------------------------------------------------------------------------------

type FrTok =
  | { k: 'day'; day: number } // a day named on its own
  | { k: 'days'; days: readonly number[] } // "tous les jours", "7j/7", "week-end"
  | { k: 'ferie' } // jours fériés
  | { k: 'time'; min: number } // 9h, 9h30, 09:30, 9.30 (0..1440)
  | { k: 'num'; min: number } // a bare hour, only as the start of "9-12h"
  | { k: 'midi' }
  | { k: 'minuit' }
  | { k: 'h24' } // 24h/24
  | { k: 'dash' } // "-": a range, or between clauses
  | { k: 'a' } // "à", "au", "jusqu'à": a range
  | { k: 'sep' } // , ; / . | ( ) newline
  | { k: 'et' }
  | { k: 'ferme' }
  | { k: 'sauf' }
  | { k: 'qual'; earliest: number; latest: number }; // matin, après-midi, soir: only right before times starting in [earliest, latest)

/** Multi-word phrases rewritten to single words before tokenizing (text already lower-case, no accents). */
const FRENCH_PHRASES: Array<[RegExp, string]> = [
  [/\b24\s*\/\s*7(?![0-9])/g, ' jouretnuit tlj '],
  [/\b24\s*(?:h|heures?)?\s*(?:\/|sur)\s*24(?:\s*(?:h|heures?))?(?![a-z0-9])/g, ' jouretnuit '],
  [/\bh\s?24(?![a-z0-9])/g, ' jouretnuit '],
  [/\b7\s*(?:j|jours?)?\s*(?:\/|sur)\s*7(?:\s*(?:j|jours?))?(?![a-z0-9])/g, ' tlj '],
  [/\btous\s+les\s+jours\b/g, ' tlj '],
  [/\btoute\s+la\s+semaine\b/g, ' tlj '],
  [/\bchaque\s+jour\b/g, ' tlj '],
  [/\b(?:jours?\s+)?feries?\b/g, ' ferie '],
  [/\bweek\s*-?\s*ends?\b/g, ' weekend '],
  [/\bapres\s*-?\s*midis?\b/g, ' apresmidi '],
  [/\bnon\s*-?\s*stop\b/g, ' '],
  [/\bsans\s+interruption\b/g, ' '],
  [/\ben\s+continu\b/g, ' '],
  [/\b(?:en\s+)?journee\s+continue\b/g, ' '],
  [/\bjusqu\s*'?\s*(?:a|au)\b/g, ' a '],
];

const FRENCH_DAY_WORDS: Record<string, number> = {};
const FRENCH_ABBREVIATIONS = new Set<string>();
[
  ['lundi', 'lun', 'lu'],
  ['mardi', 'mar', 'ma'],
  ['mercredi', 'mer', 'merc', 'me'],
  ['jeudi', 'jeu', 'je'],
  ['vendredi', 'ven', 'vend', 've'],
  ['samedi', 'sam', 'sa'],
  ['dimanche', 'dim', 'di'],
].forEach(([full, ...abbreviations], day) => {
  FRENCH_DAY_WORDS[full!] = day;
  FRENCH_DAY_WORDS[`${full}s`] = day;
  for (const a of abbreviations) {
    FRENCH_DAY_WORDS[a] = day;
    FRENCH_ABBREVIATIONS.add(a);
  }
});

const FRENCH_WORDS: Record<string, FrTok | null> = {
  tlj: { k: 'days', days: ALL_DAYS },
  weekend: { k: 'days', days: [5, 6] },
  ferie: { k: 'ferie' },
  jf: { k: 'ferie' },
  midi: { k: 'midi' },
  minuit: { k: 'minuit' },
  jouretnuit: { k: 'h24' }, // "24h/24", rewritten (a word of letters only)
  a: { k: 'a' },
  au: { k: 'a' },
  et: { k: 'et' },
  ferme: { k: 'ferme' },
  fermee: { k: 'ferme' },
  fermes: { k: 'ferme' },
  fermees: { k: 'ferme' },
  fermeture: { k: 'ferme' },
  sauf: { k: 'sauf' },
  excepte: { k: 'sauf' },
  hors: { k: 'sauf' },
  matin: { k: 'qual', earliest: 0, latest: 12 * 60 },
  apresmidi: { k: 'qual', earliest: 11 * 60, latest: DAY },
  soir: { k: 'qual', earliest: 16 * 60, latest: DAY },
  // Fillers: words that add nothing to the schedule.
  ...Object.fromEntries(
    ['ouvert', 'ouverte', 'ouverts', 'ouvertes', 'ouverture', 'horaires', 'horaire', 'heures', 'hebdomadaire']
      .concat(['d', 'de', 'du', 'des', 'le', 'les', 'l'])
      .map((w) => [w, null]),
  ),
};

/** Tokens of a French text, or the reason it cannot be read. */
function frenchTokens(text: string): FrTok[] | { error: string } {
  let s = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u00a0\u202f\t]/g, ' ');
  for (const [re, replacement] of FRENCH_PHRASES) s = s.replace(re, replacement);
  const toks: FrTok[] = [];
  let m: RegExpExecArray | null;
  for (let i = 0; i < s.length; i += m[0].length) {
    const rest = s.slice(i);
    if ((m = /^[\r\n]+/.exec(rest))) toks.push({ k: 'sep' });
    else if ((m = /^[^\S\r\n]+/.exec(rest))) continue;
    else if ((m = /^(\d{1,2}) ?h(\d{2})(?!\d)/.exec(rest)) || (m = /^(\d{1,2})[:.](\d{2})(?!\d)/.exec(rest))) {
      const [h, min] = [Number(m[1]), Number(m[2])];
      if (min > 59 || h > 24 || (h === 24 && min > 0)) return { error: `heure invalide « ${m[0]} »` };
      toks.push({ k: 'time', min: h * 60 + min });
    } else if ((m = /^(\d{1,2}) ?(?:h|heures?)(?![a-z0-9])/.exec(rest))) {
      const h = Number(m[1]);
      if (h > 24) return { error: `heure invalide « ${m[0]} »` };
      toks.push({ k: 'time', min: h * 60 });
    } else if ((m = /^\d+/.exec(rest))) {
      const h = Number(m[0]);
      if (m[0].length > 2 || h > 24) return { error: `nombre non compris « ${m[0]} »` };
      toks.push({ k: 'num', min: h * 60 });
    } else if ((m = /^[a-z]+/.exec(rest))) {
      const word = m[0];
      const day = FRENCH_DAY_WORDS[word];
      if (day !== undefined) {
        toks.push({ k: 'day', day });
        // "mar." / "sam.": the dot ends the abbreviation, it does not separate clauses.
        if (FRENCH_ABBREVIATIONS.has(word) && s[i + word.length] === '.') m[0] += '.';
      } else if (word in FRENCH_WORDS) {
        const tok = FRENCH_WORDS[word];
        if (tok) toks.push(tok);
      } else return { error: `mot non compris « ${word} »` };
    } else if ((m = /^[,;/.|()[\]]/.exec(rest))) toks.push({ k: 'sep' });
    else if ((m = /^-/.exec(rest))) toks.push({ k: 'dash' });
    else if ((m = /^&/.exec(rest))) toks.push({ k: 'et' });
    else if ((m = /^[:'"«»]/.exec(rest))) continue;
    else return { error: `caractère non compris « ${rest[0]} »` };
  }
  return toks;
}

/** Days chosen by a part of a French clause. `named`: days named on their own ("lundi", not "lun-ven"). */
interface DaySel {
  days: ReadonlySet<number>;
  holiday: boolean;
  named: ReadonlySet<number>;
}

type FrClause = { open: true; sel: DaySel; intervals: OpeningInterval[] } | { open: false; sel: DaySel };

/** One way to read a prefix: the value read and the index of the next token. */
interface Alt<T> {
  v: T;
  at: number;
}

class TooAmbiguous extends Error {}
/** Above this many complete readings the text is refused (and the work stays bounded). */
const MAX_READINGS = 200;

/**
 * All complete readings of the tokens, each a list of clauses. The grammar, for one order
 * (days first, or times first, never both in one text):
 *
 *   text    := clause ( joiner* clause )*            joiner: , ; / . | - et
 *   clause  := dayExpr (sep|dash)* times | times (sep|dash)* dayExpr    (an opening)
 *            | dayExpr (sep|dash)* FERME | FERME dayList | SAUF dayList  (a closure)
 *   dayExpr := dayList [ SAUF dayList ]
 *   dayList := dayItem ( (sep|et)* dayItem )*        (must go on after "et", may stop after ",")
 *   dayItem := DAY | DAY (-|à|au) DAY | TLJ | WEEKEND | FERIE
 *   times   := timeItem ( (sep|et)* timeItem )*
 *   timeItem:= [QUAL] start (-|à) end | H24         start: TIME|NUM|MIDI|MINUIT, end: TIME|MIDI|MINUIT
 *
 * Every reading is kept; the caller refuses the text unless they all give the same schedule.
 */
function frenchReadings(toks: FrTok[]): FrClause[][] {
  const isSep = (i: number) => toks[i]?.k === 'sep';
  const startsDay = (i: number) => ['day', 'days', 'ferie'].includes(toks[i]?.k ?? '');
  const startsTime = (i: number) => ['time', 'num', 'midi', 'minuit', 'h24', 'qual'].includes(toks[i]?.k ?? '');
  const skip = (i: number, kinds: string[]) => {
    while (kinds.includes(toks[i]?.k ?? '')) i++;
    return i;
  };

  function dayItem(at: number): Alt<DaySel>[] {
    const t = toks[at];
    if (t?.k === 'day') {
      const link = toks[at + 1];
      const end = toks[at + 2];
      if ((link?.k === 'dash' || link?.k === 'a') && end?.k === 'day') {
        if (end.day === t.day) return []; // "lundi au lundi": a whole week, or a slip?
        return [{ v: { days: new Set(dayRange(t.day, end.day)), holiday: false, named: new Set() }, at: at + 3 }];
      }
      return [{ v: { days: new Set([t.day]), holiday: false, named: new Set([t.day]) }, at: at + 1 }];
    }
    if (t?.k === 'days') return [{ v: { days: new Set(t.days), holiday: false, named: new Set() }, at: at + 1 }];
    if (t?.k === 'ferie') return [{ v: { days: new Set(), holiday: true, named: new Set() }, at: at + 1 }];
    return [];
  }

  /** A list of items; after "et" (or nothing) it must go on, after a separator it may stop. */
  function list<T>(at: number, item: (i: number) => Alt<T>[], starts: (i: number) => boolean, join: (a: T, b: T) => T): Alt<T>[] {
    const out: Alt<T>[] = [];
    const more = (acc: T, i: number) => {
      const next = skip(i, ['sep', 'et']);
      let sawSep = false;
      for (let j = i; j < next; j++) sawSep ||= isSep(j);
      const goesOn = starts(next);
      if (goesOn) for (const alt of item(next)) more(join(acc, alt.v), alt.at);
      if (!goesOn || sawSep) out.push({ v: acc, at: i });
    };
    for (const first of item(at)) more(first.v, first.at);
    return out;
  }

  const unionSel = (a: DaySel, b: DaySel): DaySel => ({
    days: new Set([...a.days, ...b.days]),
    holiday: a.holiday || b.holiday,
    named: new Set([...a.named, ...b.named]),
  });
  const dayList = (at: number) => list(at, dayItem, startsDay, unionSel);

  function dayExpr(at: number): Alt<DaySel>[] {
    const out: Alt<DaySel>[] = [];
    for (const base of dayList(at)) {
      out.push(base);
      const s = skip(base.at, ['sep']);
      if (toks[s]?.k !== 'sauf') continue;
      for (const except of dayList(s + 1)) {
        const days = new Set([...base.v.days].filter((d) => !except.v.days.has(d)));
        const holiday = base.v.holiday && !except.v.holiday;
        if (days.size === 0 && !holiday) continue;
        const named = new Set([...base.v.named].filter((d) => days.has(d)));
        out.push({ v: { days, holiday, named }, at: except.at });
      }
    }
    return out;
  }

  function timeItem(at: number): Alt<OpeningInterval[]>[] {
    const qual = toks[at];
    const i = qual?.k === 'qual' ? at + 1 : at;
    const a = toks[i];
    if (a?.k === 'h24') return qual?.k === 'qual' ? [] : [{ v: [{ from: 0, to: DAY }], at: i + 1 }];
    const link = toks[i + 1];
    const b = toks[i + 2];
    if (!(link?.k === 'dash' || link?.k === 'a')) return [];
    const start = a?.k === 'time' || a?.k === 'num' ? a.min : a?.k === 'midi' ? 720 : a?.k === 'minuit' ? 0 : undefined;
    const end = b?.k === 'time' ? b.min : b?.k === 'midi' ? 720 : b?.k === 'minuit' ? DAY : undefined;
    if (start === undefined || end === undefined) return [];
    // "9-12h": a bare start hour is only taken before a later end on the same day ("9-2h"
    // might be 21h-2h).
    if (a?.k === 'num' && end <= start) return [];
    // "le matin 14h-18h" contradicts itself.
    if (qual?.k === 'qual' && (start < qual.earliest || start >= qual.latest)) return [];
    const iv = span(start, end);
    return iv ? [{ v: [iv], at: i + 3 }] : [];
  }
  const times = (at: number) => list(at, timeItem, startsTime, (a, b) => [...a, ...b]);

  function clause(at: number, daysFirst: boolean): Alt<FrClause>[] {
    const out: Alt<FrClause>[] = [];
    if (daysFirst) {
      for (const d of dayExpr(at))
        for (const t of times(skip(d.at, ['sep', 'dash']))) out.push({ v: { open: true, sel: d.v, intervals: t.v }, at: t.at });
    } else {
      for (const t of times(at))
        for (const d of dayExpr(skip(t.at, ['sep', 'dash']))) out.push({ v: { open: true, sel: d.v, intervals: t.v }, at: d.at });
    }
    for (const d of dayExpr(at)) {
      const f = skip(d.at, ['sep', 'dash']);
      if (toks[f]?.k === 'ferme') out.push({ v: { open: false, sel: d.v }, at: f + 1 });
    }
    const k = toks[at]?.k;
    if (k === 'ferme' || k === 'sauf') {
      for (const d of dayList(skip(at + 1, ['sep', 'dash']))) out.push({ v: { open: false, sel: d.v }, at: d.at });
    }
    return out;
  }

  const readings: FrClause[][] = [];
  for (const daysFirst of [true, false]) {
    const memo = new Map<number, FrClause[][]>();
    const rest = (at: number): FrClause[][] => {
      const i = skip(at, ['sep', 'et', 'dash']);
      if (i >= toks.length) return [[]];
      const known = memo.get(i);
      if (known) return known;
      const out: FrClause[][] = [];
      for (const c of clause(i, daysFirst)) {
        for (const tail of rest(c.at)) {
          out.push([c.v, ...tail]);
          if (out.length > MAX_READINGS) throw new TooAmbiguous();
        }
      }
      memo.set(i, out);
      return out;
    };
    readings.push(...rest(0));
    if (readings.length > MAX_READINGS) throw new TooAmbiguous();
  }
  return readings;
}

/** The schedule one reading describes. Openings are joined; closures win over ranges. */
function frenchSchedule(clauses: FrClause[]): OpeningHoursReading {
  const week: OpeningInterval[][] = ALL_DAYS.map(() => []);
  const named = new Set<number>();
  const closed = new Set<number>();
  const holidayHours: OpeningInterval[] = [];
  for (const c of clauses) {
    if (c.open) {
      for (const d of c.sel.days) week[d]!.push(...c.intervals);
      for (const d of c.sel.named) named.add(d);
      if (c.sel.holiday) holidayHours.push(...c.intervals);
    } else {
      // "fermé les jours fériés": dropped, a holiday then reads as an ordinary day.
      for (const d of c.sel.days) closed.add(d);
    }
  }
  if (!clauses.some((c) => c.open)) return refuse('aucun horaire d’ouverture indiqué');
  for (const d of closed) {
    if (named.has(d)) return refuse(`le ${FRENCH_DAY_NAMES[d]} est dit à la fois ouvert et fermé`);
    week[d] = [];
  }
  const conditionals = holidayHours.length > 0 ? [{ days: ALL_DAYS, intervals: holidayHours, label: 'des jours fériés' }] : [];
  return finish(week, conditionals);
}

function parseFrench(text: string): OpeningHoursReading {
  const toks = frenchTokens(text);
  if ('error' in toks) return refuse(toks.error);
  const meaningful = toks.filter((t) => !['sep', 'et', 'dash'].includes(t.k));
  if (meaningful.length === 0) return refuse('aucun horaire reconnu');
  // "24h/24" alone: open all the time; no reading of it can close the shop.
  if (meaningful.every((t) => t.k === 'h24')) return finish(ALL_DAYS.map(() => [{ from: 0, to: DAY }]), []);
  if (!meaningful.some((t) => ['time', 'num', 'midi', 'minuit', 'h24'].includes(t.k))) return refuse('aucun horaire indiqué');
  if (!meaningful.some((t) => ['day', 'days', 'ferie'].includes(t.k))) {
    return refuse('aucun jour indiqué (tous les jours ? seulement certains ?)');
  }
  const lonely = toks.findIndex(
    (t, i) => (t.k === 'midi' || t.k === 'minuit') && !['dash', 'a'].includes(toks[i - 1]?.k ?? '') && !['dash', 'a'].includes(toks[i + 1]?.k ?? ''),
  );
  if (lonely >= 0) return refuse(`« ${toks[lonely]!.k} » hors d’une plage horaire : ambigu`);

  let readings: FrClause[][];
  try {
    readings = frenchReadings(toks);
  } catch (e) {
    if (e instanceof TooAmbiguous) return refuse('texte trop ambigu');
    throw e;
  }
  if (readings.length === 0) {
    // Say which range is at fault when one is ("9h-9h", "14h-12h"), else give up plainly.
    const clockOf = (t: FrTok | undefined, end: boolean) =>
      t?.k === 'time' || t?.k === 'num' ? t.min : t?.k === 'midi' ? 720 : t?.k === 'minuit' ? (end ? DAY : 0) : undefined;
    for (let i = 0; i + 2 < toks.length; i++) {
      const [a, b] = [clockOf(toks[i], false), clockOf(toks[i + 2], true)];
      const link = toks[i + 1]?.k;
      if (a !== undefined && b !== undefined && (link === 'dash' || link === 'a') && !span(a, b)) {
        return refuse(`plage horaire invalide ou douteuse « ${frenchClock(a)}-${frenchClock(b)} »`);
      }
    }
    return refuse('formulation non comprise');
  }
  // Every reading must give the same schedule; otherwise the text is ambiguous.
  const results = readings.map(frenchSchedule);
  const accepted = results.filter((r): r is Extract<OpeningHoursReading, { ok: true }> => r.ok);
  if (accepted.length === 0) return results[0]!;
  if (accepted.length < results.length || new Set(accepted.map((r) => r.normalized)).size > 1) {
    return refuse('texte ambigu : plusieurs lectures possibles');
  }
  return accepted[0]!;
}
