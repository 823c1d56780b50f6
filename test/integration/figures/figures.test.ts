import { randomUUID } from 'node:crypto';
import { ScanCommand, UpdateCommand } from '../../../shared/adapters/dynamodb/client/commands';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignStats } from '../../../shared/app/admin';
import type { AppContext } from '../../../shared/app/context';
import { figures, figuresShopsCsv, figuresWeeklyCsv } from '../../../shared/app/figures';
import { closeCampaign, reverseReceipt } from '../../../shared/app/ledger';
import { createMerchant } from '../../../shared/app/merchants';
import { creditReceipt } from '../../../shared/app/pipeline';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { isoWeek, localDate } from '../../../shared/domain/dates';
import { DomainError } from '../../../shared/domain/errors';
import type { MatchDecision, Receipt } from '../../../shared/domain/receipt';
import { rejection } from '../../../shared/domain/rejections';
import { routeHttp } from '../../../shared/http/routes';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';

/**
 * The figures of GET /v1/admin/figures against a recomputation, written here independently of
 * shared/domain/figures.ts, from the receipts as stored and the ledger's transfers: after random
 * credits (some delivered twice, on concurrent workers), reversals, refusals, reviews and a close.
 */
let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
const staff = { sub: 'staff', isAdmin: true };
const shops: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

beforeAll(async () => {
  db = await startTestTable();
  ctx = ledgerContext(db);
  const shop = (name: string, siret: string, tags: string[], postcode: string) =>
    createMerchant(ctx, { name, siret, address: { street: '1 rue Haute', postcode, city: 'Montclair' }, tags, aliases: [] }).then((m) => m.merchantId);
  shops.a = await shop('Boulangerie A', '73282932000074', ['centre'], '37410');
  shops.b = await shop('Librairie B', '90412387400029', ['centre'], '37410');
  shops.c = await shop('Garage C', '35600000000048', ['zone-nord'], '37420');
});

afterAll(async () => {
  await db?.stop();
});

interface Stored extends Receipt {
  reviewCampaignId?: string;
}

async function allReceipts(): Promise<Stored[]> {
  const out: Stored[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.table, FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': 'receipt' }, ConsistentRead: true, ExclusiveStartKey: start }));
    out.push(...((page.Items ?? []) as Stored[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** What the figures must say, recomputed from the receipts and the cashback transfers. */
async function expectedFigures(filter: { campaignId?: string; fromWeek?: string; toWeek?: string; shopIds?: string[] }) {
  const receipts = await allReceipts();
  const paid = new Map<string, Array<{ campaignId: string; amountCents: number }>>();
  for await (const t of ctx.ledger.allTransfers()) {
    if (t.kind === 'CASHBACK' && t.receiptId) paid.set(t.receiptId, [...(paid.get(t.receiptId) ?? []), { campaignId: t.campaignId!, amountCents: t.amountCents }]);
  }
  const inRange = (w: string) => (!filter.fromWeek || w >= filter.fromWeek) && (!filter.toWeek || w <= filter.toWeek);
  const credited = receipts
    .filter((r) => r.status === 'CREDITED')
    .map((r) => {
      const credits = (paid.get(r.receiptId) ?? []).filter((c) => !filter.campaignId || c.campaignId === filter.campaignId);
      return { r, d: r.decision!, cashback: credits.reduce((s, c) => s + c.amountCents, 0), inScope: credits.length > 0 };
    })
    .filter((x) => x.inScope);
  const byShopResident = new Map<string, Array<{ date: string; id: string }>>();
  const byResident = new Map<string, Array<{ date: string; id: string }>>();
  for (const { r, d } of credited) {
    const k = `${d.merchantId}|${r.residentId}`;
    byShopResident.set(k, [...(byShopResident.get(k) ?? []), { date: d.purchaseDate, id: r.receiptId }]);
    byResident.set(r.residentId, [...(byResident.get(r.residentId) ?? []), { date: d.purchaseDate, id: r.receiptId }]);
  }
  const order = (a: { date: string; id: string }, b: { date: string; id: string }) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1);
  const selected = (m: string) => !filter.shopIds || filter.shopIds.includes(m);
  const perShop = new Map<string, { newCustomers: number; returningCustomers: number; cashbackCents: number; salesCents: number; creditedReceipts: number }>();
  const row = (m: string) => perShop.get(m) ?? perShop.set(m, { newCustomers: 0, returningCustomers: 0, cashbackCents: 0, salesCents: 0, creditedReceipts: 0 }).get(m)!;
  const weekly = new Map<string, { cashbackCents: number; salesCents: number; creditedReceipts: number; newCustomers: number; returningCustomers: number; residentsReached: number }>();
  const week = (w: string) => weekly.get(w) ?? weekly.set(w, { cashbackCents: 0, salesCents: 0, creditedReceipts: 0, newCustomers: 0, returningCustomers: 0, residentsReached: 0 }).get(w)!;
  for (const { d, cashback } of credited) {
    const w = isoWeek(d.purchaseDate);
    if (!inRange(w) || !selected(d.merchantId)) continue;
    Object.assign(row(d.merchantId), { cashbackCents: row(d.merchantId).cashbackCents + cashback, salesCents: row(d.merchantId).salesCents + d.totalCents, creditedReceipts: row(d.merchantId).creditedReceipts + 1 });
    week(w).cashbackCents += cashback;
    week(w).salesCents += d.totalCents;
    week(w).creditedReceipts += 1;
  }
  for (const [k, list] of byShopResident) {
    const m = k.split('|')[0]!;
    if (!selected(m)) continue;
    const sorted = [...list].sort(order);
    if (inRange(isoWeek(sorted[0]!.date))) {
      row(m).newCustomers++;
      week(isoWeek(sorted[0]!.date)).newCustomers++;
    }
    if (sorted[1] && inRange(isoWeek(sorted[1].date))) {
      row(m).returningCustomers++;
      week(isoWeek(sorted[1].date)).returningCustomers++;
    }
  }
  for (const list of byResident.values()) {
    const first = [...list].sort(order)[0]!;
    if (inRange(isoWeek(first.date)) && !filter.shopIds) week(isoWeek(first.date)).residentsReached++;
  }
  const uploadWeek = (r: Stored) => isoWeek(localDate(new Date(r.createdAt)));
  const refused = filter.campaignId ? undefined : receipts.filter((r) => r.status === 'REJECTED' && inRange(uploadWeek(r))).length;
  const inReview = receipts.filter((r) => r.status === 'IN_REVIEW' && inRange(uploadWeek(r)) && (!filter.campaignId || r.reviewCampaignId === filter.campaignId)).length;
  const sum = (k: 'cashbackCents' | 'salesCents' | 'creditedReceipts' | 'newCustomers' | 'returningCustomers' | 'residentsReached') => [...weekly.values()].reduce((s, w) => s + w[k], 0);
  return { perShop, weekly, refused, inReview, totals: { cashbackCents: sum('cashbackCents'), salesCents: sum('salesCents'), credited: sum('creditedReceipts'), newCustomers: sum('newCustomers'), returningCustomers: sum('returningCustomers'), residentsReached: sum('residentsReached') } };
}

async function checkFigures(filter: { campaignId?: string; from?: string; to?: string; tag?: string }) {
  const got = await figures(ctx, filter);
  const shopIds = filter.tag ? (filter.tag === 'centre' ? [shops.a, shops.b] : [shops.c]) : undefined;
  const want = await expectedFigures({
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    ...(filter.from ? { fromWeek: isoWeek(filter.from) } : {}),
    ...(filter.to ? { toWeek: isoWeek(filter.to) } : {}),
    ...(shopIds ? { shopIds } : {}),
  });
  const label = JSON.stringify(filter);
  expect(got.totals.cashbackCents, label).toBe(want.totals.cashbackCents);
  expect(got.totals.salesCents, label).toBe(want.totals.salesCents);
  expect(got.totals.receipts.credited, label).toBe(want.totals.credited);
  expect(got.totals.newCustomers, label).toBe(want.totals.newCustomers);
  expect(got.totals.returningCustomers, label).toBe(want.totals.returningCustomers);
  expect(got.totals.leverage, label).toBe(want.totals.cashbackCents > 0 ? Math.round((want.totals.salesCents / want.totals.cashbackCents) * 100) / 100 : null);
  if (!shopIds) {
    expect(got.totals.residentsReached, label).toBe(want.totals.residentsReached);
    expect(got.totals.receipts.inReview, label).toBe(want.inReview);
    if (want.refused !== undefined) expect(got.totals.receipts.refused, label).toBe(want.refused);
  } else {
    // One shop: its residents reached are its new customers; several: not summable, null.
    expect(got.totals.residentsReached).toBe(shopIds.length === 1 ? want.totals.newCustomers : null);
    expect(got.totals.receipts.refused).toBeNull();
  }
  for (const s of got.perShop) {
    const w = want.perShop.get(s.merchantId) ?? { newCustomers: 0, returningCustomers: 0, cashbackCents: 0, salesCents: 0, creditedReceipts: 0 };
    expect({ newCustomers: s.newCustomers, returningCustomers: s.returningCustomers, cashbackCents: s.cashbackCents, salesCents: s.salesCents, creditedReceipts: s.creditedReceipts }, `${label} ${s.merchantId}`).toEqual(w);
  }
  for (const m of want.perShop.keys()) expect(got.perShop.some((s) => s.merchantId === m), `${label} ${m} listed`).toBe(true);
  const participating = shopIds ?? [shops.a, shops.b, shops.c];
  const wins = participating.filter((m) => (want.perShop.get(m)?.newCustomers ?? 0) > 0).length;
  const keeps = participating.filter((m) => (want.perShop.get(m)?.returningCustomers ?? 0) > 0).length;
  expect(got.shops.shareWithNewCustomers, label).toBe(Math.round((wins / participating.length) * 10_000) / 10_000);
  expect(got.shops.shareWithReturningCustomers, label).toBe(Math.round((keeps / participating.length) * 10_000) / 10_000);
  const series = new Map(got.weekly.map((w) => [w.week, w]));
  for (const [w, e] of want.weekly) {
    const g = series.get(w);
    expect(g, `${label} week ${w}`).toBeDefined();
    expect({ cashbackCents: g!.cashbackCents, salesCents: g!.salesCents, creditedReceipts: g!.creditedReceipts, newCustomers: g!.newCustomers, returningCustomers: g!.returningCustomers }, `${label} ${w}`).toEqual({
      cashbackCents: e.cashbackCents, salesCents: e.salesCents, creditedReceipts: e.creditedReceipts, newCustomers: e.newCustomers, returningCustomers: e.returningCustomers,
    });
    if (!shopIds) expect(g!.residentsReached, `${label} ${w} reached`).toBe(e.residentsReached);
  }
  for (const g of got.weekly) if (!want.weekly.has(g.week)) expect({ ...g, week: '', from: '', to: '', refusedReceipts: 0, inReviewReceipts: 0, leverage: null, residentsReached: 0 }, `${label} extra week ${g.week}`).toMatchObject({ cashbackCents: 0, salesCents: 0, creditedReceipts: 0, newCustomers: 0, returningCustomers: 0 });
}

/** A receipt sent to review, as the match stage leaves a doubtful one. */
async function receiptInReview(campaignId: string | undefined) {
  const receiptId = randomUUID();
  const now = new Date();
  await ctx.receipts.create({ receiptId, residentId: 'r-review', status: 'PROCESSING', createdAt: now.toISOString(), updatedAt: now.toISOString(), contentType: 'image/jpeg', contentLength: 1000, objectKey: `receipts/${receiptId}` });
  await ctx.receipts.sendToReview(receiptId, { reasons: ['Lecture incertaine'], candidates: [] }, now, campaignId);
  return receiptId;
}

type Op =
  | { kind: 'credit'; receipt: number }
  | { kind: 'reverse'; receipt: number }
  | { kind: 'refuse'; receipt: number }
  | { kind: 'review'; action: 'APPROVE' | 'REJECT' | 'LEAVE'; receipt: number }
  | { kind: 'close' };

const scenario = fc.record({
  budget: fc.integer({ min: 200, max: 5_000 }),
  stacked: fc.boolean(),
  receipts: fc.array(
    fc.record({
      resident: fc.integer({ min: 0, max: 3 }),
      shop: fc.constantFrom('a' as const, 'b' as const, 'c' as const),
      day: fc.integer({ min: 0, max: 34 }),
      total: fc.integer({ min: 100, max: 9_000 }),
      deliveries: fc.integer({ min: 1, max: 2 }),
    }),
    { minLength: 1, maxLength: 14 },
  ),
  reversals: fc.array(fc.nat(), { maxLength: 4 }),
  refusals: fc.array(fc.nat(), { maxLength: 2 }),
  reviews: fc.array(fc.constantFrom('APPROVE' as const, 'REJECT' as const, 'LEAVE' as const), { maxLength: 3 }),
  close: fc.boolean(),
  workers: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer(),
});

describe('figures equal a recomputation from the ledger and the receipts', () => {
  it('after random credits, duplicates, reversals, refusals, reviews and a close', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const run = randomUUID().slice(0, 8);
        const campaignId = await activeCampaign(ctx, { budgetCents: s.budget, rateBps: 1_000 });
        const bonusId = s.stacked ? await activeCampaign(ctx, { budgetCents: 300, rateBps: 500, stackable: true }) : undefined;
        const ids: string[] = [];
        for (const r of s.receipts) {
          const purchaseDate = new Date(Date.UTC(2026, 2, 1 + r.day)).toISOString().slice(0, 10);
          const id = await decidedReceipt(ctx, campaignId, `${run}-r${r.resident}`, { totalCents: r.total, cashbackCents: Math.floor(r.total / 10), purchaseDate, merchantId: shops[r.shop] });
          if (bonusId) {
            // A stacked campaign: a second slot of credits on the decision.
            const stored = (await ctx.receipts.get(id))!;
            const d = stored.decision!;
            const credits: MatchDecision['credits'] = [
              [{ campaignId, campaignName: 'Test', kind: 'CASHBACK', cashbackCents: d.cashbackCents }],
              [{ campaignId: bonusId, campaignName: 'Bonus', kind: 'CASHBACK', cashbackCents: Math.floor(r.total / 20) }],
            ];
            await db.doc.send(new UpdateCommand({ TableName: db.table, Key: { pk: `RECEIPT#${id}`, sk: 'RECEIPT' }, UpdateExpression: 'SET decision.credits = :c', ExpressionAttributeValues: { ':c': credits } }));
          }
          ids.push(id);
        }
        const ops: Op[] = [];
        s.receipts.forEach((r, i) => {
          for (let d = 0; d < r.deliveries; d++) ops.push({ kind: 'credit', receipt: i });
        });
        for (const r of s.reversals) ops.push({ kind: 'reverse', receipt: r % ids.length });
        for (const r of s.refusals) ops.push({ kind: 'refuse', receipt: r % ids.length });
        const reviewIds: string[] = [];
        for (const [i, action] of s.reviews.entries()) {
          reviewIds.push(await receiptInReview(i % 2 === 0 ? campaignId : undefined));
          ops.push({ kind: 'review', action, receipt: i });
        }
        if (s.close) ops.push({ kind: 'close' });
        let x = s.seed;
        for (let i = ops.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          const j = x % (i + 1);
          [ops[i], ops[j]] = [ops[j]!, ops[i]!];
        }
        const queue = [...ops];
        const worker = async () => {
          for (let op = queue.shift(); op; op = queue.shift()) {
            try {
              if (op.kind === 'credit') await creditReceipt(ctx, ids[op.receipt]!);
              else if (op.kind === 'reverse') await reverseReceipt(ctx, staff, ids[op.receipt]!, { reason: 'fraude constatée' });
              else if (op.kind === 'refuse') await ctx.receipts.reject(ids[op.receipt]!, rejection('BELOW_MINIMUM'), new Date(), campaignId);
              else if (op.kind === 'close') await closeCampaign(ctx, staff, campaignId);
              else if (op.action === 'APPROVE') {
                const r = reviewIds[op.receipt]!;
                const decision: MatchDecision = { merchantId: shops.a, merchantName: 'A', campaignId, purchaseDate: '2026-03-16', totalCents: 2_000, cashbackCents: 200, explanation: [] };
                if (await ctx.receipts.approveReview(r, decision, { action: 'APPROVE', by: 'staff', at: new Date().toISOString() }, new Date())) await creditReceipt(ctx, r);
              } else if (op.action === 'REJECT') {
                await ctx.receipts.rejectReview(reviewIds[op.receipt]!, rejection('REJECTED_BY_REVIEWER'), { action: 'REJECT', by: 'staff', at: new Date().toISOString(), reason: 'non' }, new Date());
              }
            } catch (err) {
              // A reversal of a receipt not (or no longer) credited is a business answer.
              if (!(err instanceof DomainError)) throw err;
            }
          }
        };
        await Promise.all(Array.from({ length: s.workers }, worker));

        await checkFigures({});
        await checkFigures({ campaignId });
        if (bonusId) await checkFigures({ campaignId: bonusId });
        await checkFigures({ from: '2026-03-09', to: '2026-03-22' });
        await checkFigures({ tag: 'centre', campaignId });
        await checkFigures({ tag: 'zone-nord', from: '2026-03-16' });
        const report = await reconcileLedger(ctx);
        expect(report.problems).toEqual([]);
        const stats = await campaignStats(ctx, campaignId);
        const want = await expectedFigures({ campaignId });
        expect(stats.residents).toBe(want.totals.residentsReached);
        expect(stats.merchants).toBe([...want.perShop.values()].filter((p) => p.newCustomers > 0).length);
        expect(stats.receipts.inReview).toBe(want.inReview);
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});

describe('the figures over HTTP', () => {
  const admin = { sub: 'agent', 'cognito:groups': ['admin'] };
  const get = (path: string, query: Record<string, string> = {}, claims: Record<string, unknown> = admin) =>
    routeHttp(ctx, { rawPath: path, queryStringParameters: query, requestContext: { http: { method: 'GET' }, authorizer: { jwt: { claims } } } } as never);

  it('answers staff with the figures and their tables as CSV, and refuses others and bad filters', async () => {
    const ok = await get('/v1/admin/figures', { from: '2026-03-01', to: '2026-03-31' });
    expect(ok.statusCode).toBe(200);
    const body = JSON.parse(String(ok.body)) as { period: { from: string; to: string } };
    expect(body.period).toMatchObject({ from: '2026-02-23', to: '2026-04-05' });
    const shopsCsv = await get('/v1/admin/figures/shops.csv', { tag: 'centre' });
    expect(shopsCsv.statusCode).toBe(200);
    expect(String(shopsCsv.headers?.['content-disposition'])).toContain('figures-shops.csv');
    expect(String(shopsCsv.body)).toContain('merchant_id,name,new_customers,returning_customers');
    expect(String(shopsCsv.body)).toContain('Boulangerie A');
    expect(String((await get('/v1/admin/figures/weekly.csv')).body)).toContain('week,from,to,cashback_eur');
    expect((await get('/v1/admin/figures', { from: '2026-04-01', to: '2026-03-01' })).statusCode).toBe(400);
    expect((await get('/v1/admin/figures', { from: '2026-02-30' })).statusCode).toBe(400);
    expect((await get('/v1/admin/figures', { campaignId: 'nope' })).statusCode).toBe(404);
    expect((await get('/v1/admin/figures', { merchantId: 'nope' })).statusCode).toBe(404);
    expect((await get('/v1/admin/figures', { colour: 'red' })).statusCode).toBe(400);
    expect((await get('/v1/admin/figures', {}, { sub: 'alice' })).statusCode).toBe(403);
  });

  it('writes the CSV tables with the same numbers as the JSON answer', async () => {
    const f = await figures(ctx, {});
    const csv = await figuresShopsCsv(ctx, {});
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(f.perShop.length + 1);
    const first = f.perShop[0]!;
    expect(lines[1]!.split(',')[0]).toBe(first.merchantId);
    expect(lines[1]!.split(',')[6]).toBe((first.salesCents / 100).toFixed(2));
    const weekly = await figuresWeeklyCsv(ctx, {});
    expect(weekly.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(f.weekly.length + 1);
  });
});
