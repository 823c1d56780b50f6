import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../shared/app/context';
import { creditReceipt } from '../../../shared/app/pipeline';
import { listPayouts, payoutDocument, rejectPayoutItem, runPayouts, setPayoutAccount, settlePayout, type PayoutSettings } from '../../../shared/app/payouts';
import { reconcileLedger } from '../../../shared/app/reconcile';
import { getWallet } from '../../../shared/app/resident';
import type { Ledger } from '../../../shared/ports';
import { startTestTable } from '../../support/dynamo';
import { activeCampaign, decidedReceipt, ledgerContext } from '../../support/ledger-fixture';
import { validatePain001 } from '../../unit/payouts/xsd';

let db: Awaited<ReturnType<typeof startTestTable>>;
let ctx: AppContext;
let now = new Date('2026-11-30T10:00:00Z');
let campaignId: string;

const settings: PayoutSettings = {
  thresholdCents: 1_500,
  debtor: { name: 'Ville de Montclair-sur-Loire', iban: 'FR58300010006400000C3741005', postcode: '37410', town: 'Montclair-sur-Loire' },
};
const ACCOUNTS: Record<string, { iban: string; holderName: string }> = {
  alice: { iban: 'FR14 2004 1010 0505 0001 3M02 606', holderName: 'Alice Dupré' },
  bruno: { iban: 'FR7630004008230001000002128', holderName: 'Bruno Lefèvre' },
  chloe: { iban: 'DE89370400440532013000', holderName: 'Chloé Weiß' },
};

beforeAll(async () => {
  db = await startTestTable();
  ctx = { ...ledgerContext(db), clock: { now: () => now } };
  campaignId = await activeCampaign(ctx, { budgetCents: 1_000_000, startsOn: '2026-01-01', endsOn: '2027-12-31' });
  for (const [sub, account] of Object.entries(ACCOUNTS)) await setPayoutAccount(ctx, { sub, isAdmin: false }, account);
});

afterAll(async () => {
  await db?.stop();
});

async function earn(residentId: string, cents: number) {
  await creditReceipt(ctx, await decidedReceipt(ctx, campaignId, residentId, { cashbackCents: cents, totalCents: cents * 10 }));
}

async function expectReconciled() {
  expect((await reconcileLedger(ctx)).problems).toEqual([]);
}

describe('payout runs', () => {
  it('pays every wallet due that has an account, in one file the XSD accepts, summing to what the ledger moved', async () => {
    await earn('alice', 2_000);
    await earn('bruno', 1_600);
    await earn('chloe', 1_000); // below the threshold
    await earn('dan', 3_000); // no payout account
    const batch = await runPayouts(ctx, settings);
    expect(batch).toEqual({ payoutId: 'PAYOUT-2026-11', itemCount: 2, totalCents: 3_600 });
    expect((await ctx.ledger.getAccount('payouts:in-transit'))?.balanceCents).toBe(3_600);
    expect(await getWallet(ctx, { sub: 'alice', isAdmin: false })).toMatchObject({ balanceCents: 0, pendingPayoutCents: 2_000, paidOutCents: 0 });

    const xml = await payoutDocument(ctx, 'PAYOUT-2026-11', 'file');
    const validation = await validatePain001(xml);
    expect(validation.valid, JSON.stringify(validation.errors)).toBe(true);
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>36.00</CtrlSum>');
    expect(xml).toMatch(/<ReqdExctnDt>\s*<Dt>2026-12-01<\/Dt>\s*<\/ReqdExctnDt>/);
    expect(xml).toContain('Alice Dupre');
    const csv = await payoutDocument(ctx, 'PAYOUT-2026-11', 'csv');
    expect(csv).toContain('20.00');
    expect(csv).not.toContain('FR1420041010050500013M02606'); // masked for the accountant
    await expectReconciled();
  });

  it('creates no second batch for the same period', async () => {
    await earn('chloe', 900); // now 1,900: due, but this period's batch is already built
    expect(await runPayouts(ctx, settings)).toEqual({ payoutId: 'PAYOUT-2026-11', itemCount: 2, totalCents: 3_600 });
    expect((await ctx.ledger.getAccount('payouts:in-transit'))?.balanceCents).toBe(3_600);
    expect((await listPayouts(ctx, 10)).items).toHaveLength(1);
  });

  it('returns a rejected item to the wallet and posts the rest at settlement', async () => {
    const items = await ctx.payouts.listItems('PAYOUT-2026-11');
    const bruno = items.find((i) => i.residentId === 'bruno')!;
    await rejectPayoutItem(ctx, 'PAYOUT-2026-11', bruno.itemId, 'AC04 compte clôturé');
    expect(await getWallet(ctx, { sub: 'bruno', isAdmin: false })).toMatchObject({ balanceCents: 1_600, pendingPayoutCents: 0 });
    await settlePayout(ctx, 'PAYOUT-2026-11');
    await settlePayout(ctx, 'PAYOUT-2026-11'); // a second click changes nothing
    expect(await getWallet(ctx, { sub: 'alice', isAdmin: false })).toMatchObject({ balanceCents: 0, pendingPayoutCents: 0, paidOutCents: 2_000 });
    expect((await ctx.ledger.getAccount('payouts:in-transit'))?.balanceCents).toBe(0);
    expect((await ctx.ledger.getAccount('payouts:paid-out'))?.balanceCents).toBe(2_000);
    expect((await listPayouts(ctx, 10)).items[0]).toMatchObject({ status: 'SETTLED' });
    await expectReconciled();
  });

  it('does not pay a wallet again while its batch is unsettled, and resumes a run that stopped halfway', async () => {
    now = new Date('2026-12-31T10:00:00Z');
    // A run that dies after its first reservation.
    let reservations = 0;
    const crashing: Ledger = Object.create(ctx.ledger);
    crashing.reservePayout = async (...args) => {
      if (reservations++ === 1) throw new Error('simulated crash');
      return ctx.ledger.reservePayout(...args);
    };
    await expect(runPayouts({ ...ctx, ledger: crashing }, settings)).rejects.toThrow('simulated crash');
    const resumed = await runPayouts(ctx, settings);
    expect(resumed).toEqual({ payoutId: 'PAYOUT-2026-12', itemCount: 2, totalCents: 3_500 }); // bruno 1,600 + chloe 1,900
    expect((await listPayouts(ctx, 10)).items.map((b) => b.payoutId)).toEqual(['PAYOUT-2026-12', 'PAYOUT-2026-11']);

    // Bruno earns more while held by the unsettled December batch: January pays only others.
    await earn('bruno', 2_000);
    await earn('alice', 1_500);
    now = new Date('2027-01-31T10:00:00Z');
    const january = await runPayouts(ctx, settings);
    expect(january).toEqual({ payoutId: 'PAYOUT-2027-01', itemCount: 1, totalCents: 1_500 });
    const validation = await validatePain001(await payoutDocument(ctx, 'PAYOUT-2027-01', 'file'));
    expect(validation.valid).toBe(true);
    await expectReconciled();
  });

  it('resumes a run that stopped after its reservations, before writing the files', async () => {
    now = new Date('2027-02-15T10:00:00Z');
    await setPayoutAccount(ctx, { sub: 'fay', isAdmin: false }, { iban: 'FR7630004008230001000002128', holderName: 'Fay Martin' });
    await earn('fay', 2_500); // everyone else due is held by an unsettled batch
    const failingDocs = { put: async () => Promise.reject(new Error('S3 unavailable')), get: ctx.documents.get.bind(ctx.documents) };
    await expect(runPayouts({ ...ctx, documents: failingDocs }, settings)).rejects.toThrow('S3 unavailable');
    expect((await ctx.payouts.getBatch('PAYOUT-2027-02'))?.status).toBe('BUILDING');
    const resumed = await runPayouts(ctx, settings);
    expect(resumed).toMatchObject({ payoutId: 'PAYOUT-2027-02', itemCount: 1, totalCents: 2_500 });
    expect((await validatePain001(await payoutDocument(ctx, 'PAYOUT-2027-02', 'file'))).valid).toBe(true);
    await settlePayout(ctx, 'PAYOUT-2027-02');
    await expectReconciled();
  });

  it('lets a reversal after a payout take the wallet below zero, repaid by later cashback before any new payout', async () => {
    now = new Date('2027-02-20T10:00:00Z');
    const receipt = await decidedReceipt(ctx, campaignId, 'erin', { cashbackCents: 1_800, totalCents: 18_000 });
    await creditReceipt(ctx, receipt);
    await setPayoutAccount(ctx, { sub: 'erin', isAdmin: false }, { iban: 'FR7630004008230001000002128', holderName: 'Erin Moreau' });
    now = new Date('2027-03-01T10:00:00Z');
    await runPayouts(ctx, settings);
    await settlePayout(ctx, 'PAYOUT-2027-03');
    expect(await getWallet(ctx, { sub: 'erin', isAdmin: false })).toMatchObject({ balanceCents: 0, paidOutCents: 1_800 });
    const { reverseReceipt } = await import('../../../shared/app/ledger');
    await reverseReceipt(ctx, { sub: 'staff', isAdmin: true }, receipt, { reason: 'Ticket falsifié découvert après paiement' });
    expect((await getWallet(ctx, { sub: 'erin', isAdmin: false })).balanceCents).toBe(-1_800);
    await earn('erin', 2_000);
    expect((await getWallet(ctx, { sub: 'erin', isAdmin: false })).balanceCents).toBe(200);
    now = new Date('2027-04-01T10:00:00Z');
    const april = await runPayouts(ctx, settings);
    expect(april === null || !(await ctx.payouts.listItems(april.payoutId)).some((i) => i.residentId === 'erin')).toBe(true);
    if (april) await settlePayout(ctx, april.payoutId);
    await expectReconciled();
  });

  it('answers null when no wallet is due', async () => {
    now = new Date('2027-05-02T10:00:00Z');
    await settlePayout(ctx, 'PAYOUT-2026-12');
    await settlePayout(ctx, 'PAYOUT-2027-01');
    // Bruno's 2,000 is now free: May pays it; June has nothing.
    expect(await runPayouts(ctx, settings)).toMatchObject({ payoutId: 'PAYOUT-2027-05', itemCount: 1, totalCents: 2_000 });
    now = new Date('2027-06-30T10:00:00Z');
    expect(await runPayouts(ctx, settings)).toBeNull();
    await expectReconciled();
  });
});
