import * as z from '../../schema';

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

export const DAY = 1440;
export const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export const OSM_DAY_NAMES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export const FRENCH_DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
/** Longer texts are not opening hours; refusing them also bounds the parsing work. */
export const MAX_TEXT_LENGTH = 600;

const intervalSchema = z
  .object({ from: z.int().check(z.minimum(0), z.maximum(DAY - 1)), to: z.int().check(z.minimum(1), z.maximum(2 * DAY)) })
  .check(z.refine((iv) => iv.to > iv.from && iv.to - iv.from <= DAY, 'an interval must end after it starts and last at most 24 hours'));

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
