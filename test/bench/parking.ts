/**
 * `npm run bench:parking`: how well parking tickets are read. Figures, not pass/fail.
 *
 * Documents from test/fixtures/corpus/parking.ts (car parks' tickets, on-street pay machines'
 * tickets, parking fines and shops' receipts that mention parking), drawn from BENCH_PARKING_SEED:
 *
 * - "perfect text": the parser on the printed lines (BENCH_PARKING_COUNT documents);
 * - tesseract: the image path on the first BENCH_PARKING_IMAGES of them, drawn and degraded like
 *   residents' photos (render.ts), every degradation kind in turn.
 *
 * Per path and kind of document: the kind recognised, the amount paid, the day paid, the entry,
 * exit and duration (where the ticket prints or implies them), the zone and the operator (where
 * printed); fines refused (marked as fines, no parking ticket read); shops' receipts unaffected
 * (no parking read, their total and date still right); tickets "paid wrong": read with a
 * confidence at or above the review thresholds and yet a wrong amount or day.
 *
 * Environment: BENCH_PARKING_SEED (default 11; the parser was developed on other seeds),
 * BENCH_PARKING_COUNT (default 400), BENCH_PARKING_IMAGES (default 32; 0 skips tesseract),
 * BENCH_PARKING_VERBOSE=1 lists every miss.
 */
import { DEFAULT_FRAUD_POLICY as REVIEW_POLICY } from '../../shared/domain/fraud-policy';
import { TesseractEngine } from '../../shared/ocr/tesseract';
import type { Extraction } from '../../shared/receipts/extraction';
import { parseReceipt } from '../../shared/receipts/parser';
import { fold } from '../../shared/receipts/text';
import { parkingCorpus, renderParkingItem } from '../fixtures/corpus/generate';
import { type ParkingDocument, parkingLines } from '../fixtures/corpus/parking';

const SEED = Number(process.env.BENCH_PARKING_SEED ?? 11);
const COUNT = Number(process.env.BENCH_PARKING_COUNT ?? 400);
const IMAGES = Number(process.env.BENCH_PARKING_IMAGES ?? 32);
const VERBOSE = process.env.BENCH_PARKING_VERBOSE === '1';

type Check = 'kind' | 'amount' | 'date' | 'entry' | 'exit' | 'duration' | 'zone' | 'operator' | 'refused' | 'unaffected';
const CHECKS: Check[] = ['kind', 'amount', 'date', 'entry', 'exit', 'duration', 'zone', 'operator', 'refused', 'unaffected'];

interface Outcome {
  id: string;
  document: ParkingDocument['truth']['document'];
  ok: Partial<Record<Check, boolean>>;
  paidWrong: boolean;
  toReview: boolean;
  seconds: number;
  misses: string[];
}

function judgeParking(id: string, doc: ParkingDocument, e: Extraction, seconds = 0): Outcome {
  const t = doc.truth;
  const p = e.parking;
  const ok: Partial<Record<Check, boolean>> = {};
  const misses: string[] = [];
  const check = (c: Check, good: boolean, got: unknown, want: unknown) => {
    ok[c] = good;
    if (!good) misses.push(`${c}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
  };
  let paidWrong = false;
  let toReview = false;
  if (t.document === 'CAR_PARK' || t.document === 'ON_STREET') {
    check('kind', p?.kind === t.document, p?.kind ?? (e.parkingFine ? 'fine' : undefined), t.document);
    check('amount', p?.amountCents === t.amountCents, p?.amountCents, t.amountCents);
    check('date', e.purchaseDate?.value === t.paidOn, e.purchaseDate?.value, t.paidOn);
    if (t.entryAt) check('entry', p?.entryAt === t.entryAt, p?.entryAt, t.entryAt);
    if (t.exitAt) check('exit', p?.exitAt === t.exitAt, p?.exitAt, t.exitAt);
    if (t.durationMinutes !== undefined) check('duration', p?.durationMinutes === t.durationMinutes, p?.durationMinutes, t.durationMinutes);
    if (t.zone) check('zone', fold(p?.zone ?? '') === fold(t.zone), p?.zone, t.zone);
    if (t.operator) check('operator', p?.operator === t.operator, p?.operator, t.operator);
    const confident = (p?.confidence ?? 0) >= REVIEW_POLICY.minTotalConfidence && (e.purchaseDate?.confidence ?? 0) >= REVIEW_POLICY.minDateConfidence;
    toReview = !confident;
    paidWrong = confident && (p?.kind !== t.document || p?.amountCents !== t.amountCents || e.purchaseDate?.value !== t.paidOn);
  } else if (t.document === 'FINE') {
    check('refused', Boolean(e.parkingFine) && !p, p ? `ticket ${p.kind}` : 'nothing', 'fine');
    paidWrong = Boolean(p && p.confidence >= REVIEW_POLICY.minTotalConfidence);
  } else {
    const good = !p && !e.parkingFine && e.totalCents?.value === t.amountCents && e.purchaseDate?.value === t.paidOn;
    check('unaffected', good, p ? `ticket ${p.kind}` : e.parkingFine ? 'fine' : `total ${e.totalCents?.value} date ${e.purchaseDate?.value}`, `total ${t.amountCents} date ${t.paidOn}`);
    paidWrong = Boolean(p && p.confidence >= REVIEW_POLICY.minTotalConfidence);
  }
  return { id, document: t.document, ok, paidWrong, toReview, seconds, misses };
}

const pct = (ok: number, n: number) => (n ? `${((100 * ok) / n).toFixed(1)}%` : '-');
const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function rows(path: string, outcomes: Outcome[]): string[][] {
  const out: string[][] = [];
  const groups: Array<[string, Outcome[]]> = [
    ['tickets', outcomes.filter((o) => o.document === 'CAR_PARK' || o.document === 'ON_STREET')],
    ['  car park', outcomes.filter((o) => o.document === 'CAR_PARK')],
    ['  on street', outcomes.filter((o) => o.document === 'ON_STREET')],
    ['fines', outcomes.filter((o) => o.document === 'FINE')],
    ['shops', outcomes.filter((o) => o.document === 'SHOP')],
  ];
  for (const [name, os] of groups) {
    if (!os.length) continue;
    const cell = (c: Check) => {
      const scored = os.filter((o) => o.ok[c] !== undefined);
      return scored.length ? `${pct(scored.filter((o) => o.ok[c]).length, scored.length)} (${scored.length})` : '-';
    };
    const tickets = os.filter((o) => o.ok.kind !== undefined);
    out.push([
      path,
      name,
      String(os.length),
      ...CHECKS.map(cell),
      tickets.length ? pct(tickets.filter((o) => o.ok.kind && o.ok.amount && o.ok.date).length, tickets.length) : '-',
      String(os.filter((o) => o.paidWrong).length),
      tickets.length ? String(tickets.filter((o) => o.toReview).length) : '-',
      path === 'tesseract' ? `${median(os.map((o) => o.seconds)).toFixed(2)}s` : '-',
    ]);
  }
  return out;
}

async function main(): Promise<void> {
  const started = performance.now();
  const docs = parkingCorpus(SEED, COUNT);
  const text = docs.map(({ id, doc }) => judgeParking(id, doc, parseReceipt({ engine: 'text', lines: parkingLines(doc).map((t) => ({ text: t, confidence: 0.97 })), hints: [] })));
  const image: Outcome[] = [];
  if (IMAGES > 0) {
    const engine = new TesseractEngine();
    try {
      for (const [k, item] of docs.slice(0, IMAGES).entries()) {
        const { id, doc } = item;
        const r = await renderParkingItem(item);
        const t0 = performance.now();
        let e: Extraction;
        try {
          e = parseReceipt(await engine.read(new Uint8Array(r.bytes), r.contentType));
        } catch (err) {
          e = { engine: 'tesseract', lineItems: [], confidence: 0 };
          console.error(`${id}: ${String(err)}`);
        }
        image.push(judgeParking(id, doc, e, (performance.now() - t0) / 1000));
        if ((k + 1) % 8 === 0) process.stderr.write(`  tesseract ${k + 1}/${IMAGES}\n`);
      }
    } finally {
      await engine.close();
    }
  }

  console.log(`Parking documents: seed ${SEED}, ${COUNT} on the text path, ${image.length} on the image path (tesseract, every degradation kind in turn)\n`);
  console.log(
    table(
      ['path', 'documents', 'n', ...CHECKS, 'kind+amount+date', 'paid wrong', 'review', 'median s'],
      [...rows('perfect text', text), ...(image.length ? rows('tesseract', image) : [])],
    ),
  );
  console.log(
    '\nEach cell: share right (documents it applies to). kind: recognised as a car park or on-street ticket; amount: the amount paid;\n' +
      'date: the extraction\'s purchase date is the day paid (a car park: the exit; the street: the start); entry/exit/duration: where the\n' +
      'ticket prints or implies them; zone, operator: where printed (operator: the operators the parser knows); refused: a fine marked as one,\n' +
      'no ticket read; unaffected: a shop\'s receipt that mentions parking, no parking read and its total and date right. paid wrong: a ticket\n' +
      `read at or above the review thresholds (parking ${REVIEW_POLICY.minTotalConfidence}, date ${REVIEW_POLICY.minDateConfidence}) with a wrong kind, amount or day, or a fine or shop's receipt read as a confident ticket.`,
  );
  if (VERBOSE) {
    for (const [path, os] of [['text', text], ['tesseract', image]] as const) for (const o of os) for (const m of o.misses) console.log(`${path.padEnd(9)} ${o.id.padEnd(16)} ${o.document.padEnd(9)} ${m}`);
  } else {
    const misses = [...text, ...image].reduce((s, o) => s + o.misses.length, 0);
    if (misses) console.log(`\n${misses} misses (BENCH_PARKING_VERBOSE=1 lists them).`);
  }
  console.log(`\nbench:parking done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
