import { describe, expect, it } from 'vitest';
import { openingHoursLines } from '../../../web/app/hours';

describe('opening hours in plain French (the app’s shop page)', () => {
  it('writes day ranges, lists of days, split days and closed days one line each', () => {
    expect(openingHoursLines('Tu-Sa 08:00-12:30,15:00-19:00; Su 09:00-12:00; Mo off')).toEqual([
      'Du mardi au samedi : 8 h – 12 h 30, 15 h – 19 h',
      'Le dimanche : 9 h – 12 h',
      'Le lundi : fermé',
    ]);
    expect(openingHoursLines('Mo,We,Fr 09:30 - 18:00')).toEqual(['Le lundi, le mercredi, le vendredi : 9 h 30 – 18 h']);
    expect(openingHoursLines('24/7')).toEqual(['Tous les jours, jour et nuit']);
  });

  it('gives up on what it cannot read, so that the page shows the text as the shop wrote it', () => {
    for (const text of ['', 'du mardi au samedi 9h-19h', 'Tu-Sa 25:00-26:00', 'Xx 09:00-12:00', 'Mo 09:00', 'Mo-Fr 08:00-12:00 "sur rendez-vous"']) {
      expect(openingHoursLines(text), text).toBeUndefined();
    }
  });
});
