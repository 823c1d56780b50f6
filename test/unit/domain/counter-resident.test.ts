import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  counterResidentTrace,
  CounterResidentInput,
  isCounterResidentId,
  newCounterResident,
  normaliseReference,
  STATEMENT_MAX_PAYOUTS,
  STATEMENT_MAX_RECEIPTS,
} from '../../../shared/domain/counter-resident';
import type { Receipt, ReceiptStatus } from '../../../shared/domain/receipt';

describe('a counter resident', () => {
  it('has an id that no Cognito sub (a UUID) can be, nor an erased resident’s pseudonym', () => {
    const r = newCounterResident({ fullName: 'Jeanne Moreau', reference: 'BM004217' }, randomUUID(), 'agent-1', new Date('2026-06-20T10:00:00Z'));
    expect(isCounterResidentId(r.residentId)).toBe(true);
    fc.assert(fc.property(fc.uuid(), (sub) => !isCounterResidentId(sub)));
    expect(isCounterResidentId(`erased-${randomUUID()}`)).toBe(false);
    expect(isCounterResidentId('guichet-../x')).toBe(false);
  });

  it('compares references without case, spaces, dots, dashes or slashes', () => {
    expect(normaliseReference(' bm 0042-17 ')).toBe('BM004217');
    expect(normaliseReference('BM.0042/17')).toBe('BM004217');
    expect(CounterResidentInput.parse({ fullName: 'Jeanne  Moreau', reference: 'bm 0042-17' }).reference).toBe('BM004217');
  });

  it('refuses what is not a name, a reference or an e-mail, naming the field', () => {
    const fields = (body: unknown) => {
      const out = CounterResidentInput.safeParse(body);
      return out.success ? [] : out.error.issues.map((i) => i.path.join('.'));
    };
    expect(fields({ fullName: 'J', reference: 'BM1' })).toEqual(['fullName']);
    expect(fields({ fullName: '1234', reference: 'BM1' })).toEqual(['fullName']);
    expect(fields({ fullName: 'Jeanne Moreau', reference: '--' })).toEqual(['reference']);
    expect(fields({ fullName: 'Jeanne Moreau', reference: 'x'.repeat(41) })).toEqual(['reference']);
    expect(fields({ fullName: 'Jeanne Moreau', reference: 'BM1', email: 'pas-une-adresse' })).toEqual(['email']);
    expect(fields({ fullName: 'Jeanne Moreau', reference: 'BM1', iban: 'FR76' })).toEqual(['']);
    expect(fields({ fullName: 'Jeanne Moreau', reference: 'BM1', email: 'Jeanne@Example.fr' })).toEqual([]);
  });

  it('is registered with its name tidied, its e-mail in lower case, and who registered it', () => {
    const input = CounterResidentInput.parse({ fullName: ' Jeanne   Moreau ', reference: 'bm-1', email: 'Jeanne@Example.fr' });
    const r = newCounterResident(input, 'u-1', 'agent-7', new Date('2026-06-20T10:00:00Z'));
    expect(r).toEqual({ residentId: 'guichet-u-1', fullName: 'Jeanne Moreau', reference: 'BM1', email: 'jeanne@example.fr', registeredBy: 'agent-7', registeredAt: '2026-06-20T10:00:00.000Z' });
  });

  it('leaves its name, reference and e-mail out of what the audit trail keeps', () => {
    const r = newCounterResident({ fullName: 'Jeanne Moreau', reference: 'BM004217', email: 'j@example.fr' }, 'u-1', 'agent-7', new Date('2026-06-20T10:00:00Z'));
    const kept = JSON.stringify(counterResidentTrace(r));
    for (const personal of ['Jeanne', 'Moreau', 'BM004217', 'j@example.fr']) expect(kept).not.toContain(personal);
    expect(counterResidentTrace(r)).toEqual({ registeredBy: 'agent-7', registeredAt: '2026-06-20T10:00:00.000Z', withEmail: true });
  });
});

describe('the one-page statement', () => {
  const resident = newCounterResident({ fullName: 'Jeanne Moreau', reference: 'BM004217' }, 'u-1', 'agent-7', new Date('2026-06-01T10:00:00Z'));
  const receipt = (i: number, status: ReceiptStatus, extra: Partial<Receipt> = {}): Receipt => ({
    receiptId: `r-${String(i).padStart(3, '0')}`,
    residentId: resident.residentId,
    status,
    createdAt: new Date(Date.UTC(2026, 5, 1, 10, i)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 5, 1, 10, i)).toISOString(),
    contentType: 'image/jpeg',
    contentLength: 1000,
    objectKey: `receipts/r-${i}`,
    ...extra,
  });
  const credited = (i: number, cashbackCents: number, sentAtCounter = true) =>
    receipt(i, 'CREDITED', {
      cashbackCents,
      decision: { merchantId: 'm-1', merchantName: 'Boulangerie du Pont', campaignId: 'c-1', purchaseDate: '2026-05-31', totalCents: cashbackCents * 10, cashbackCents, explanation: [] },
      ...(sentAtCounter ? { sentAtCounter: { by: 'agent-7', at: '2026-06-01T10:00:00Z' } } : {}),
    });
  const base = { at: new Date('2026-06-20T08:00:00Z'), resident, wallet: { balanceCents: 300, pendingPayoutCents: 0, paidOutCents: 1500, currency: 'EUR' as const }, payoutAccount: null, payouts: [] };

  it('counts every receipt by status, adds the cashback credited, and lists the newest first', () => {
    const s = buildStatement({
      ...base,
      receipts: [credited(1, 120), receipt(2, 'REJECTED', { rejection: { code: 'MERCHANT_NOT_FOUND', message: 'Commerce inconnu' } }), receipt(3, 'IN_REVIEW'), credited(4, 80, false), receipt(5, 'AWAITING_UPLOAD')],
    });
    expect(s.totals).toEqual({ receipts: 5, credited: 2, inProgress: 2, rejected: 1, creditedCents: 200 });
    expect(s.receipts.map((r) => r.receiptId)).toEqual(['r-005', 'r-004', 'r-003', 'r-002', 'r-001']);
    expect(s.receipts[4]).toEqual({ receiptId: 'r-001', createdAt: '2026-06-01T10:01:00.000Z', status: 'CREDITED', merchantName: 'Boulangerie du Pont', purchaseDate: '2026-05-31', totalCents: 1200, cashbackCents: 120, sentAtCounter: true });
    expect(s.receipts[1]!.sentAtCounter).toBe(false);
    expect(s.receipts[3]!.rejection?.code).toBe('MERCHANT_NOT_FOUND');
    expect(s.moreReceipts).toBe(false);
    expect(s).toMatchObject({ statementAt: '2026-06-20T08:00:00.000Z', resident: { fullName: 'Jeanne Moreau', reference: 'BM004217' }, wallet: base.wallet });
  });

  it('lists at most the newest receipts that fit on a page, and still counts them all', () => {
    const many = Array.from({ length: STATEMENT_MAX_RECEIPTS + 7 }, (_, i) => credited(i, 10));
    const s = buildStatement({ ...base, receipts: many });
    expect(s.receipts).toHaveLength(STATEMENT_MAX_RECEIPTS);
    expect(s.receipts[0]!.receiptId).toBe(`r-${String(STATEMENT_MAX_RECEIPTS + 6).padStart(3, '0')}`);
    expect(s.moreReceipts).toBe(true);
    expect(s.totals).toMatchObject({ receipts: STATEMENT_MAX_RECEIPTS + 7, creditedCents: 10 * (STATEMENT_MAX_RECEIPTS + 7) });
  });
});

describe('the statement’s payouts', () => {
  it('lists a year of payouts at most, the newest', () => {
    const resident = newCounterResident({ fullName: 'Jeanne Moreau', reference: 'BM1' }, 'u-1', 'agent-7', new Date('2024-01-01T10:00:00Z'));
    const payouts = Array.from({ length: STATEMENT_MAX_PAYOUTS + 3 }, (_, i) => ({ payoutId: `P-${i}`, period: `p-${i}`, requestedExecutionDate: '2026-01-02', amountCents: 1500, status: 'POSTED' }));
    const s = buildStatement({ at: new Date('2026-06-20T08:00:00Z'), resident, wallet: { balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 0, currency: 'EUR' }, payoutAccount: null, receipts: [], payouts });
    expect(s.payouts.map((p) => p.payoutId)).toEqual(payouts.slice(0, STATEMENT_MAX_PAYOUTS).map((p) => p.payoutId));
    expect(s.morePayouts).toBe(true);
    expect(buildStatement({ at: new Date(), resident, wallet: s.wallet, payoutAccount: null, receipts: [], payouts: payouts.slice(0, 2) }).morePayouts).toBe(false);
  });
});
