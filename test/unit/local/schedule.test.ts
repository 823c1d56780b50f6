import { describe, expect, it } from 'vitest';
import { cityInstant, nextMonthlyRun } from '../../../shared/local/schedule';

describe('the local payout schedule', () => {
  it('places 06:00 Paris time in winter and summer', () => {
    expect(cityInstant(2026, 1, 1, 6).toISOString()).toBe('2026-01-01T05:00:00.000Z');
    expect(cityInstant(2026, 7, 1, 6).toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('runs on the first of the next month', () => {
    expect(nextMonthlyRun(new Date('2026-11-26T12:00:00Z')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(nextMonthlyRun(new Date('2026-12-01T04:59:00Z')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(nextMonthlyRun(new Date('2026-12-01T05:00:00Z')).toISOString()).toBe('2027-01-01T05:00:00.000Z');
  });
});
