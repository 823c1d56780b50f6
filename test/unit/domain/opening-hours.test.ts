import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeOpeningHours,
  isOpenAt,
  parseOpeningHours,
  weeklyHoursSchema,
  WEEKDAYS,
  type OpeningHoursReading,
  type OpeningInterval,
  type WeeklyHours,
} from '../../../shared/domain/opening-hours';

/** 2026-06-15 is a Monday: one local date per weekday, MON first. */
const DATE = { MON: '2026-06-15', TUE: '2026-06-16', WED: '2026-06-17', THU: '2026-06-18', FRI: '2026-06-19', SAT: '2026-06-20', SUN: '2026-06-21' } as const;

function read(text: string): Extract<OpeningHoursReading, { ok: true }> {
  const r = parseOpeningHours(text);
  if (!r.ok) throw new Error(`expected "${text}" to be understood, got: ${r.reason}`);
  return r;
}

function week(partial: Partial<WeeklyHours>): WeeklyHours {
  return { MON: [], TUE: [], WED: [], THU: [], FRI: [], SAT: [], SUN: [], ...partial };
}

// Texts and the canonical schedule they must give. Closed days are left out of `normalized`.
const FRENCH: Array<[string, string]> = [
  // The forms of the brief.
  ['Du lundi au samedi de 9h à 19h', 'Mo-Sa 09:00-19:00'],
  ['lundi-vendredi 8h30-12h30 et 14h-19h', 'Mo-Fr 08:30-12:30,14:00-19:00'],
  ['Lun-Sam 9h-12h / 14h-19h', 'Mo-Sa 09:00-12:00,14:00-19:00'],
  ['Mar. au Sam. 9h00-19h00, Dim. 9h-12h30', 'Tu-Sa 09:00-19:00; Su 09:00-12:30'],
  ['Ouvert 7j/7 de 8h à 20h', 'Mo-Su 08:00-20:00'],
  ['tous les jours 7h-21h', 'Mo-Su 07:00-21:00'],
  ['24h/24', '24/7'],
  ['24h/24 7j/7', '24/7'],
  ['Tous les jours 9h-19h sauf le lundi', 'Tu-Su 09:00-19:00'],
  ['Du lundi au samedi 9h-19h, fermé le dimanche', 'Mo-Sa 09:00-19:00'],
  ['Lundi : fermé\nMardi-Samedi : 9h-19h', 'Tu-Sa 09:00-19:00'],
  ['lundi, mercredi et vendredi 9h-12h', 'Mo,We,Fr 09:00-12:00'],
  ['du samedi au lundi 10h-18h', 'Sa-Mo 10:00-18:00'],
  // Times.
  ['LUNDI AU VENDREDI 9H30-18H30', 'Mo-Fr 09:30-18:30'],
  ['Lundi au vendredi 07:30-19:30 Samedi 08:00-12:00', 'Mo-Fr 07:30-19:30; Sa 08:00-12:00'],
  ['Lundi au vendredi 9.30-19.00', 'Mo-Fr 09:30-19:00'],
  ['Du lundi au vendredi 9-12h et 14-18h30', 'Mo-Fr 09:00-12:00,14:00-18:30'],
  ['lundi 9 - 12h', 'Mo 09:00-12:00'],
  ['du lundi au vendredi de midi à 14h et de 19h à minuit', 'Mo-Fr 12:00-14:00,19:00-24:00'],
  ['dimanche midi-14h', 'Su 12:00-14:00'],
  ['samedi 9h jusqu’à midi', 'Sa 09:00-12:00'],
  ['lundi de minuit à 6h', 'Mo 00:00-06:00'],
  ['lundi 18h-0h', 'Mo 18:00-24:00'],
  ['vendredi et samedi 18h-2h', 'Fr,Sa 18:00-02:00'],
  ['samedi 22h-6h', 'Sa 22:00-06:00'],
  ['ouvert 24h/24 du lundi au samedi', 'Mo-Sa 00:00-24:00'],
  ['Ouvert H24', '24/7'],
  ['24 heures sur 24, 7 jours sur 7', '24/7'],
  ['lundi 0h-24h', 'Mo 00:00-24:00'],
  // Days.
  ['lun,mar,jeu,ven 9h-19h', 'Mo,Tu,Th,Fr 09:00-19:00'],
  ['lu-ve 9h-18h', 'Mo-Fr 09:00-18:00'],
  ['les lundis 9h-12h', 'Mo 09:00-12:00'],
  ['le week-end 10h-18h', 'Sa,Su 10:00-18:00'],
  ['Lundi – Vendredi : 9h–18h', 'Mo-Fr 09:00-18:00'],
  ['toute la semaine 10h-20h', 'Mo-Su 10:00-20:00'],
  // Several clauses, separators, fillers.
  ['lundi au vendredi : 9h - 12h / 14h - 18h ; samedi : 9h - 12h', 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00'],
  ['Du lundi au vendredi : 8h-12h, 14h-18h. Le samedi : 9h-12h.', 'Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00'],
  ['Lundi 9h-12h et mardi 14h-18h', 'Mo 09:00-12:00; Tu 14:00-18:00'],
  ['Lundi 14h-19h | Mardi-Samedi 9h-19h', 'Mo 14:00-19:00; Tu-Sa 09:00-19:00'],
  ['Du mardi au samedi 9h-12h30 / 14h-19h, Lun 14h-19h', 'Mo 14:00-19:00; Tu-Sa 09:00-12:30,14:00-19:00'],
  ['du lundi au samedi 9h-19h & dimanche 9h-12h', 'Mo-Sa 09:00-19:00; Su 09:00-12:00'],
  ['Lundi - 9h-12h', 'Mo 09:00-12:00'],
  ['Du lundi au vendredi, de 9h à 18h', 'Mo-Fr 09:00-18:00'],
  ["Horaires d'ouverture : du lundi au samedi de 9h00 à 19h00", 'Mo-Sa 09:00-19:00'],
  ['ouvert du lundi au samedi de 9h à 19h sans interruption', 'Mo-Sa 09:00-19:00'],
  ['Lundi-Samedi 9h-19h non-stop', 'Mo-Sa 09:00-19:00'],
  ['Du lundi au samedi 9h-19h, dimanche matin 9h-12h', 'Mo-Sa 09:00-19:00; Su 09:00-12:00'],
  ["Lundi matin 9h-12h, l'après-midi 14h-18h", 'Mo 09:00-12:00,14:00-18:00'],
  ['lundi 9h-12h, lundi 14h-18h', 'Mo 09:00-12:00,14:00-18:00'],
  ['Lundi 9h-12h \n Mardi 14h-18h', 'Mo 09:00-12:00; Tu 14:00-18:00'],
  ["l'après-midi 13h30-19h du mardi au samedi", 'Tu-Sa 13:30-19:00'],
  // Times first.
  ['de 9h à 19h du lundi au samedi', 'Mo-Sa 09:00-19:00'],
  ['9h-19h en continu du lundi au samedi', 'Mo-Sa 09:00-19:00'],
  ['9h-12h et 14h-19h du mardi au samedi, fermé dimanche et lundi', 'Tu-Sa 09:00-12:00,14:00-19:00'],
  ['9h-19h du lundi au samedi, dimanche fermé', 'Mo-Sa 09:00-19:00'],
  // Closures and exceptions.
  ['Tous les jours sauf le dimanche de 8h à 20h', 'Mo-Sa 08:00-20:00'],
  ['tous les jours sauf le lundi et le mardi 9h-19h', 'We-Su 09:00-19:00'],
  ['Sauf le lundi, tous les jours 9h-19h', 'Tu-Su 09:00-19:00'],
  ['fermé le lundi, du mardi au dimanche 10h-18h', 'Tu-Su 10:00-18:00'],
  ['Dimanche: fermé. Lundi: fermé. Mardi au samedi: 10h-19h.', 'Tu-Sa 10:00-19:00'],
  ['Lundi au vendredi 9h-12h et 14h-18h, samedi 9h-12h et dimanche fermé', 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00'],
  ['Du lundi au samedi 9h-19h, fermé le lundi', 'Tu-Sa 09:00-19:00'], // a closure wins over a range
  ['Du lundi au samedi 9h-19h, fermeture hebdomadaire le mercredi', 'Mo,Tu,Th-Sa 09:00-19:00'],
  // Holidays: a holiday closure is dropped, holiday hours inside every day's hours are harmless.
  ['Du lundi au samedi 9h-19h (fermé dimanche et jours fériés)', 'Mo-Sa 09:00-19:00'],
  ['Du lundi au samedi 9h-19h, le dimanche 9h-13h sauf jours fériés', 'Mo-Sa 09:00-19:00; Su 09:00-13:00'],
  ['Du lundi au samedi 9h-19h. Dimanche et jours fériés 9h-12h', 'Mo-Sa 09:00-19:00; Su 09:00-12:00'],
  // Overlapping clauses are joined (wider than perhaps meant, never a false closure).
  ['Tous les jours 9h-19h, dimanche 9h-12h', 'Mo-Su 09:00-19:00'],
];

const OSM: Array<[string, string]> = [
  ['Mo-Sa 09:00-19:00; Su 09:00-12:30', 'Mo-Sa 09:00-19:00; Su 09:00-12:30'],
  ['Mo-Fr 08:00-12:00,14:00-18:00', 'Mo-Fr 08:00-12:00,14:00-18:00'],
  ['24/7', '24/7'],
  ['Mo-Su 00:00-24:00', '24/7'],
  ['Tu-Su 10:00-02:00', 'Tu-Su 10:00-02:00'],
  ['Fr-Sa 18:00-26:00', 'Fr,Sa 18:00-02:00'],
  ['Sa-Mo 10:00-18:00', 'Sa-Mo 10:00-18:00'],
  ['mo-fr 9:00-18:00', 'Mo-Fr 09:00-18:00'],
  ['Mo-Fr 09:00-18:00 open', 'Mo-Fr 09:00-18:00'],
  ['Mo-Fr 08:00-18:00\nSa 09:00-12:00', 'Mo-Fr 08:00-18:00; Sa 09:00-12:00'],
  // A later ";" rule replaces, "," adds, "off" closes.
  ['Mo-Sa 09:00-19:00; Mo off', 'Tu-Sa 09:00-19:00'],
  ['Mo-Su 09:00-19:00; Su 09:00-12:00', 'Mo-Sa 09:00-19:00; Su 09:00-12:00'],
  ['Mo-Fr 08:00-12:00, We 14:00-18:00', 'Mo,Tu,Th,Fr 08:00-12:00; We 08:00-12:00,14:00-18:00'],
  ['Mo-Fr 08:00-18:00; Sa 09:00-12:00; Su off', 'Mo-Fr 08:00-18:00; Sa 09:00-12:00'],
  ['Mo 00:00-24:00, Mo 18:00-02:00', 'Mo 00:00-24:00,18:00-02:00'],
  // Conditions: closures dropped, hours kept only when inside the weekly hours.
  ['Mo-Sa 09:00-19:00; PH off', 'Mo-Sa 09:00-19:00'],
  ['Mo-Fr 09:00-18:00, PH closed', 'Mo-Fr 09:00-18:00'],
  ['Mo-Sa 08:00-20:00; Su,PH 09:00-13:00', 'Mo-Sa 08:00-20:00; Su 09:00-13:00'],
  ['Mo-Su 09:00-19:00; PH 10:00-12:00', 'Mo-Su 09:00-19:00'],
  ['Mo-Sa 09:00-19:00; Aug off', 'Mo-Sa 09:00-19:00'],
  ['Mo-Sa 09:00-19:00; Dec 25 off', 'Mo-Sa 09:00-19:00'],
  ['Mo-Sa 09:00-19:00; Su[1] off', 'Mo-Sa 09:00-19:00'],
  ['SH Mo-Fr 10:00-12:00; Mo-Fr 09:00-18:00', 'Mo-Fr 09:00-18:00'],
  ['Jul-Aug Mo-Fr 09:00-12:00; Mo-Fr 08:00-18:00', 'Mo-Fr 08:00-18:00'],
];

const REFUSED: Array<[string, RegExp]> = [
  ['', /vide/],
  ['   \n ', /vide/],
  ['x'.repeat(700), /trop long/],
  // Not a schedule.
  ['sur rendez-vous', /sur/],
  ['horaires variables', /variables/],
  ['Fermé', /aucun horaire/],
  ['Lundi au vendredi 9h-18h, sur rendez-vous le samedi', /sur/],
  ['du lundi au vendredi 9h-12h ou 14h-18h', /« ou »/],
  ['en semaine 9h-19h', /« en »/],
  ['Du 1er mars au 30 septembre : 9h-19h', /non compris/],
  ['Lundi au vendredi 9h-18h *', /caractère/],
  // Times without days, days without times.
  ['9h-19h', /aucun jour/],
  ['de 9h à 19h', /aucun jour/],
  ['09:00-19:00', /sans jour/],
  ['du lundi au samedi', /aucun horaire/],
  ['ouvert le dimanche', /aucun horaire/],
  ['fermé le lundi', /aucun horaire/],
  ['lundi : fermé', /aucun horaire/],
  ['Du lundi au samedi 9h-19h, ouvert les jours fériés', /non comprise/],
  // "midi" and half days.
  ['du mardi au dimanche midi 9h-13h', /midi/],
  ['lundi midi', /midi/],
  ['le midi 12h-14h du lundi au vendredi', /midi/],
  ['fermé le lundi matin, du mardi au samedi 9h-19h', /non comprise/],
  ['le matin 14h-18h du lundi au vendredi', /non comprise/], // "matin" contradicts 14h
  ['Du lundi au vendredi 9h-18h et le samedi matin', /non comprise/],
  // Structures that do not read one way.
  ['lundi 9h-12h mardi', /non comprise/],
  ['lundi 9h-12h, 14h-18h mardi', /non comprise/],
  ['du lundi au samedi 9h-19h sauf le mercredi 9h-12h', /non comprise/],
  ['Lundi 9h-12h, fermé le lundi', /ouvert et fermé/],
  ['du lundi au lundi 9h-12h', /non comprise/],
  ['De 9h à 12h sauf dimanche et lundi', /non comprise/],
  // Bad or doubtful ranges.
  ['mardi 14h-12h', /douteuse/],
  ['lundi 9h-9h', /douteuse/],
  ['lundi 25h-26h', /invalide/],
  ['lundi 9h61-12h', /invalide/],
  ['lundi 9-12', /non comprise/],
  ['lundi 9-2h', /non comprise/], // 9h or 21h? a bare hour is never taken past midnight
  ['minuit \n à \n 12h30 tous les jours', /minuit/], // a line break splits a range
  ['du lundi au vendredi 9h-12h14h-18h', /non compris/],
  // Holiday hours that the weekly schedule cannot hold.
  ['Du lundi au samedi 9h-19h. Jours fériés 10h-20h', /fériés/],
  ['Du mardi au samedi 9h-19h, dimanche et jours fériés 9h-12h', /fériés/], // Easter Monday
  // OSM.
  ['Mar 09:00-19:00', /plage/], // OSM "March", French "mardi": refused
  ['Mo off', /aucune plage/],
  ['PH off', /aucune plage/],
  ['Mo-Fr', /sans horaire/],
  ['Mo-Fr open', /sans horaire/],
  ['Mo-Fr 09:00', /isolée/],
  ['Mo-Fr 10:00-18:00+', /\+/],
  ['Mo-Fr 08:00-18:00; Sa sunrise-sunset', /solaires/],
  ['Mo-Fr 09:00-18:00 "sur rdv"', /commentaire/],
  ['Mo-Fr 09:00-18:00 || "rdv"', /\|\|/],
  ['Mo-Fr 09:00-18:00; unknown', /unknown/],
  ['Mo-Fr 09:00-12:00 off', /partielle/],
  ['Mo-Fr 08:00-18:00 Sa 09:00-12:00', /forme non reconnue/],
  ['Mo-Fr 25:00-26:00', /invalide/],
  ['Mo 20:00-08:30', /invalide/],
  ['Mo-Fr 09:00-18:00; PH 10:00-12:00', /fériés/],
  ['Tu-Sa 09:00-19:00; Su,PH 09:00-13:00', /fériés/],
  ['Jul-Aug Mo-Su 10:00-20:00; Mo-Sa 09:00-19:00', /saisonniers/],
  ['Mo-Sa 09:00-19:00; Dec Su 10:00-18:00', /saisonniers/],
  ['Su[1] 10:00-12:00; Mo-Sa 09:00-19:00', /semaines/],
  ['SH 10:00-20:00; Mo-Fr 09:00-18:00', /vacances/],
];

describe('parseOpeningHours: French free text', () => {
  it.each(FRENCH)('%j → %s', (text, normalized) => {
    expect(read(text).normalized).toBe(normalized);
  });
});

describe('parseOpeningHours: OpenStreetMap opening_hours', () => {
  it.each(OSM)('%j → %s', (text, normalized) => {
    expect(read(text).normalized).toBe(normalized);
  });
});

describe('parseOpeningHours: refused (no check rather than a wrong schedule)', () => {
  it.each(REFUSED)('%j', (text, reason) => {
    const r = parseOpeningHours(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each(FRENCH.map(([text]) => text))('refuses %j once an unknown remark is added', (text) => {
    expect(parseOpeningHours(`${text}, sauf pendant les vacances`).ok).toBe(false);
  });
});

describe('parseOpeningHours: the schedule itself', () => {
  it('gives minutes since midnight, a span past midnight ending after 1440', () => {
    expect(read('Tu-Su 10:00-02:00').hours).toEqual(
      week({
        TUE: [{ from: 600, to: 1560 }],
        WED: [{ from: 600, to: 1560 }],
        THU: [{ from: 600, to: 1560 }],
        FRI: [{ from: 600, to: 1560 }],
        SAT: [{ from: 600, to: 1560 }],
        SUN: [{ from: 600, to: 1560 }],
      }),
    );
  });

  it('sorts and joins overlapping or touching ranges', () => {
    expect(read('lundi 14h-18h, 9h-12h30, 12h-14h, 17h-19h').hours.MON).toEqual([{ from: 540, to: 1140 }]);
  });

  it('gives every day all day for 24h/24', () => {
    const hours = read('24h/24').hours;
    for (const d of WEEKDAYS) expect(hours[d]).toEqual([{ from: 0, to: 1440 }]);
  });

  it.each([...FRENCH, ...OSM])('%j: the canonical text reads back to the same schedule', (text) => {
    const first = read(text);
    const again = read(first.normalized);
    expect(again.hours).toEqual(first.hours);
    expect(again.normalized).toBe(first.normalized);
    expect(weeklyHoursSchema.safeParse(first.hours).success).toBe(true);
  });
});

describe('isOpenAt', () => {
  const cases: Array<[string, string, string, number | undefined, boolean]> = [
    // text, date, time, tolerance, expected
    ['Mo-Sa 09:00-19:00', DATE.MON, '12:00', undefined, true],
    ['Mo-Sa 09:00-19:00', DATE.SAT, '18:59', 0, true],
    ['Mo-Sa 09:00-19:00', DATE.MON, '09:00', 0, true], // bounds included
    ['Mo-Sa 09:00-19:00', DATE.MON, '19:00', 0, true],
    ['Mo-Sa 09:00-19:00', DATE.MON, '19:00:01', 0, false],
    ['Mo-Sa 09:00-19:00', DATE.MON, '08:59:59', 0, false],
    ['Mo-Sa 09:00-19:00', DATE.MON, '19:15', undefined, true], // default tolerance: 15 minutes
    ['Mo-Sa 09:00-19:00', DATE.MON, '19:15:01', undefined, false],
    ['Mo-Sa 09:00-19:00', DATE.MON, '08:45', undefined, true],
    ['Mo-Sa 09:00-19:00', DATE.MON, '08:44', undefined, false],
    ['Mo-Sa 09:00-19:00', DATE.MON, '19:45', 60, true],
    ['Mo-Sa 09:00-19:00', DATE.MON, '20:01', 60, false],
    ['Mo-Sa 09:00-19:00', DATE.SUN, '12:00', undefined, false], // closed day
    ['Mo-Sa 09:00-19:00', DATE.SUN, '12:00', 120, false],
    ['Mo-Sa 09:00-19:00', DATE.MON, '03:00', undefined, false],
    // Lunch break.
    ['Mo-Fr 08:00-12:00,14:00-18:00', DATE.TUE, '13:00', undefined, false],
    ['Mo-Fr 08:00-12:00,14:00-18:00', DATE.TUE, '12:15', undefined, true],
    ['Mo-Fr 08:00-12:00,14:00-18:00', DATE.TUE, '12:16', undefined, false],
    ['Mo-Fr 08:00-12:00,14:00-18:00', DATE.TUE, '13:45', undefined, true],
    ['Mo-Fr 08:00-12:00,14:00-18:00', DATE.SAT, '10:00', undefined, false],
    // Past midnight: the night belongs to the day it started.
    ['Tu-Su 10:00-02:00', DATE.WED, '01:30', 0, true], // Tuesday night
    ['Tu-Su 10:00-02:00', DATE.TUE, '01:30', 0, false], // Monday is closed, so is its night
    ['Tu-Su 10:00-02:00', DATE.MON, '01:30', 0, true], // Sunday night
    ['Tu-Su 10:00-02:00', DATE.MON, '02:15', undefined, true],
    ['Tu-Su 10:00-02:00', DATE.MON, '02:16', undefined, false],
    ['Tu-Su 10:00-02:00', DATE.MON, '12:00', undefined, false],
    ['Tu-Su 10:00-02:00', DATE.SAT, '23:59:59', 0, true],
    ['lundi 18h-minuit', DATE.MON, '23:59', 0, true],
    ['lundi 18h-minuit', DATE.TUE, '00:10', undefined, true], // tolerance goes over midnight
    ['lundi 18h-minuit', DATE.TUE, '00:16', undefined, false],
    // An opening just after midnight, widened back into the evening before.
    ['Mo 00:10-06:00', DATE.SUN, '23:56', undefined, true],
    ['Mo 00:10-06:00', DATE.SUN, '23:54', undefined, false],
    ['Mo 00:10-06:00', DATE.MON, '00:00', 0, false],
    // Always open.
    ['24/7', DATE.SUN, '03:33', 0, true],
    ['24h/24', DATE.WED, '00:00', 0, true],
    ['Mo-Sa 00:00-24:00', DATE.SUN, '00:00', 0, true], // Saturday's day ends at Sunday 00:00
    ['Mo-Sa 00:00-24:00', DATE.SUN, '00:00:01', 0, false],
    // Closures from French text.
    ['Tous les jours 9h-19h sauf le lundi', DATE.MON, '12:00', undefined, false],
    ['Tous les jours 9h-19h sauf le lundi', DATE.TUE, '12:00', undefined, true],
    ['Du lundi au samedi 9h-19h, fermé le dimanche', DATE.SUN, '10:00', undefined, false],
    // Other years and months: the weekday comes from the date.
    ['Mo 09:00-10:00', '2024-02-26', '09:30', 0, true],
    ['Mo 09:00-10:00', '2024-02-29', '09:30', 0, false], // a Thursday
    ['Th 09:00-10:00', '2024-02-29', '09:30', 0, true],
  ];

  it.each(cases)('%j on %s at %s (tolerance %s) → %s', (text, date, time, tolerance, expected) => {
    expect(isOpenAt(read(text).hours, date, time, tolerance)).toBe(expected);
  });

  it('uses 15 minutes of tolerance by default', () => {
    const hours = read('Mo-Sa 09:00-19:00').hours;
    expect(isOpenAt(hours, DATE.MON, '19:15')).toBe(true);
    expect(isOpenAt(hours, DATE.MON, '19:16')).toBe(false);
  });

  it.each<[string, string, number]>([
    ['2026-02-30', '12:00', 15],
    ['15/06/2026', '12:00', 15],
    ['2026-6-15', '12:00', 15],
    [DATE.MON, '24:00', 15],
    [DATE.MON, '12:60', 15],
    [DATE.MON, '9h', 15],
    [DATE.MON, '12:00:60', 15],
    [DATE.MON, '12:00', -1],
    [DATE.MON, '12:00', Number.NaN],
  ])('throws on %s %s tolerance %s', (date, time, tolerance) => {
    expect(() => isOpenAt(week({}), date, time, tolerance)).toThrow(RangeError);
  });
});

describe('describeOpeningHours', () => {
  it.each([
    ['Du lundi au samedi de 9h à 19h', 'du lundi au samedi 9h00-19h00, fermé le dimanche'],
    ['Mo-Sa 09:00-19:00; Su 09:00-12:30', 'du lundi au samedi 9h00-19h00, le dimanche 9h00-12h30'],
    ['lundi-vendredi 8h30-12h30 et 14h-19h', 'du lundi au vendredi 8h30-12h30 et 14h00-19h00, fermé le samedi et le dimanche'],
    ['tous les jours 7h-21h', 'tous les jours 7h00-21h00'],
    ['24/7', 'ouvert 24h/24, 7j/7'],
    ['ouvert 24h/24 du lundi au samedi', 'du lundi au samedi 24h/24, fermé le dimanche'],
    ['Tu-Su 10:00-02:00', 'du mardi au dimanche 10h00-2h00, fermé le lundi'],
    ['lundi 18h-minuit', 'le lundi 18h00-minuit, fermé du mardi au dimanche'],
    ['lundi, mercredi et vendredi 9h-12h', 'le lundi, le mercredi et le vendredi 9h00-12h00, fermé le mardi, le jeudi, le samedi et le dimanche'],
    ['du samedi au lundi 10h-18h', 'du samedi au lundi 10h00-18h00, fermé du mardi au vendredi'],
    ['Tous les jours 9h-19h sauf le lundi', 'du mardi au dimanche 9h00-19h00, fermé le lundi'],
    [
      'Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00',
      'du lundi au vendredi 8h00-12h00 et 14h00-18h00, le samedi 9h00-12h00, fermé le dimanche',
    ],
  ])('%j → %j', (text, description) => {
    expect(describeOpeningHours(read(text).hours)).toBe(description);
  });

  it('says when there is no opening at all', () => {
    expect(describeOpeningHours(week({}))).toBe('aucun horaire d’ouverture');
  });

  it('sorts and joins the intervals it is given', () => {
    expect(describeOpeningHours(week({ MON: [{ from: 840, to: 1140 }, { from: 540, to: 720 }, { from: 700, to: 750 }] }))).toBe(
      'le lundi 9h00-12h30 et 14h00-19h00, fermé du mardi au dimanche',
    );
  });
});

describe('weeklyHoursSchema', () => {
  it.each([
    ['an interval ending before it starts', week({ MON: [{ from: 600, to: 500 }] })],
    ['an interval longer than a day', week({ MON: [{ from: 0, to: 1500 }] })],
    ['minutes with a fraction', week({ MON: [{ from: 0.5, to: 60 }] })],
  ])('refuses %s', (_name, hours) => {
    expect(weeklyHoursSchema.safeParse(hours).success).toBe(false);
  });

  it('refuses a missing day', () => {
    const { SUN: _sun, ...partial } = week({});
    expect(weeklyHoursSchema.safeParse(partial).success).toBe(false);
  });
});

describe('properties', () => {
  const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // A range as written in OSM: a start, and an end up to 24:00 or, past midnight, up to 08:00.
  const range = fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 }))
    .map(([from, length]) => ({ from, to: from + length }))
    .filter((iv) => iv.to <= 1440 + 480);
  const schedule = fc.array(fc.array(range, { maxLength: 3 }), { minLength: 7, maxLength: 7 }).filter((days) => days.some((d) => d.length > 0));
  const osmText = (days: OpeningInterval[][]) =>
    days
      .map((ivs, d) => (ivs.length ? `${OSM_DAYS[d]} ${ivs.map((iv) => `${clock(iv.from)}-${clock(iv.to > 1440 ? iv.to - 1440 : iv.to)}`).join(',')}` : ''))
      .filter(Boolean)
      .join('; ');

  it('isOpenAt (no tolerance) agrees with the ranges as written, nights included', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1439 }), (days, d, minute) => {
        const hours = read(osmText(days)).hours;
        const inDay = (day: number, at: number) => (days[(day + 7) % 7] ?? []).some((iv) => iv.from <= at && at <= iv.to);
        const expected = inDay(d, minute) || inDay(d - 1, minute + 1440);
        expect(isOpenAt(hours, Object.values(DATE)[d]!, clock(minute), 0)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the canonical text reads back to the same schedule, which the schema accepts and describe tells', () => {
    fc.assert(
      fc.property(schedule, (days) => {
        const first = read(osmText(days));
        const again = read(first.normalized);
        expect(again.hours).toEqual(first.hours);
        expect(again.normalized).toBe(first.normalized);
        expect(weeklyHoursSchema.safeParse(first.hours).success).toBe(true);
        expect(describeOpeningHours(first.hours).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a wider tolerance never closes the shop', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1439 }), fc.nat(120), (days, d, minute, extra) => {
        const hours = read(osmText(days)).hours;
        const date = Object.values(DATE)[d]!;
        if (isOpenAt(hours, date, clock(minute), 0)) expect(isOpenAt(hours, date, clock(minute), extra)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and stays consistent, on jumbles of known words', () => {
    const word = fc.constantFrom(
      'lundi', 'mar.', 'mercredi', 'sam', 'dimanche', 'tous les jours', '7j/7', 'week-end', 'jours fériés',
      'du', 'au', 'à', 'de', '-', ',', '/', ';', 'et', '\n', ':', 'fermé', 'sauf', 'le', 'matin',
      '9h', '12h30', '14h', '19h', '9', '02:00', 'midi', 'minuit', '24h/24', 'Mo-Fr', '09:00-18:00', 'off', 'PH',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => {
        const r = parseOpeningHours(words.join(' '));
        if (r.ok) expect(read(r.normalized).hours).toEqual(r.hours);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers quickly on a long list', () => {
    const text = `${'lundi, mardi, '.repeat(20)}lundi 9h-12h, ${'14h-15h, '.repeat(20)}16h-17h`;
    const started = performance.now();
    expect(read(text).normalized).toBe('Mo,Tu 09:00-12:00,14:00-15:00,16:00-17:00');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const r = parseOpeningHours(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
