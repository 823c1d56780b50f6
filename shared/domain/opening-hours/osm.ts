import { ALL_DAYS, DAY, type OpeningHoursReading, type OpeningInterval, OSM_DAY_NAMES } from './model';
import { type Conditional, dayRange, finish, refuse, span } from './schedule';

// ---------------------------------------------------------------------------------------------
// OpenStreetMap opening_hours
// ---------------------------------------------------------------------------------------------

type OsmTok =
  | { k: 'wd'; day: number }
  | { k: 'ph' }
  | { k: 'sh' }
  | { k: 'wide' } // month, "week", "easter": a selector of part of the year
  | { k: 'num' }
  | { k: 'time'; h: number; m: number }
  | { k: 't247' }
  | { k: 'off' }
  | { k: 'open' }
  | { k: 'unsupported'; what: string }
  | { k: ';' | ',' | '-' | ':' | '[' | ']' | '/' };

const OSM_WORDS: Record<string, OsmTok> = {
  ...Object.fromEntries(OSM_DAY_NAMES.map((n, day) => [n.toLowerCase(), { k: 'wd', day } as OsmTok])),
  ...Object.fromEntries(
    ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'week', 'easter'].map((w) => [
      w,
      { k: 'wide' } as OsmTok,
    ]),
  ),
  ph: { k: 'ph' },
  sh: { k: 'sh' },
  off: { k: 'off' },
  closed: { k: 'off' },
  open: { k: 'open' },
  unknown: { k: 'unsupported', what: 'état « unknown »' },
  sunrise: { k: 'unsupported', what: 'heures solaires' },
  sunset: { k: 'unsupported', what: 'heures solaires' },
  dawn: { k: 'unsupported', what: 'heures solaires' },
  dusk: { k: 'unsupported', what: 'heures solaires' },
};

/** Tokens of an OSM opening_hours value, or null when the text is not in that vocabulary. */
export function osmTokens(text: string): OsmTok[] | null {
  const s = text.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-');
  const toks: OsmTok[] = [];
  let m: RegExpExecArray | null;
  for (let i = 0; i < s.length; i += m[0].length) {
    const rest = s.slice(i);
    if ((m = /^[\r\n]+/.exec(rest))) toks.push({ k: ';' });
    else if ((m = /^[^\S\r\n]+/.exec(rest))) continue;
    else if ((m = /^(\d{1,2}):(\d{2})/.exec(rest))) toks.push({ k: 'time', h: Number(m[1]), m: Number(m[2]) });
    else if ((m = /^24\/7/.exec(rest))) toks.push({ k: 't247' });
    else if ((m = /^\|\|/.exec(rest))) toks.push({ k: 'unsupported', what: 'règle de repli « || »' });
    else if ((m = /^"[^"]*"?/.exec(rest))) toks.push({ k: 'unsupported', what: 'commentaire' });
    else if ((m = /^\d+/.exec(rest))) toks.push({ k: 'num' });
    else if ((m = /^[a-z]+/.exec(rest))) {
      const word = OSM_WORDS[m[0]];
      if (!word) return null;
      toks.push(word);
    } else if ((m = /^[;,\-:[\]/]/.exec(rest))) toks.push({ k: m[0] as ';' | ',' | '-' | ':' | '[' | ']' | '/' });
    else if ((m = /^\+/.exec(rest))) toks.push({ k: 'unsupported', what: 'heure de fin ouverte « + »' });
    else return null;
  }
  return toks.some((t) => ['wd', 'ph', 'sh', 'time', 't247'].includes(t.k)) ? toks : null;
}

interface OsmGroup {
  days: number[];
  /** Only on some days we cannot tell apart in a weekly schedule. */
  condition?: string;
}

interface OsmRule {
  wide: boolean;
  groups: OsmGroup[];
  intervals: OpeningInterval[];
  off: boolean;
}

function startsOsmSelector(t: OsmTok | undefined): boolean {
  return t?.k === 'wd' || t?.k === 'ph' || t?.k === 'sh' || t?.k === 'wide';
}

/** Reads one rule from `i`; returns the index after it (after a `,` that starts another rule). */
function readOsmRule(seg: OsmTok[], start: number): { rule: OsmRule; next: number } | { error: string } {
  let i = start;
  const bad = { error: 'horaires OSM de forme non reconnue' };
  // Part-of-year selectors: months, dates, week numbers ("Jul-Aug", "Dec 25", "week 1-10/2").
  let wide = false;
  let numbers = false;
  for (let t = seg[i]; t; t = seg[i]) {
    if (t.k === 'wide') wide = true;
    else if (t.k === 'num') numbers = true;
    else if (!((wide || numbers) && (t.k === '-' || t.k === '/' || t.k === ',' || t.k === ':'))) break;
    i++;
  }
  if (numbers && !wide) return bad;
  // Weekday and holiday selectors: "," is a union, items side by side an intersection (SH Mo-Fr).
  const groups: OsmGroup[] = [];
  let cur: OsmGroup | undefined;
  for (let t = seg[i]; t; t = seg[i]) {
    if (t.k === 'wd') {
      const end = seg[i + 2];
      cur ??= { days: [] };
      if (seg[i + 1]?.k === '-' && end?.k === 'wd') {
        cur.days.push(...dayRange(t.day, end.day));
        i += 3;
      } else {
        cur.days.push(t.day);
        i += 1;
      }
      if (seg[i]?.k === '[') {
        // "Su[1]": the first Sunday of the month.
        for (i++; seg[i]?.k === 'num' || seg[i]?.k === '-' || seg[i]?.k === ','; i++);
        if (seg[i]?.k !== ']') return bad;
        i++;
        cur.condition ??= 'de certaines semaines du mois';
      }
    } else if (t.k === 'ph' || t.k === 'sh') {
      cur ??= { days: [] };
      cur.condition = t.k === 'ph' ? 'des jours fériés' : 'des vacances scolaires';
      i++;
    } else if (t.k === ',' && cur && startsOsmSelector(seg[i + 1])) {
      groups.push(cur);
      cur = undefined;
      i++;
    } else break;
  }
  if (cur) groups.push(cur);
  if (seg[i]?.k === ':') i++;
  // Time spans.
  const intervals: OpeningInterval[] = [];
  if (seg[i]?.k === 't247') {
    intervals.push({ from: 0, to: DAY });
    i++;
  } else {
    for (let a = seg[i]; a?.k === 'time'; a = seg[i]) {
      const b = seg[i + 2];
      if (seg[i + 1]?.k !== '-' || b?.k !== 'time') return { error: 'heure isolée ou de forme non reconnue' };
      const iv = a.m < 60 && b.m < 60 ? span(a.h * 60 + a.m, b.h * 60 + b.m) : undefined;
      if (!iv) return { error: 'plage horaire invalide' };
      intervals.push(iv);
      i += 3;
      if (seg[i]?.k === ',' && seg[i + 1]?.k === 'time') i++;
      else break;
    }
  }
  // Modifier.
  let off = false;
  if (seg[i]?.k === 'off') {
    off = true;
    i++;
  } else if (seg[i]?.k === 'open') i++;
  // End of the rule, or "," and an additional rule.
  if (i < seg.length) {
    if (seg[i]?.k === ',' && startsOsmSelector(seg[i + 1])) i++;
    else return bad;
  }
  return { rule: { wide, groups, intervals, off }, next: i };
}

export function parseOsm(toks: OsmTok[]): OpeningHoursReading {
  const unsupported = toks.find((t) => t.k === 'unsupported');
  if (unsupported?.k === 'unsupported') return refuse(`horaires OSM non pris en charge : ${unsupported.what}`);
  const week: OpeningInterval[][] = ALL_DAYS.map(() => []);
  const conditionals: Conditional[] = [];
  // Rules separated by ";" replace the hours of the days they name; "," adds to them.
  const segments: OsmTok[][] = [[]];
  for (const t of toks) {
    if (t.k === ';') segments.push([]);
    else segments[segments.length - 1]!.push(t);
  }
  for (const seg of segments) {
    for (let i = 0, additional = false; i < seg.length; additional = true) {
      const read = readOsmRule(seg, i);
      if ('error' in read) return refuse(read.error);
      const { rule } = read;
      i = read.next;
      if (rule.intervals.length === 0 && !rule.off) return refuse('règle OSM sans horaire');
      if (rule.intervals.length > 0 && rule.off) return refuse('fermeture partielle d’une journée non prise en charge');
      let groups = rule.groups;
      if (groups.length === 0) {
        // No day at all: OSM means "every day", but a bare "09:00-19:00" may just lack its days.
        // Only a whole day is safe to spread over the week; nothing is then wrongly closed.
        if (!rule.wide && !(rule.intervals.length > 0 && rule.intervals.every((iv) => iv.from === 0 && iv.to >= DAY))) {
          return refuse('horaires sans jour de la semaine');
        }
        groups = [{ days: [] }];
      }
      for (const g of groups) {
        const days = g.days.length > 0 ? [...new Set(g.days)] : [...ALL_DAYS];
        const condition = g.condition ?? (rule.wide ? 'saisonniers ou datés' : undefined);
        if (condition) {
          // A conditional closure is dropped (no false alarm); conditional hours are checked in finish().
          if (!rule.off) conditionals.push({ days, intervals: rule.intervals, label: condition });
          continue;
        }
        for (const d of days) week[d] = rule.off ? [] : additional ? [...week[d]!, ...rule.intervals] : [...rule.intervals];
      }
    }
  }
  return finish(week, conditionals);
}
