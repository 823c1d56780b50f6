import { ALL_DAYS, DAY, FRENCH_DAY_NAMES, type OpeningHoursReading, type OpeningInterval, OSM_DAY_NAMES, type Weekday, WEEKDAYS, type WeeklyHours } from './model';

// ---------------------------------------------------------------------------------------------
// Shared helpers: intervals, day sets, canonical text
// ---------------------------------------------------------------------------------------------

export function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function weekdayKey(index: number): Weekday {
  return WEEKDAYS[((index % 7) + 7) % 7] as Weekday;
}

export function intervalsOf(hours: WeeklyHours, index: number): OpeningInterval[] {
  return hours[weekdayKey(index)] ?? [];
}

/** Day indices from `a` to `b` included, wrapping over the end of the week. */
export function dayRange(a: number, b: number): number[] {
  const out = [a];
  for (let d = a; d !== b; ) {
    d = (d + 1) % 7;
    out.push(d);
  }
  return out;
}

/** Sorted, with overlapping or touching intervals joined. */
export function mergeIntervals(list: readonly OpeningInterval[]): OpeningInterval[] {
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

export function isFullDay(list: readonly OpeningInterval[]): boolean {
  return list.length === 1 && list[0]!.from === 0 && list[0]!.to >= DAY;
}

/**
 * Latest closing time accepted the next morning. "14h-12h" is far more likely "12h-14h" typed
 * backwards than a 22-hour day, and reading it past midnight would close the shop exactly
 * when it is open; night hours ("18h-2h", "22h-6h") end early in the morning.
 */
const LATEST_NEXT_MORNING = 8 * 60;

/** A span from a start and an end read on a clock; `undefined` if meaningless or doubtful. */
export function span(start: number, end: number): OpeningInterval | undefined {
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
export function groupDaysByHours(days: OpeningInterval[][]): DayGroup[] {
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

export function frenchClock(minutes: number): string {
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

export function frenchIntervals(list: OpeningInterval[]): string {
  return frenchList(list.map(frenchInterval));
}

export function frenchDays(days: number[]): string {
  if (days.length === 7) return 'tous les jours';
  const items = dayRuns(days).flatMap(([first, last, length]) => {
    const a = FRENCH_DAY_NAMES[first]!;
    const b = FRENCH_DAY_NAMES[last]!;
    return length === 1 ? [`le ${a}`] : length === 2 ? [`le ${a}`, `le ${b}`] : [`du ${a} au ${b}`];
  });
  return frenchList(items);
}

/** Hours that only apply under a condition we cannot evaluate (holidays, seasons…). */
export interface Conditional {
  days: readonly number[];
  intervals: OpeningInterval[];
  label: string;
}

/**
 * Builds the reading from per-day intervals. Conditional hours are accepted only if they lie
 * inside the weekly hours of every day they may fall on: ignoring them then never makes a
 * receipt look outside the hours when it was not.
 */
export function finish(week: OpeningInterval[][], conditionals: Conditional[]): OpeningHoursReading {
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
