import { describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/domain/dates';
import { secondsUntilNextLocalDay, uploadsInFlight } from '../../../shared/domain/limits';

describe('secondsUntilNextLocalDay', () => {
  it.each([
    ['2026-06-20T21:59:30Z', 30], // 23:59:30 in Paris (summer time)
    ['2026-06-20T22:00:00Z', 86_400], // midnight: a whole day to wait
    ['2026-12-03T12:00:00Z', 11 * 3600], // 13:00 in Paris (winter time)
    ['2026-03-28T23:30:00Z', 22.5 * 3600], // 00:30 on the day clocks go forward (29 March): that day lasts 23 hours
  ])('%s -> %i s', (instant, seconds) => {
    const now = new Date(instant);
    const wait = secondsUntilNextLocalDay(now);
    expect(wait).toBe(seconds);
    expect(localDate(new Date(now.getTime() + wait * 1000))).not.toBe(localDate(now));
    expect(localDate(new Date(now.getTime() + (wait - 1) * 1000))).toBe(localDate(now));
  });
});

describe('uploadsInFlight', () => {
  const now = new Date('2026-06-20T10:00:00Z');
  const at = (minutesAgo: number, status = 'AWAITING_UPLOAD') => ({ status, createdAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString() });

  it('counts announced uploads whose link has not expired', () => {
    expect(uploadsInFlight([at(1), at(5), at(20), at(2, 'PROCESSING'), at(3, 'CREDITED')], now, 900, 5)).toEqual({ count: 2 });
  });

  it('at the limit, waits until enough links expire to make room for one more', () => {
    const recent = [at(1), at(2), at(3), at(10), at(14)];
    expect(uploadsInFlight(recent, now, 900, 5)).toEqual({ count: 5, retryAfterSeconds: 60 });
    expect(uploadsInFlight(recent, now, 900, 3)).toEqual({ count: 5, retryAfterSeconds: 12 * 60 });
  });
});
