import { CITY_TIME_ZONE } from '../domain/dates';

/** Minutes east of UTC of the city's zone at an instant (60 in winter, 120 in summer for Paris). */
function offsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: CITY_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a local (Europe/Paris) wall-clock time. */
export function cityInstant(year: number, month: number, day: number, hour: number): Date {
  const guess = new Date(Date.UTC(year, month - 1, day, hour));
  return new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
}

/**
 * The local stack's stand-in for the EventBridge schedule: the payout job runs on the first day
 * of each month at 06:00 in the city (the default city schedule, cron(0 6 1 * ? *) Europe/Paris).
 */
export function nextMonthlyRun(after: Date, dayOfMonth = 1, hour = 6): Date {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'numeric' }).formatToParts(after);
  let year = Number(local.find((p) => p.type === 'year')?.value);
  let month = Number(local.find((p) => p.type === 'month')?.value);
  for (;;) {
    const candidate = cityInstant(year, month, dayOfMonth, hour);
    if (candidate.getTime() > after.getTime()) return candidate;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

/**
 * The local stack's stand-in for the daily privacy schedule (cron(30 3 * * ? *), Europe/Paris): the
 * next time after `after` that it is `hour`:`minute` in the city.
 */
export function nextDailyRun(after: Date, hour = 3, minute = 30): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(after);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  for (let day = get('day'); ; day++) {
    // Date.UTC rolls a day past the month's end over into the next month.
    const d = new Date(Date.UTC(get('year'), get('month') - 1, day));
    const candidate = new Date(cityInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour).getTime() + minute * 60_000);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
}


/**
 * The local stack's stand-in for the hourly parking schedule (cron(5 * * * ? *)): the next time
 * after `after` at `minute` past an hour.
 */
export function nextHourlyRun(after: Date, minute = 5): Date {
  const hour = new Date(Math.floor(after.getTime() / 3_600_000) * 3_600_000 + minute * 60_000);
  return hour.getTime() > after.getTime() ? hour : new Date(hour.getTime() + 3_600_000);
}
