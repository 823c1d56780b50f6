import { parseFrench } from './french';
import { ALL_DAYS, DAY, MAX_TEXT_LENGTH, type OpeningHoursReading, type WeeklyHours } from './model';
import { osmTokens, parseOsm } from './osm';
import { frenchDays, frenchIntervals, groupDaysByHours, intervalsOf, isFullDay, mergeIntervals, refuse } from './schedule';

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
