import { ALL_DAYS, DAY, FRENCH_DAY_NAMES, type OpeningHoursReading, type OpeningInterval } from './model';
import { dayRange, finish, frenchClock, refuse, span } from './schedule';

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

export function parseFrench(text: string): OpeningHoursReading {
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
