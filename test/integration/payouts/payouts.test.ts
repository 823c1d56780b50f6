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

  it('answers null when no wallet is due', async () => {
    now = new Date('2027-02-28T10:00:00Z');
    await settlePayout(ctx, 'PAYOUT-2026-12');
    await settlePayout(ctx, 'PAYOUT-2027-01');
    now = new Date('2027-03-31T10:00:00Z');
    // Bruno's 2,000 is now free: March pays it; April has nothing.
    expect(await runPayouts(ctx, settings)).toMatchObject({ itemCount: 1, totalCents: 2_000 });
    now = new Date('2027-04-30T10:00:00Z');
    expect(await runPayouts(ctx, settings)).toBeNull();
    await expectReconciled();
  });
});
