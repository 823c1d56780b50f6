import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateCampaign, createCampaign } from '../../../shared/app/admin';
import { createMerchant } from '../../../shared/app/merchants';
import { decideReceipt } from '../../../shared/app/review';
import { createMetrics, METRIC } from '../../../shared/adapters/metrics';
import { sqsBatchHandler } from '../../../shared/adapters/sqs-batch';
import { withTelemetry } from '../../../shared/wiring/telemetry';
import type { PipelineTelemetry } from '../../../shared/ports/telemetry';
import { memoryPipeline, sendReceipt, type PipelineHarness } from '../../support/pipeline';
import { ScriptedEngine, fakeImage, receiptLines } from '../../support/scripted-ocr';

/**
 * What an operator watches (issue #18): the pipeline's counts reach the telemetry when a write
 * takes place, and the Lambda adapter writes them as embedded-metric-format log lines with the
 * names and dimensions the dashboard reads (infra/dashboard.ts).
 */

/** A telemetry that keeps what it was told. */
function recorder() {
  const events: string[] = [];
  const t: PipelineTelemetry = {
    receiptCreated: () => events.push('created'),
    receiptCredited: (c) => events.push(`credited:${c}`),
    receiptRefused: (code) => events.push(`refused:${code}`),
    receiptHeldForReview: () => events.push('held'),
    reviewDecided: () => events.push('decided'),
    ocrRead: (s, failed) => events.push(`ocr:${failed ? 'failed' : 'ok'}:${s >= 0}`),
    stageFailed: (n) => events.push(`failed:${n}`),
  };
  return { events, t };
}

const BAKERY = { sign: 'BOULANGERIE DES LILAS', siret: '812 345 676 00017' };
let n = 1;
const ticket = (total: string) => fakeImage(receiptLines({ ...BAKERY, date: '18/06/2026', total, ticket: String(n++) }));

describe('pipeline telemetry', () => {
  let h: PipelineHarness;
  let rec: ReturnType<typeof recorder>;

  beforeEach(async () => {
    const base = memoryPipeline('2026-06-20T10:00:00Z', new ScriptedEngine());
    rec = recorder();
    h = { ...base, ctx: withTelemetry(base.ctx, rec.t) };
    await createMerchant(h.ctx, { name: 'Boulangerie des Lilas', siret: '81234567600017', address: { street: '3 rue des Lilas', postcode: '37410', city: 'Montclair-sur-Loire' }, tags: [], aliases: [] });
    const { campaignId } = await createCampaign(h.ctx, { name: 'Commerces', budgetCents: 200, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1_000, merchants: { all: true } });
    await activateCampaign(h.ctx, campaignId);
  });

  it('counts a receipt created, read and credited, with its cashback', async () => {
    const r = await sendReceipt(h, 'alice', ticket('12,50'));
    expect(r.status).toBe('CREDITED');
    expect(rec.events).toEqual(['created', 'ocr:ok:true', 'credited:125']);
  });

  it('counts refusals by code, once, and nothing for a redelivery', async () => {
    const bytes = ticket('8,00');
    await sendReceipt(h, 'bruno', bytes);
    rec.events.length = 0;
    const again = await sendReceipt(h, 'bruno', bytes);
    expect(again.rejection?.code).toBe('DUPLICATE_IMAGE');
    expect(rec.events).toEqual(['created', 'refused:DUPLICATE_IMAGE']);
    // The budget (2 EUR) is spent by 20 EUR of purchases: the next one is refused by the credit stage.
    await sendReceipt(h, 'bruno', ticket('20,00'));
    rec.events.length = 0;
    const late = await sendReceipt(h, 'chloe', ticket('9,00'));
    expect(late.rejection?.code).toBe('BUDGET_EXHAUSTED');
    expect(rec.events).toEqual(['created', 'ocr:ok:true', 'refused:BUDGET_EXHAUSTED']);
  });

  it('counts receipts held for review and the staff decisions on them', async () => {
    // A second unnumbered ticket of the same amount the same day: nothing tells the sales apart, staff look.
    const unnumbered = () => fakeImage([...receiptLines({ ...BAKERY, date: '18/06/2026', total: '6,00' }), String(n++)]);
    expect((await sendReceipt(h, 'dora', unnumbered())).status).toBe('CREDITED');
    rec.events.length = 0;
    const held = await sendReceipt(h, 'dora', unnumbered());
    expect(held.status).toBe('IN_REVIEW');
    expect(rec.events).toEqual(['created', 'ocr:ok:true', 'held']);
    await decideReceipt(h.ctx, { sub: 'agent-1', isAdmin: true }, held.receiptId, { action: 'REJECT' });
    expect(rec.events.slice(3)).toEqual(['decided', 'refused:REJECTED_BY_REVIEWER']);
  });

  it('times the OCR reading and counts it failed when the engine throws', async () => {
    const failing = memoryPipeline('2026-06-20T10:00:00Z', { name: 'broken', read: () => Promise.reject(new Error('engine down')) });
    const r2 = recorder();
    const ctx = withTelemetry(failing.ctx, r2.t);
    await expect(sendReceipt({ ...failing, ctx }, 'emma', ticket('5,00'))).rejects.toThrow('engine down');
    expect(r2.events).toEqual(['created', 'ocr:failed:true']);
  });
});

describe('embedded metric format (Lambda)', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const emf = () => lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('_aws')).map((l) => JSON.parse(l) as Record<string, any>);

  it('writes counts with the service and stage dimensions, and refusals with their code apart', () => {
    const m = createMetrics('credit', { POWERTOOLS_METRICS_NAMESPACE: 'Cabas/Test', POWERTOOLS_SERVICE_NAME: 'cabas' });
    m.receiptCredited(250);
    m.receiptCredited(100);
    m.receiptRefused('CAP_REACHED');
    m.publish();
    const docs = emf();
    expect(docs).toHaveLength(2);
    const refused = docs.find((d) => d[METRIC.receiptsRefused] !== undefined)!;
    expect(refused._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Cabas/Test' });
    expect([...refused._aws.CloudWatchMetrics[0].Dimensions[0]].sort()).toEqual(['code', 'service', 'stage']);
    expect(refused).toMatchObject({ code: 'CAP_REACHED', stage: 'credit', service: 'cabas', [METRIC.receiptsRefused]: 1 });
    const counts = docs.find((d) => d[METRIC.receiptsCredited] !== undefined)!;
    expect([...counts._aws.CloudWatchMetrics[0].Dimensions[0]].sort()).toEqual(['service', 'stage']);
    expect(counts[METRIC.receiptsCredited]).toEqual([1, 1]);
    expect(counts[METRIC.cashbackCredited]).toEqual([250, 100]);
    expect(counts.code).toBeUndefined();
  });

  it('writes nothing when nothing happened, and counts the failed records of a batch', async () => {
    const m = createMetrics('match', { POWERTOOLS_METRICS_NAMESPACE: 'Cabas/Test' });
    m.publish();
    expect(emf()).toEqual([]);
    const handler = sqsBatchHandler(async (record) => {
      if (record.body === 'bad') throw new Error('cannot');
    }, m);
    const record = (id: string, body: string) => ({ messageId: id, body, receiptHandle: id, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:eu-west-3:1:q', awsRegion: 'eu-west-3' }) as never;
    const response = await handler({ Records: [record('1', 'ok'), record('2', 'bad')] }, {} as never);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    const docs = emf();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ stage: 'match', [METRIC.stageErrors]: 1 });
  });
});
