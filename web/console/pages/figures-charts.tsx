/**
 * The charts of the report page (pages/figures.tsx), drawn as small SVGs of our own (no chart
 * library: a few kilobytes). Each one is a `<figure>` with its title as `<figcaption>`, the drawing
 * as `role="img"` with an `aria-label` that sums it up, and its data as a table in a `<details>`
 * (RGAA 4.1 / WCAG 2.1 AA: text alternative, data available as text). Series are told apart by a
 * pattern and a legend in words, never by colour alone; numbers are written the French way.
 */
import type { ComponentChildren } from 'preact';
import { count, euros } from '../../shared/format';

const INK = '#1d2327';
const MUTED = '#4a5560';
const GRID = '#d5dade';
const BRAND = '#0b5d56';
const LIMIT = '#a3231f';

const W = 640;
const FONT = 13;

const EUROS_AXIS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const EUROS_COMPACT = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
const DECIMAL = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const SHORT_DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const utcDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** "2026-11-02" -> "2 nov." */
export const shortDay = (date: string) => SHORT_DAY.format(utcDate(date));

/** A French day of a date: "1er", "2"... */
const dayOf = (date: string) => {
  const d = Number(date.slice(8, 10));
  return d === 1 ? '1er' : String(d);
};

/** "du 2 au 29 novembre 2026", "du 26 octobre au 29 novembre 2026", "du 29 décembre 2025 au 1er février 2026". */
export function dateRange(from: string, to: string): string {
  const longTo = LONG_DAY.format(utcDate(to)).replace(/^1 /, '1er ');
  if (from.slice(0, 7) === to.slice(0, 7)) return `du ${dayOf(from)} au ${longTo}`;
  const longFrom = LONG_DAY.format(utcDate(from)).replace(/^1 /, '1er ');
  if (from.slice(0, 4) === to.slice(0, 4)) return `du ${longFrom.replace(/ \d{4}$/, '')} au ${longTo}`;
  return `du ${longFrom} au ${longTo}`;
}

/** 0.6667 -> "66,7 %"; null -> "—". */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : PERCENT.format(share);
}

/** 6.25 -> "6,25". */
export function decimal(n: number): string {
  return DECIMAL.format(n);
}

/** A leverage as words: "6,25 €" of sales per euro of cashback; "—" when nothing was paid. */
export function leverageText(l: number | null): string {
  return l === null ? '—' : `${decimal(l)} €`;
}

/** The week number of an ISO week: "2026-W45" -> 45. */
export const weekNumber = (week: string) => Number(week.slice(6));

/** Tick values from 0 to at least `max`, on a round step (1, 2, 2.5 or 5 × 10^n of `unit`). */
export function niceTicks(max: number, unit = 1, target = 4): number[] {
  const top = Math.max(max, unit);
  const raw = top / target / unit;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag) * unit;
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(Math.round(v));
    if (v >= top) break;
  }
  return ticks;
}

/** An axis amount in cents: "1 000 €", or "12,5 k€" above 10 000 €. */
export function axisEuros(cents: number, compact: boolean): string {
  return compact ? EUROS_COMPACT.format(cents / 100) : EUROS_AXIS.format(cents / 100);
}

export interface DataTable {
  caption: string;
  head: string[];
  /** The first cell of each row is its header. */
  rows: string[][];
}

/**
 * A chart's data as a table (the first column: row headers; the others: numbers). Its frame
 * scrolls sideways on a narrow screen: it takes the keyboard's focus, named by the caption.
 */
export function DataTableView({ table }: { table: DataTable }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={table.caption}>
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.head.map((h, i) => (
              <th key={i} scope="col" class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j} class="num">
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A chart: title, drawing (an image with its summary), legend in words, and its data as a table. */
function ChartFigure(props: { id: string; title: string; summary: string; height: number; legend?: ComponentChildren; note?: ComponentChildren; table: DataTable; children: ComponentChildren }) {
  const { id, title, summary, height, legend, note, table, children } = props;
  return (
    <figure class="chart" id={id}>
      <figcaption id={`${id}-titre`} class="chart-title">
        {title}
      </figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary} focusable="false" font-size={FONT} font-family="system-ui, sans-serif">
        {children}
      </svg>
      {legend}
      {note ? <p class="chart-note">{note}</p> : null}
      <details class="chart-data">
        <summary>
          Voir les données<span class="visually-hidden"> du graphique « {title} »</span> sous forme de tableau
        </summary>
        <DataTableView table={table} />
      </details>
    </figure>
  );
}

/** Hatches for the second series (drawn, so that it is told apart without colour). */
function Hatches({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#fff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke={INK} stroke-width="3" />
    </pattern>
  );
}

/** A swatch of the legend (hidden from screen readers: the words beside it say the same). */
function Swatch({ kind, id }: { kind: 'solid' | 'hatched' | 'line' | 'dashed'; id: string }) {
  return (
    <svg class="swatch" width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false">
      {kind === 'hatched' ? (
        <defs>
          <Hatches id={id} />
        </defs>
      ) : null}
      {kind === 'solid' ? <rect x="1" y="1" width="20" height="12" fill={BRAND} stroke={INK} /> : null}
      {kind === 'hatched' ? <rect x="1" y="1" width="20" height="12" fill={`url(#${id})`} stroke={INK} /> : null}
      {kind === 'line' ? <line x1="1" y1="7" x2="21" y2="7" stroke={BRAND} stroke-width="3" /> : null}
      {kind === 'dashed' ? <line x1="1" y1="7" x2="21" y2="7" stroke={LIMIT} stroke-width="2" stroke-dasharray="5 3" /> : null}
    </svg>
  );
}

function Legend({ items }: { items: Array<{ kind: 'solid' | 'hatched' | 'line' | 'dashed'; label: string; id: string }> }) {
  return (
    <ul class="chart-legend">
      {items.map((i) => (
        <li key={i.id}>
          <Swatch kind={i.kind} id={i.id} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

const M = { left: 76, right: 20, top: 34, bottom: 52 };

/** The plot's frame: horizontal grid lines with their labels, the weeks below, the axis titles. */
function WeekFrame(props: { height: number; ticks: number[]; y: (v: number) => number; tickLabel: (v: number) => string; weeks: WeekPoint[]; x: (i: number) => number; yTitle: string }) {
  const { height, ticks, y, tickLabel, weeks, x, yTitle } = props;
  const every = Math.max(1, Math.ceil(weeks.length / 12));
  const bottom = height - M.bottom;
  return (
    <g>
      <text x={8} y={14} fill={MUTED}>
        {yTitle}
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={GRID} />
          <text x={M.left - 8} y={y(t) + 4} text-anchor="end" fill={INK}>
            {tickLabel(t)}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={W - M.right} y1={bottom} y2={bottom} stroke={INK} />
      {weeks.map((w, i) =>
        i % every === 0 ? (
          <text key={w.week} x={x(i)} y={bottom + 18} text-anchor="middle" fill={INK}>
            <tspan x={x(i)}>S{weekNumber(w.week)}</tspan>
            <tspan x={x(i)} dy={15} fill={MUTED}>
              {shortDay(w.from)}
            </tspan>
          </text>
        ) : null,
      )}
    </g>
  );
}

/** One week of the series the charts draw (weeks without figures are zeros). */
export interface WeekPoint {
  week: string;
  from: string;
  to: string;
  cashbackCents: number;
  salesCents: number;
  leverage: number | null;
  newCustomers: number;
  returningCustomers: number;
}

/** A week in a table: "Semaine 45 (2 au 8 nov.)", "Semaine 53 (28 déc. au 3 janv.)". */
export const weekHead = (w: { week: string; from: string; to: string }) =>
  `Semaine ${weekNumber(w.week)} (${w.from.slice(0, 7) === w.to.slice(0, 7) ? dayOf(w.from) : shortDay(w.from).replace(/^1 /, '1er ')} au ${shortDay(w.to).replace(/^1 /, '1er ')})`;

/**
 * The dotation's burn: cumulative cashback week by week (from the programme's start, `before`
 * being what was paid before the first week shown) against the funded amount.
 */
export function BurnChart({ weeks, before, fundedCents }: { weeks: WeekPoint[]; before: number; fundedCents: number }) {
  const height = 300;
  const cumulative: number[] = [];
  weeks.reduce((sum, w) => {
    const next = sum + w.cashbackCents;
    cumulative.push(next);
    return next;
  }, before);
  const last = cumulative[cumulative.length - 1] ?? before;
  const top = Math.max(fundedCents, ...cumulative, 100);
  const ticks = niceTicks(top, 100);
  const max = ticks[ticks.length - 1]!;
  const compact = max >= 1_000_000;
  const plotH = height - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const span = W - M.left - M.right;
  const x = (i: number) => M.left + (weeks.length <= 1 ? span / 2 : (i / (weeks.length - 1)) * (span - 40) + 20);
  const path = cumulative.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const share = fundedCents > 0 ? last / fundedCents : null;
  const end = weeks[weeks.length - 1];
  const summary = end
    ? `Consommation de la dotation : ${euros(last)} remboursés en cumul à la fin de la semaine ${weekNumber(end.week)} (${LONG_DAY.format(utcDate(end.to))})` +
      (share !== null ? `, soit ${percent(share)} des ${euros(fundedCents)} de dotation.` : '.')
    : 'Consommation de la dotation : aucune semaine à montrer.';
  return (
    <ChartFigure
      id="graphique-consommation"
      title="Consommation de la dotation, en cumul par semaine"
      summary={summary}
      height={height}
      legend={
        <Legend
          items={[
            { kind: 'line', label: 'Remboursé aux habitants, en cumul depuis le début', id: 'leg-cumul' },
            { kind: 'dashed', label: `Dotation : ${euros(fundedCents)}`, id: 'leg-dotation' },
          ]}
        />
      }
      note={before > 0 ? `Dont ${euros(before)} remboursés avant la première semaine montrée.` : undefined}
      table={{
        caption: 'Consommation de la dotation par semaine',
        head: ['Semaine', 'Remboursé dans la semaine', 'Cumul', 'Part de la dotation'],
        rows: weeks.map((w, i) => [weekHead(w), euros(w.cashbackCents), euros(cumulative[i]!), fundedCents > 0 ? percent(cumulative[i]! / fundedCents) : '—']),
      }}
    >
      <WeekFrame height={height} ticks={ticks} y={y} tickLabel={(t) => axisEuros(t, compact)} weeks={weeks} x={x} yTitle="Euros remboursés (cumul)" />
      {fundedCents > 0 ? (
        <g>
          <line x1={M.left} x2={W - M.right} y1={y(fundedCents)} y2={y(fundedCents)} stroke={LIMIT} stroke-width="2" stroke-dasharray="6 4" />
          <text x={W - M.right} y={y(fundedCents) - 6} text-anchor="end" fill={LIMIT} font-weight="600">
            Dotation : {axisEuros(fundedCents, compact)}
          </text>
        </g>
      ) : null}
      <path d={path} fill="none" stroke={BRAND} stroke-width="3" stroke-linejoin="round" />
      {cumulative.map((v, i) => (
        <circle key={i} cx={x(i)} cy={y(v)} r="4" fill="#fff" stroke={BRAND} stroke-width="2.5" />
      ))}
      {end ? (
        <text x={x(cumulative.length - 1)} y={y(last) - 10} text-anchor={weeks.length > 1 ? 'end' : 'middle'} fill={INK} font-weight="600">
          {axisEuros(last, false)}
          {share !== null ? ` (${percent(share)})` : ''}
        </text>
      ) : null}
    </ChartFigure>
  );
}

/** The sales carried by credited receipts, week by week (bars with their amounts). */
export function SalesChart({ weeks }: { weeks: WeekPoint[] }) {
  const height = 300;
  const values = weeks.map((w) => w.salesCents);
  const total = values.reduce((s, v) => s + v, 0);
  const ticks = niceTicks(Math.max(...values, 100), 100);
  const max = ticks[ticks.length - 1]!;
  const compact = max >= 1_000_000;
  const plotH = height - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const slot = (W - M.left - M.right) / Math.max(1, weeks.length);
  const x = (i: number) => M.left + slot * (i + 0.5);
  const barW = Math.min(56, slot * 0.6);
  const best = weeks.reduce<WeekPoint | undefined>((b, w) => (!b || w.salesCents > b.salesCents ? w : b), undefined);
  const summary =
    `Achats portés par semaine, ${weeks.length} semaine${weeks.length > 1 ? 's' : ''} : ${euros(total)} au total` +
    (best && best.salesCents > 0 ? ` ; la semaine la plus forte : semaine ${weekNumber(best.week)}, ${euros(best.salesCents)}.` : '.');
  return (
    <ChartFigure
      id="graphique-achats"
      title="Achats portés par semaine"
      summary={summary}
      height={height}
      table={{
        caption: 'Achats portés et remboursements par semaine',
        head: ['Semaine', 'Achats portés', 'Remboursé', 'Achats pour 1 € remboursé'],
        rows: weeks.map((w) => [weekHead(w), euros(w.salesCents), euros(w.cashbackCents), leverageText(w.leverage)]),
      }}
    >
      <WeekFrame height={height} ticks={ticks} y={y} tickLabel={(t) => axisEuros(t, compact)} weeks={weeks} x={x} yTitle="Euros d’achats" />
      {weeks.map((w, i) => (
        <g key={w.week}>
          <rect x={x(i) - barW / 2} y={y(w.salesCents)} width={barW} height={Math.max(0, y(0) - y(w.salesCents))} fill={BRAND} />
          {weeks.length <= 12 && w.salesCents > 0 ? (
            <text x={x(i)} y={y(w.salesCents) - 6} text-anchor="middle" fill={INK}>
              {axisEuros(w.salesCents, w.salesCents >= 1_000_000)}
            </text>
          ) : null}
        </g>
      ))}
    </ChartFigure>
  );
}

/** New and returning customers, week by week: two bars per week, solid and hatched. */
export function CustomersChart({ weeks }: { weeks: WeekPoint[] }) {
  const height = 300;
  const newTotal = weeks.reduce((s, w) => s + w.newCustomers, 0);
  const backTotal = weeks.reduce((s, w) => s + w.returningCustomers, 0);
  const ticks = niceTicks(Math.max(...weeks.map((w) => Math.max(w.newCustomers, w.returningCustomers)), 1));
  const max = ticks[ticks.length - 1]!;
  const plotH = height - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const slot = (W - M.left - M.right) / Math.max(1, weeks.length);
  const x = (i: number) => M.left + slot * (i + 0.5);
  const barW = Math.min(26, slot * 0.32);
  const summary = `Nouveaux clients et clients revenus par semaine, ${weeks.length} semaine${weeks.length > 1 ? 's' : ''} : ${count(newTotal)} nouveau${newTotal > 1 ? 'x' : ''} client${newTotal > 1 ? 's' : ''} et ${count(backTotal)} client${backTotal > 1 ? 's' : ''} revenu${backTotal > 1 ? 's' : ''} au total.`;
  const label = (v: number, cx: number) =>
    weeks.length <= 12 ? (
      <text x={cx} y={y(v) - 5} text-anchor="middle" fill={INK}>
        {count(v)}
      </text>
    ) : null;
  return (
    <ChartFigure
      id="graphique-clients"
      title="Nouveaux clients et clients revenus, par semaine"
      summary={summary}
      height={height}
      legend={
        <Legend
          items={[
            { kind: 'solid', label: 'Nouveaux clients (premier achat remboursé dans le commerce)', id: 'leg-nouveaux' },
            { kind: 'hatched', label: 'Clients revenus (deuxième achat remboursé dans le commerce)', id: 'leg-revenus' },
          ]}
        />
      }
      table={{
        caption: 'Nouveaux clients et clients revenus par semaine',
        head: ['Semaine', 'Nouveaux clients', 'Clients revenus'],
        rows: weeks.map((w) => [weekHead(w), count(w.newCustomers), count(w.returningCustomers)]),
      }}
    >
      <defs>
        <Hatches id="hachures-revenus" />
      </defs>
      <WeekFrame height={height} ticks={ticks} y={y} tickLabel={(t) => count(t)} weeks={weeks} x={x} yTitle="Clients" />
      {weeks.map((w, i) => (
        <g key={w.week}>
          <rect x={x(i) - barW - 1} y={y(w.newCustomers)} width={barW} height={Math.max(0, y(0) - y(w.newCustomers))} fill={BRAND} />
          {label(w.newCustomers, x(i) - barW / 2 - 1)}
          <rect x={x(i) + 1} y={y(w.returningCustomers)} width={barW} height={Math.max(0, y(0) - y(w.returningCustomers))} fill="url(#hachures-revenus)" stroke={INK} stroke-width="1.5" />
          {label(w.returningCustomers, x(i) + barW / 2 + 1)}
        </g>
      ))}
    </ChartFigure>
  );
}

export interface ShopPoint {
  merchantId: string;
  name: string | null;
  salesCents: number;
  cashbackCents: number;
  leverage: number | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The shops that sold the most with the dotation (at most 10): horizontal bars with their amounts. */
export function TopShopsChart({ shops }: { shops: ShopPoint[] }) {
  const top = shops.filter((s) => s.salesCents > 0).slice(0, 10);
  const row = 30;
  const left = 210;
  const right = 96;
  const height = 30 + top.length * row + 36;
  const ticks = niceTicks(Math.max(...top.map((s) => s.salesCents), 100), 100, 3);
  const max = ticks[ticks.length - 1]!;
  const compact = max >= 1_000_000;
  const x = (v: number) => left + (v / max) * (W - left - right);
  const name = (s: ShopPoint) => s.name ?? s.merchantId;
  const summary =
    top.length === 0
      ? 'Aucun commerce n’a d’achats remboursés sur la période.'
      : `Les ${top.length} commerce${top.length > 1 ? 's' : ''} qui ont le plus vendu : ` + top.map((s, i) => `${i + 1}. ${name(s)}, ${euros(s.salesCents)}`).join(' ; ') + '.';
  const bottom = 24 + top.length * row;
  return (
    <ChartFigure
      id="graphique-commerces"
      title="Les commerces qui ont le plus vendu (les 10 premiers)"
      summary={summary}
      height={height}
      table={{
        caption: 'Commerces par achats portés (les dix premiers)',
        head: ['Commerce', 'Achats portés', 'Remboursé', 'Achats pour 1 € remboursé'],
        rows: top.map((s, i) => [`${i + 1}. ${name(s)}`, euros(s.salesCents), euros(s.cashbackCents), leverageText(s.leverage)]),
      }}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={16} y2={bottom} stroke={GRID} />
          <text x={x(t)} y={bottom + 18} text-anchor="middle" fill={INK}>
            {axisEuros(t, compact)}
          </text>
        </g>
      ))}
      <text x={W - right} y={height - 4} text-anchor="end" fill={MUTED}>
        Euros d’achats
      </text>
      {top.map((s, i) => {
        const cy = 24 + i * row + row / 2;
        return (
          <g key={s.merchantId}>
            <text x={left - 8} y={cy + 4} text-anchor="end" fill={INK}>
              {clip(name(s), 28)}
            </text>
            <rect x={left} y={cy - 10} width={Math.max(1, x(s.salesCents) - left)} height={20} fill={BRAND} />
            <text x={x(s.salesCents) + 6} y={cy + 4} fill={INK}>
              {axisEuros(s.salesCents, s.salesCents >= 1_000_000)}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={left} y1={16} y2={bottom} stroke={INK} />
    </ChartFigure>
  );
}
