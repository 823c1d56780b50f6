/**
 * The times of a parking ticket: when the car came in and went out (a car park: "Entrée" /
 * "Sortie", "Arrivée" / "Départ"), or when the paid time starts and ends (a pay machine on the
 * street: "Début" / "Fin", "Valable jusqu'au"), when it was paid, and how long it lasted
 * ("Durée 2h15", "Durée : 1 j 03 h 20 min", "DUREE 02:15", "135 min"). Each time is read after its
 * label, on its line or the next, with the date of that line, of the next, or the ticket's own;
 * what is missing is worked out from the rest (an exit from the entry and the duration), and what
 * is printed is checked against the rest (the duration against entry and exit).
 */
import { findDates, findTimes } from '../text';
import type { Line } from './common';

export type TimeRole = 'entry' | 'exit' | 'paid' | 'duration' | 'deadline';

/** Labels that name a parking time, matched on folded text, most specific first. */
const ROLE_LABELS: Array<[RegExp, TimeRole]> = [
  // "Sortie avant 11:12", "Sortie autorisée jusqu'à": the grace after paying, not the exit.
  [/\bSORTIE\s+(AVANT|AUTORISEE|MAX\w*|POSSIBLE|JUSQU\w*)\b|\bDELAI DE SORTIE\b|\bA QUITTER AVANT\b/g, 'deadline'],
  [/(?<!COURTE |LONGUE )\bDUREE\b(\s+(DE\s+)?(STATIONNEMENT|PAYEE|ACHETEE|AUTORISEE|TOTALE|STAT\.?))?|\bTEMPS\s+(DE\s+)?(STATIONNEMENT|PASSE|PAYE)\b/g, 'duration'],
  [/\b(HEURE|DATE)\s+D['’]?\s?(ENTREE|ARRIVEE)\b|\bENTREE\b|\bARRIVEE\b|\bDEBUT(\s+D[EU]\s+STATIONNEMENT)?\b|\bSTATIONNEMENT\s+DU\b|^DU\b/g, 'entry'],
  [
    /\b(HEURE|DATE)\s+D[EU]\s+(SORTIE|DEPART|FIN)\b|\bSORTIE\b|\bDEPART\b|\bFIN(\s+D[EU]\s+STATIONNEMENT)?(\s+AUTORISEE)?\b|\b(VALABLE|VALIDE)\s+JUSQU['’]?\s?(A|AU)\b|\bJUSQU['’]?\s?(A|AU)\b|\bEXPIR\w*\b|\bECHEANCE\b|\bAU\b(?=\s+\d)/g,
    'exit',
  ],
  [/\b(DATE|HEURE)\s+D[EU]\s+PAIEMENT\b|\bPAIEMENT\s+(LE|DU)\b|\bPAYE\s+LE\b|\bEMIS\s+LE\b|\bDELIVRE\s+LE\b|\bPAIEMENT\b|\bPAYE\b/g, 'paid'],
];

/** A duration no parking label gives: "Durée max 2h", "durée maximale". */
const NOT_A_DURATION = /\bMAX\w*\b|\bMINIMUM\b|\bFRANCHISE\b|\bGRATUIT\w*\b|\bOFFERT\w*\b/;

export interface Stamp {
  date?: string;
  time?: string;
  line: number;
}

export interface ParkingTimes {
  entry?: Stamp;
  exit?: Stamp;
  paid?: Stamp;
  durationMinutes?: number;
  /** The labels found: how much of a parking ticket the document looks like. */
  labels: Set<TimeRole>;
}

interface Segment {
  role: TimeRole;
  line: Line;
  /** The text after the label, up to the next label on the line. */
  text: string;
}

/** Splits each line at its labels: "Entrée 08:42  Sortie 10:57" gives two segments. */
function segments(lines: Line[]): Segment[] {
  const out: Segment[] = [];
  for (const line of lines) {
    const hits: Array<{ role: TimeRole; start: number; end: number }> = [];
    for (const [re, role] of ROLE_LABELS) {
      for (const m of line.upper.matchAll(re)) {
        const start = m.index!;
        const end = start + m[0].length;
        if (hits.some((h) => start < h.end && end > h.start)) continue;
        hits.push({ role, start, end });
      }
    }
    // An exit's deadline ("Sortie autorisée jusqu'à 15:47") names no exit on its line.
    if (hits.some((h) => h.role === 'deadline')) hits.splice(0, hits.length, ...hits.filter((h) => h.role !== 'exit'));
    hits.sort((a, b) => a.start - b.start);
    for (const [k, h] of hits.entries()) {
      const next = hits[k + 1];
      out.push({ role: h.role, line, text: line.text.slice(h.end, next ? next.start : undefined) });
    }
  }
  return out;
}

/** Minutes in a duration written after its label, or undefined. */
export function durationOf(text: string): number | undefined {
  // The label's own words first ("de stationnem", cut by the paper's width).
  let rest = text.toUpperCase().replace(/^[^\d]*?(?=\d)/, '');
  let minutes = 0;
  let any = false;
  const days = /^(\d{1,2})\s*(J|JOURS?|JRS?)\b\.?\s*/.exec(rest);
  if (days) {
    minutes += Number(days[1]) * 1440;
    rest = rest.slice(days[0].length);
    any = true;
  }
  const hm = /^(\d{1,3})\s*(?:H|HEURES?|HRS?)\.?\s*(?:(\d{1,2})\s*(?:MIN\w*|MN|M)?\b)?/.exec(rest) ?? /^(\d{1,3})\s?:\s?(\d{2})(?::\d{2})?(?!\d)/.exec(rest);
  if (hm) {
    const m = Number(hm[2] ?? 0);
    if (m >= 60) return undefined;
    return minutes + Number(hm[1]) * 60 + m;
  }
  const mins = /^(\d{1,4})\s*(?:MIN\w*|MN|')(?![A-Z])/.exec(rest);
  if (mins) return minutes + Number(mins[1]);
  return any ? minutes : undefined;
}

/** The date and time a segment (or the lines right after a bare label) holds. */
function stampOf(seg: Segment, lines: Line[], monthFirst: boolean): Stamp | undefined {
  const read = (text: string, line: number): Stamp | undefined => {
    const date = findDates(text, { monthFirst })[0]?.iso;
    const time = findTimes(text)[0]?.value.slice(0, 5);
    return date || time ? { ...(date ? { date } : {}), ...(time ? { time } : {}), line } : undefined;
  };
  const first = read(seg.text, seg.line.index);
  let date = first?.date;
  let time = first?.time;
  // A label alone on its line, or a time without its date: the rest is printed on the next line (or the one after).
  if (!date || !time) {
    for (const next of lines.slice(seg.line.index + 1, seg.line.index + 3)) {
      if (segments([next]).length) break;
      const more = read(next.text, next.index);
      if (!more) {
        if (next.amounts.length || /[A-Z]{3}/.test(next.fold)) break;
        continue;
      }
      date ??= more.date;
      time ??= more.time;
      if (date && time) break;
    }
  }
  const stamp: Stamp | undefined = date || time ? { ...(date ? { date } : {}), ...(time ? { time } : {}), line: seg.line.index } : undefined;
  return stamp;
}

const toMinutes = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`) / 60_000;
const fromMinutes = (m: number) => new Date(m * 60_000).toISOString().slice(0, 16);

export function readParkingTimes(lines: Line[], monthFirst: boolean): ParkingTimes {
  const labels = new Set<TimeRole>();
  const found: Partial<Record<'entry' | 'exit' | 'paid', Stamp>> = {};
  let durationMinutes: number | undefined;
  for (const seg of segments(lines)) {
    if (seg.role === 'duration') {
      if (NOT_A_DURATION.test(seg.line.fold)) continue;
      let d = durationOf(seg.text);
      // "Durée" alone on its line, the duration on the next.
      if (d === undefined && !seg.text.trim()) d = durationOf(lines[seg.line.index + 1]?.text ?? '');
      if (d !== undefined && durationMinutes === undefined) {
        durationMinutes = d;
        labels.add('duration');
      }
      continue;
    }
    const stamp = stampOf(seg, lines, monthFirst);
    if (!stamp?.time) continue;
    labels.add(seg.role);
    if (seg.role === 'deadline') continue;
    if (!found[seg.role]) found[seg.role] = stamp;
  }
  return { ...found, ...(durationMinutes !== undefined ? { durationMinutes } : {}), labels };
}

export interface ResolvedTimes {
  entryAt?: string;
  exitAt?: string;
  durationMinutes?: number;
  /** The day it was paid: at the exit of a car park, at the start on the street. */
  paidOn?: string;
  /** -1: what was printed disagrees (a misread), 0: nothing to check, 1: the duration agrees with entry and exit. */
  agreement: -1 | 0 | 1;
}

/**
 * Dates and times made whole: a time printed without a date takes the ticket's date (`ticketDate`),
 * an entry later in the day than the exit was the day before; what is missing of entry, exit and
 * duration is worked out from the two others.
 */
export function resolveTimes(t: ParkingTimes, ticketDate: string | undefined, kind: 'CAR_PARK' | 'ON_STREET'): ResolvedTimes {
  // On the street the ticket is paid when the paid time starts: its print time is the start.
  const entry = t.entry ?? (kind === 'ON_STREET' ? t.paid : undefined);
  const exit = t.exit;
  const fallback = exit?.date ?? t.paid?.date ?? entry?.date ?? ticketDate;
  let entryAt: string | undefined;
  let exitAt: string | undefined;
  if (exit?.time && (exit.date ?? fallback)) exitAt = `${exit.date ?? fallback}T${exit.time}`;
  if (entry?.time) {
    let date = entry.date;
    if (!date && exitAt) {
      // Only times: the entry's day is the exit's, or the day before when the time is later (or the duration says so).
      const sameDay = `${exitAt.slice(0, 10)}T${entry.time}`;
      const back = t.durationMinutes !== undefined ? fromMinutes(toMinutes(exitAt.slice(0, 10), exitAt.slice(11)) - t.durationMinutes) : undefined;
      date = back && back.slice(11) === entry.time ? back.slice(0, 10) : sameDay > exitAt ? fromMinutes(toMinutes(exitAt.slice(0, 10), '12:00') - 1440).slice(0, 10) : exitAt.slice(0, 10);
    }
    date ??= t.paid?.date ?? ticketDate;
    if (date) entryAt = `${date}T${entry.time}`;
  }
  if (exitAt && !exit?.date && entryAt && exitAt < entryAt) exitAt = fromMinutes(toMinutes(exitAt.slice(0, 10), exitAt.slice(11)) + 1440);
  let durationMinutes = t.durationMinutes;
  let agreement: ResolvedTimes['agreement'] = 0;
  const span = entryAt && exitAt ? toMinutes(exitAt.slice(0, 10), exitAt.slice(11)) - toMinutes(entryAt.slice(0, 10), entryAt.slice(11)) : undefined;
  if (span !== undefined && span < 0) {
    agreement = -1;
  } else if (span !== undefined && durationMinutes !== undefined) {
    // A ticket rounds the duration to the minute it prints (seconds dropped): one minute apart agrees.
    agreement = Math.abs(span - durationMinutes) <= 1 ? 1 : -1;
  } else if (span !== undefined) {
    durationMinutes = span;
  } else if (durationMinutes !== undefined && entryAt && !exitAt) {
    exitAt = fromMinutes(toMinutes(entryAt.slice(0, 10), entryAt.slice(11)) + durationMinutes);
  } else if (durationMinutes !== undefined && exitAt && !entryAt) {
    entryAt = fromMinutes(toMinutes(exitAt.slice(0, 10), exitAt.slice(11)) - durationMinutes);
  }
  const paidOn = kind === 'CAR_PARK' ? (t.paid?.date ?? exitAt?.slice(0, 10) ?? ticketDate) : (t.paid?.date ?? entryAt?.slice(0, 10) ?? ticketDate);
  return {
    ...(entryAt ? { entryAt } : {}),
    ...(exitAt ? { exitAt } : {}),
    ...(durationMinutes !== undefined ? { durationMinutes } : {}),
    ...(paidOn ? { paidOn } : {}),
    agreement,
  };
}
