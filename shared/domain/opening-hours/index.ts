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
 *
 * The files (each imports only those above it):
 *   model.ts     the types (WeeklyHours, OpeningHoursReading...), the days, the stored-hours schema
 *   schedule.ts  shared helpers: intervals, day sets, canonical text (OSM-like and French)
 *   osm.ts       the OpenStreetMap `opening_hours` reader
 *   french.ts    the French free-text reader
 *   api.ts       parseOpeningHours, isOpenAt, describeOpeningHours
 */
export { type Weekday, type OpeningInterval, type WeeklyHours, type OpeningHoursReading, WEEKDAYS, weeklyHoursSchema } from './model';
export { parseOpeningHours, isOpenAt, describeOpeningHours } from './api';
