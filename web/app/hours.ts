/**
 * A shop's opening hours in plain French. Shops write them in the OpenStreetMap `opening_hours`
 * syntax ("Tu-Sa 08:00-12:30,15:00-19:00; Su 09:00-12:00"); the simple rules (days, day ranges,
 * times, `off`, `PH`) become one line each ("Du mardi au samedi : 8 h – 12 h 30, 15 h – 19 h").
 * Anything else answers undefined, and the page shows the text as written.
 */
const DAYS: Record<string, string> = { Mo: 'lundi', Tu: 'mardi', We: 'mercredi', Th: 'jeudi', Fr: 'vendredi', Sa: 'samedi', Su: 'dimanche', PH: 'les jours fériés' };

function time(t: string): string | undefined {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  return m[2] === '00' ? `${h} h` : `${h} h ${m[2]}`;
}

function days(spec: string): string | undefined {
  const parts = spec.split(',').map((p) => {
    const range = /^(Mo|Tu|We|Th|Fr|Sa|Su)-(Mo|Tu|We|Th|Fr|Sa|Su)$/.exec(p);
    if (range) return `du ${DAYS[range[1]!]} au ${DAYS[range[2]!]}`;
    return DAYS[p] === undefined ? undefined : p === 'PH' ? DAYS[p] : `le ${DAYS[p]}`;
  });
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.join(', ');
}

function times(spec: string): string | undefined {
  if (spec === 'off' || spec === 'closed') return 'fermé';
  const parts = spec.split(',').map((r) => {
    const [from, to] = r.split('-');
    const a = from ? time(from) : undefined;
    const b = to ? time(to) : undefined;
    return a && b ? `${a} – ${b}` : undefined;
  });
  return parts.some((p) => p === undefined) ? undefined : parts.join(', ');
}

export function openingHoursLines(text: string): string[] | undefined {
  const rules = text
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  if (rules.length === 0) return undefined;
  const lines: string[] = [];
  for (const rule of rules) {
    if (rule === '24/7') {
      lines.push('Tous les jours, jour et nuit');
      continue;
    }
    const m = /^(\S+)\s+(.+)$/.exec(rule);
    if (!m) return undefined;
    const d = days(m[1]!);
    const t = times(m[2]!.replace(/\s+/g, ''));
    if (!d || !t) return undefined;
    lines.push(`${d.charAt(0).toUpperCase()}${d.slice(1)} : ${t}`);
  }
  return lines;
}
