import { describe, expect, it } from 'vitest';
import { parseCityConfig } from '../../../infra/config';
import { loadConfig } from '../../../shared/config';
import { claimKeys } from '../../../shared/domain/fraud/claim-keys';
import { ledgerRefsOf, receiptErasure, redactForeign, redactTimes, residentFraudKeysOf, scrubExtraction, versionOf } from '../../../shared/domain/privacy';
import type { Receipt } from '../../../shared/domain/receipt';
import type { Extraction } from '../../../shared/receipts/extraction';
import { nextDailyRun } from '../../../shared/local/schedule';

const field = <T>(value: T) => ({ value, confidence: 0.9 });

const extraction: Extraction = {
  engine: 'scripted',
  shopSign: field("AU FOURNIL D'ELISE"),
  siret: field('81234567600017'),
  siren: field('812345676'),
  vatNumber: field('FR12812345676'),
  phone: field('0612345678'),
  street: field('3 impasse des Lilas'),
  postcode: field('37410'),
  city: field('MONTCLAIR-SUR-LOIRE'),
  purchaseDate: field('2026-06-15'),
  purchaseTime: field('10:42'),
  totalCents: field(1250),
  paymentMeans: field('CB **** 4242'),
  ticketNumber: field('004217'),
  lineItems: [{ label: 'PAIN SANS GLUTEN', amountCents: 450 }],
  confidence: 0.93,
  text: 'CARTE FIDELITE ALICE MARTIN\nCB **** 4242',
};

const receipt: Receipt = {
  receiptId: '11111111-1111-4111-8111-111111111111',
  residentId: 'alice',
  status: 'CREDITED',
  createdAt: '2026-06-15T21:50:00Z',
  updatedAt: '2026-06-16T08:00:00Z',
  contentType: 'image/png',
  contentLength: 1000,
  objectKey: 'receipts/11111111-1111-4111-8111-111111111111',
  sha256: 'ab'.repeat(32),
  perceptualHash: 'f'.repeat(64),
  extraction,
  decision: {
    merchantId: 'shop-1',
    merchantName: "Au Fournil d'Élise",
    campaignId: 'camp-1',
    purchaseDate: '2026-06-15',
    totalCents: 1250,
    cashbackCents: 125,
    credits: [
      [{ campaignId: 'camp-1', campaignName: 'Commerces', kind: 'CASHBACK', cashbackCents: 125, cap: { basis: 'CASHBACK', amountCents: 2000, windowKey: '2026-06', holderId: 'alice' } }],
      [{ campaignId: 'camp-2', campaignName: 'Foyers', kind: 'GIFT_ALLOWANCE', cashbackCents: 50, cap: { basis: 'CASHBACK', amountCents: 5000, windowKey: 'CAMPAIGN', holderId: 'household:h1' } }],
    ],
    explanation: ['SIRET lu', 'validé par agent-7'],
    trace: [{ campaignId: 'camp-1', rule: 'hours', verdict: 'PASS', detail: 'achat à 10:42, heures : 08:00-12:00' }],
  },
  cashbackCents: 175,
  credits: [
    { campaignId: 'camp-1', transferId: 'cashback:1', amountCents: 125, cap: { holderId: 'alice', windowKey: '2026-06', usedCents: 125 } },
    { campaignId: 'camp-2', transferId: 'cashback:1:camp-2', amountCents: 50, cap: { holderId: 'household:h1', windowKey: 'CAMPAIGN', usedCents: 50 } },
  ],
  review: {
    reasons: ['Photo très ressemblante à celle du ticket 22222222-2222-4222-8222-222222222222 d’un autre résident'],
    candidates: [{ merchantId: 'shop-1', name: "Au Fournil d'Élise", score: 0.9 }],
    lookAlikes: [{ receiptId: '22222222-2222-4222-8222-222222222222', distance: 12 }],
  },
  reviewDecision: { action: 'APPROVE', by: 'agent-7', at: '2026-06-16T08:00:00Z', corrections: { totalCents: 1250 } },
};

describe('scrubExtraction', () => {
  it('drops what tells about the person and keeps what the accounts and statistics need', () => {
    const s = scrubExtraction(extraction);
    expect(s).toEqual({
      engine: 'scripted',
      shopSign: extraction.shopSign,
      siret: extraction.siret,
      siren: extraction.siren,
      vatNumber: extraction.vatNumber,
      postcode: extraction.postcode,
      city: extraction.city,
      purchaseDate: extraction.purchaseDate,
      totalCents: extraction.totalCents,
      lineItems: [],
      confidence: 0.93,
    });
    expect(JSON.stringify(s)).not.toMatch(/ALICE|4242|004217|10:42|Lilas|0612345678|GLUTEN/);
  });
});

describe('receiptErasure', () => {
  it('scrubs the reading, the review reasons and the times in traces, and keeps shop, amounts, campaign and credits', () => {
    const e = receiptErasure(receipt, '2026-09-01T00:00:00.000Z');
    expect(e.personalDataErasedAt).toBe('2026-09-01T00:00:00.000Z');
    expect(e.residentId).toBeUndefined();
    expect(e.extraction).toEqual(scrubExtraction(extraction));
    expect(e.review).toEqual({ ...receipt.review, reasons: [] });
    expect(e.decision).toMatchObject({ merchantId: 'shop-1', totalCents: 1250, campaignId: 'camp-1', cashbackCents: 125 });
    expect(e.decision!.trace![0]!.detail).toBe('achat à [heure], heures : [heure]-[heure]');
    expect(e.credits).toEqual(receipt.credits);
  });

  it("with a pseudonym, moves the receipt and the resident's own cap counters to it, not the household's", () => {
    const e = receiptErasure(receipt, '2026-09-01T00:00:00.000Z', 'erased-x');
    expect(e.residentId).toBe('erased-x');
    expect(e.credits!.map((c) => c.cap!.holderId)).toEqual(['erased-x', 'household:h1']);
    expect(e.decision!.credits!.flat().map((p) => p.cap!.holderId)).toEqual(['erased-x', 'household:h1']);
    expect(JSON.stringify(e)).not.toContain('"alice"');
  });

  it('keeps the first erasure time (retention, then the resident)', () => {
    const once = { ...receipt, personalDataErasedAt: '2026-08-01T00:00:00.000Z' };
    expect(receiptErasure(once, '2026-09-01T00:00:00.000Z', 'erased-x').personalDataErasedAt).toBe('2026-08-01T00:00:00.000Z');
    expect(versionOf(once)).toEqual({ residentId: 'alice', status: 'CREDITED', personalDataErasedAt: '2026-08-01T00:00:00.000Z' });
    expect(versionOf(receipt)).toEqual({ residentId: 'alice', status: 'CREDITED' });
  });

  it('redacts times of day only', () => {
    expect(redactTimes('achat à 9h05 le 2026-06-15 (14:32:10), 12,50 €')).toBe('achat à [heure] le 2026-06-15 ([heure]), 12,50 €');
  });
});

describe('residentFraudKeysOf', () => {
  it('rebuilds the keys the pipeline writes for the resident, over every local day the match may have run', () => {
    const { claims, tallies } = residentFraudKeysOf(receipt);
    // Uploaded at 23:50 in Paris on the 15th, last changed on the 16th.
    expect(tallies).toContain(claimKeys.announcedByResident('alice', '2026-06-15'));
    expect(tallies).toContain(claimKeys.residentDay('alice', '2026-06-15'));
    expect(tallies).toContain(claimKeys.residentDay('alice', '2026-06-16'));
    expect(tallies).toContain(claimKeys.residentShopDay('alice', 'shop-1', '2026-06-15'));
    expect(claims).toEqual([claimKeys.sameAmountByResident('alice', 'shop-1', '2026-06-15', 1250)]);
    expect([...claims, ...tallies].every((k) => k.includes('alice'))).toBe(true);
  });

  it('bounds the days searched for a receipt decided long after its upload', () => {
    const late = { ...receipt, updatedAt: '2027-06-16T08:00:00Z' };
    expect(residentFraudKeysOf(late).tallies.filter((k) => k.startsWith('VELOCITY#alice#2')).length).toBeLessThanOrEqual(33);
  });
});

describe('ledgerRefsOf', () => {
  it("names every campaign of the decision and credits, and the shop once credited", () => {
    expect(ledgerRefsOf(receipt)).toEqual({ campaignIds: ['camp-1', 'camp-2'], merchantIds: ['shop-1'] });
    const { credits: _c, cashbackCents: _a, ...rejected } = receipt;
    expect(ledgerRefsOf({ ...rejected, status: 'REJECTED' }).merchantIds).toEqual([]);
  });
});

describe('redactForeign', () => {
  it("blanks other residents' receipt ids and staff ids, keeps the resident's own", () => {
    const own = new Set(['11111111-1111-4111-8111-111111111111']);
    expect(redactForeign('ticket 22222222-2222-4222-8222-222222222222 et 11111111-1111-4111-8111-111111111111, vu par agent-7', own, ['agent-7'])).toBe(
      'ticket [autre ticket] et 11111111-1111-4111-8111-111111111111, vu par [services de la ville]',
    );
  });
});

describe('configuration', () => {
  const city = {
    cityName: 'Ville de Test',
    ocrEngine: 'textract-text',
    payoutSchedule: 'cron(0 6 1 * ? *)',
    payoutThresholdCents: 1500,
    payer: { name: 'Ville de Test', iban: 'FR7630004008230001000002128', postcode: '12345', town: 'Test' },
    imageRetentionDays: 90,
  };

  it('a city keeps receipts’ personal data 365 days unless it says otherwise, between 1 and 3650', () => {
    expect(parseCityConfig(city).receiptPersonalDataRetentionDays).toBe(365);
    expect(parseCityConfig({ ...city, receiptPersonalDataRetentionDays: 120 }).receiptPersonalDataRetentionDays).toBe(120);
    expect(() => parseCityConfig({ ...city, receiptPersonalDataRetentionDays: 0 })).toThrow(/receiptPersonalDataRetentionDays/);
    expect(() => parseCityConfig({ ...city, receiptPersonalDataRetentionDays: 30.5 })).toThrow(/receiptPersonalDataRetentionDays/);
  });

  it('reaches the functions through CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS', () => {
    const base = { CABAS_TABLE: 't', CABAS_RECEIPTS_BUCKET: 'b' };
    expect(loadConfig(base).receiptPersonalDataRetentionDays).toBe(365);
    expect(loadConfig({ ...base, CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS: '30' }).receiptPersonalDataRetentionDays).toBe(30);
    expect(() => loadConfig({ ...base, CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS: '0' })).toThrow(/CABAS_RECEIPT_PERSONAL_DATA_RETENTION_DAYS/);
  });
});

describe('nextDailyRun (the local privacy schedule)', () => {
  it('is 03:30 in Paris, winter and summer, the same day when still ahead, else the next', () => {
    expect(nextDailyRun(new Date('2026-01-10T01:00:00Z')).toISOString()).toBe('2026-01-10T02:30:00.000Z');
    expect(nextDailyRun(new Date('2026-01-10T02:30:00Z')).toISOString()).toBe('2026-01-11T02:30:00.000Z');
    expect(nextDailyRun(new Date('2026-07-10T12:00:00Z')).toISOString()).toBe('2026-07-11T01:30:00.000Z');
    expect(nextDailyRun(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-01-01T02:30:00.000Z');
  });
});
