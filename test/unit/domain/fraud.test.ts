import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../shared/domain/campaign';
import { DEFAULT_FRAUD_POLICY, FraudPolicy } from '../../../shared/domain/fraud-policy';
import { claimKeys, purchaseKeys } from '../../../shared/domain/fraud/claim-keys';
import { judgeLookAlike, lookAlikeLeads, MAX_LOOK_ALIKES } from '../../../shared/domain/fraud/look-alikes';
import { hammingDistance } from '../../../shared/domain/fraud/photo-hash';
import { anotherPurchase, compared, readingsOf } from '../../../shared/domain/fraud/readings';
import { fraudSuspicions, linesMismatch, outsideOpeningHours, sameAmountSuspicion } from '../../../shared/domain/fraud/suspicions';
import type { Merchant } from '../../../shared/domain/merchant';
import { decidePurchase, nothingRead, readingDoubts } from '../../../shared/domain/purchase';
import type { Extraction } from '../../../shared/receipts/extraction';

const field = <T>(value: T, confidence = 0.9) => ({ value, confidence });
const extraction = (over: Partial<Extraction> = {}): Extraction => ({ engine: 'test', lineItems: [], confidence: 0.9, ...over });

describe('ticket readings', () => {
  it('keeps the figures that tell two sales apart, the minute of sale and the ticket number without leading zeros', () => {
    expect(readingsOf(extraction({ purchaseDate: field('2026-06-18'), purchaseTime: field('10:42:07'), ticketNumber: field('000123'), totalCents: field(2350) }))).toEqual({
      purchaseDate: '2026-06-18',
      purchaseTime: '10:42',
      ticketNumber: '123',
      totalCents: 2350,
    });
  });

  it.each([
    ['the same ticket number, whatever else differs', { ticketNumber: '12', totalCents: 100 }, { ticketNumber: '12', totalCents: 900 }, false],
    ['another minute of sale', { purchaseTime: '10:42' }, { purchaseTime: '10:43' }, true],
    ['two differences among date, number and total', { purchaseDate: '2026-06-18', totalCents: 100 }, { purchaseDate: '2026-06-19', totalCents: 200 }, true],
    ['one difference alone (a misread or edited figure)', { purchaseDate: '2026-06-18', totalCents: 100 }, { purchaseDate: '2026-06-18', totalCents: 200 }, false],
    ['nothing read on either', {}, {}, false],
  ])('%s: another purchase = %s', (_n, a, b, expected) => {
    expect(anotherPurchase(a, b)).toBe(expected);
  });

  it('tells staff what agrees and what differs, in French', () => {
    expect(compared({ purchaseDate: 'd', totalCents: 1 }, { purchaseDate: 'd', totalCents: 2 })).toBe('mêmes date ; diffère : montant');
    expect(compared({}, {})).toBe('aucun chiffre lu sur les deux');
  });
});

describe('look-alike photos', () => {
  const hash = '0'.repeat(64);
  const flip = (bits: number) => `${'f'.repeat(Math.floor(bits / 4))}${'0'.repeat(64 - Math.floor(bits / 4))}`;

  it('keeps leads within the distance, closest first, at most a handful, never itself nor another sale by the index readings', () => {
    expect(hammingDistance(hash, flip(8))).toBe(8);
    const mine = { purchaseTime: '10:42', totalCents: 500 };
    const candidates = [
      { receiptId: 'self', hash },
      { receiptId: 'far', hash: flip(40) },
      { receiptId: 'near', hash: flip(8) },
      { receiptId: 'nearest', hash: flip(4) },
      { receiptId: 'other-sale', hash: flip(4), readings: { purchaseTime: '11:00', totalCents: 500 } },
      ...Array.from({ length: 10 }, (_, i) => ({ receiptId: `c${i}`, hash: flip(20) })),
    ];
    const leads = lookAlikeLeads({ receiptId: 'self', views: [hash], readings: mine }, candidates, 32);
    expect(leads.slice(0, 2).map((l) => [l.receiptId, l.distance])).toEqual([['nearest', 4], ['near', 8]]);
    expect(leads).toHaveLength(MAX_LOOK_ALIKES);
    expect(leads.map((l) => l.receiptId)).not.toContain('far');
    expect(leads.map((l) => l.receiptId)).not.toContain('other-sale');
  });

  it('measures a lead against the closest view of the photo (a copy turned without EXIF)', () => {
    const leads = lookAlikeLeads({ receiptId: 's', views: [flip(60), hash], readings: {} }, [{ receiptId: 'copy', hash: flip(4) }], 32);
    expect(leads).toEqual([expect.objectContaining({ receiptId: 'copy', distance: 4 })]);
  });

  const self = { receiptId: 'r2', residentId: 'bob', createdAt: '2026-06-20T10:00:00Z', readings: { purchaseDate: '2026-06-18', totalCents: 500 }, hashBits: 256 };
  const lead = { receiptId: 'r1', hash, distance: 6, readings: { purchaseDate: '2026-06-18', totalCents: 500 } };
  const other = { receiptId: 'r1', residentId: 'alice', createdAt: '2026-06-19T10:00:00Z', status: 'CREDITED', hasDecision: true };

  it('holds a copy of an earlier receipt, naming it, who sent it and what agrees', () => {
    expect(judgeLookAlike(self, lead, other)).toEqual({
      receiptId: 'r1',
      distance: 6,
      reason: "Photo très ressemblante à celle du ticket r1 d'un autre résident (6 bits d'écart sur 256 ; mêmes date, montant)",
    });
  });

  it('welcomes a retake after "no shop found", and leaves a later receipt to be held itself unless it is being paid', () => {
    expect(judgeLookAlike(self, lead, { ...other, status: 'REJECTED', rejectionCode: 'MERCHANT_NOT_FOUND' })).toBeUndefined();
    expect(judgeLookAlike(self, lead, { ...other, status: 'REJECTED', rejectionCode: 'REJECTED_BY_REVIEWER' })).toBeDefined();
    const later = { ...other, createdAt: '2026-06-21T10:00:00Z', status: 'PROCESSING', hasDecision: false };
    expect(judgeLookAlike(self, lead, later)).toBeUndefined();
    expect(judgeLookAlike(self, lead, { ...later, hasDecision: true })).toBeDefined();
  });

  it('reads an index entry without readings from the other receipt, and lets another sale go', () => {
    const bare = { receiptId: 'r1', hash, distance: 6 };
    const otherSale = extraction({ purchaseTime: field('11:00'), totalCents: field(500) });
    expect(judgeLookAlike({ ...self, readings: { purchaseTime: '10:00', totalCents: 500 } }, bare, { ...other, extraction: otherSale })).toBeUndefined();
  });
});

describe('fraud limits', () => {
  const policy = DEFAULT_FRAUD_POLICY;
  const shop = { showcase: { openingHours: 'du mardi au samedi 9h-12h30 / 14h-19h' } } as Pick<Merchant, 'showcase'>;
  const facts = { merchant: shop, purchaseDate: '2026-06-18', purchaseTime: '10:00', totalCents: 2350, lineItems: [] };
  const quiet = { residentToday: 1, residentAtShop: 1, shopDay: 1 };

  it('says nothing of an ordinary purchase', () => {
    expect(fraudSuspicions(policy, facts, quiet)).toEqual([]);
  });

  it('names each limit passed, with its value', () => {
    const reasons = fraudSuspicions(FraudPolicy.parse({ maxReceiptsPerResidentPerDay: 2 }), facts, { residentToday: 3, residentAtShop: 4, shopDay: 301 });
    expect(reasons).toEqual([
      "3 tickets envoyés aujourd'hui par ce résident (limite 2)",
      '4 achats le 2026-06-18 dans ce commerce par ce résident (limite 3)',
      '301 tickets du 2026-06-18 pour ce commerce, tous résidents confondus (limite 300)',
    ]);
  });

  it('doubts lines worth more than the total from two lines, less than the total only from three', () => {
    expect(linesMismatch(policy, [{ amountCents: 3000 }, { amountCents: 3000 }], 2350)).toContain('Les lignes du ticket font');
    expect(linesMismatch(policy, [{ amountCents: 100 }, { amountCents: 100 }], 2350)).toBeUndefined();
    expect(linesMismatch(policy, [{ amountCents: 100 }, { amountCents: 100 }, { amountCents: 100 }], 2350)).toContain('pour un total de');
    expect(linesMismatch(policy, [{ amountCents: 1200 }, { amountCents: 1150 }], 2350)).toBeUndefined();
  });

  it('holds a purchase made while the shop is closed, with the tolerance, and not when the hours cannot be read', () => {
    expect(outsideOpeningHours(policy, { ...facts, purchaseDate: '2026-06-15', purchaseTime: '10:00' })).toContain('en dehors des horaires'); // a Monday
    expect(outsideOpeningHours(policy, { ...facts, purchaseTime: '12:45' })).toBeUndefined(); // 15 minutes after closing: within 20
    expect(outsideOpeningHours(policy, { ...facts, merchant: { showcase: { openingHours: 'quand ça nous chante' } } })).toBeUndefined();
  });

  it('asks staff to look at the same amount by the same resident, or by anyone when nothing tells the tickets apart', () => {
    expect(sameAmountSuspicion('r2', { byResident: 'r1', byAnyone: 'r1' }, { totalCents: 2350, purchaseTime: '10:00' })).toContain('du même résident');
    expect(sameAmountSuspicion('r2', { byResident: 'r2', byAnyone: 'r1' }, { totalCents: 2350, purchaseTime: '10:00' })).toBeUndefined();
    expect(sameAmountSuspicion('r2', { byResident: 'r2', byAnyone: 'r1' }, { totalCents: 2350 })).toContain('sans heure ni numéro');
    expect(sameAmountSuspicion('r2', { byResident: 'r2', byAnyone: 'r2' }, { totalCents: 2350 })).toBeUndefined();
  });
});

describe('claim keys', () => {
  it('keep the stored formats (changing one would let old receipts be claimed again)', () => {
    expect(claimKeys.image('ab12')).toBe('IMAGE#ab12');
    expect(purchaseKeys({ merchantId: 'm', purchaseDate: '2026-06-18', totalCents: 2350, ticketNumber: '0042', purchaseTime: '10:42:07' })).toEqual([
      'PURCHASE#m#2026-06-18#T0042',
      'PURCHASE#m#2026-06-18#10:42#2350',
    ]);
    expect(purchaseKeys({ merchantId: 'm', purchaseDate: '2026-06-18', totalCents: 2350 })).toEqual([]);
    expect(claimKeys.sameAmountByResident('r', 'm', 'd', 5)).toBe('PURCHASE_SOFT#r#m#d#5');
    expect(claimKeys.sameAmountAtShop('m', 'd', 5)).toBe('PURCHASE_SOFT#m#d#5');
    expect(claimKeys.residentDay('r', 'd')).toBe('VELOCITY#r#d');
    expect(claimKeys.residentShopDay('r', 'm', 'd')).toBe('VELOCITY#r#m#d');
    expect(claimKeys.shopDay('m', 'd')).toBe('VELOCITY#SHOP#m#d');
    expect(claimKeys.announcedByResident('r', 'd')).toBe('CREATED#r#d');
  });
});

describe('the purchase decision shared by the match stage and staff review', () => {
  const merchant = { merchantId: 'm', name: 'Quincaillerie', tags: [], aliases: [], status: 'ACTIVE' } as unknown as Merchant;
  const campaign = { campaignId: 'c', name: 'Centre', status: 'ACTIVE', budgetCents: 100_000, startsOn: '2026-01-01', endsOn: '2026-12-31', rateBps: 1000, merchants: { all: true }, createdAt: '2026-01-01T00:00:00Z' } as Campaign;

  it('refuses a date in the future before any rule, and otherwise lets the campaigns decide', () => {
    expect(decidePurchase([campaign], { merchant, purchaseDate: '2026-06-21', totalCents: 2350, today: '2026-06-20' })).toEqual({ ok: false, code: 'FUTURE_DATE', trace: [] });
    expect(decidePurchase([campaign], { merchant, purchaseDate: '2026-06-20', totalCents: 2350, today: '2026-06-20' })).toMatchObject({ ok: true, cashbackCents: 235 });
  });

  it('lists what is missing or doubtful in the readings, and sees a receipt where nothing was read', () => {
    expect(readingDoubts(DEFAULT_FRAUD_POLICY, extraction({ totalCents: field(2350, 0.3) }))).toEqual(['Montant total incertain (2350 centimes)', "Date d'achat non lue"]);
    expect(readingDoubts(DEFAULT_FRAUD_POLICY, extraction({ totalCents: field(2350), purchaseDate: field('2026-06-18') }))).toEqual([]);
    expect(nothingRead(extraction())).toBe(true);
    expect(nothingRead(extraction({ shopSign: field('X') }))).toBe(false);
  });
});
