import { accountIds, type PayoutMovement } from '../../ports';
import { failed } from './transactions';
import { LedgerTable } from './ledger-items';

/* A payout item's two phases in the ledger: reserved from the wallet, then posted (the bank paid) or voided (the money back). */

export async function reservePayout(kit: LedgerTable, item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
  const t = kit.payoutTransfer('PAYOUT', item, now);
  return kit.transact<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'>(
    async () => [
      ...kit.movement(
        t,
        {
          accountId: t.debitAccountId,
          kind: 'RESIDENT_WALLET',
          guard: 'NON_NEGATIVE',
          counters: { pendingPayoutCents: item.amountCents },
          sets: { inPayout: item.payoutId },
          condition: { expression: 'attribute_not_exists(inPayout) OR inPayout = :payoutId', values: { ':payoutId': item.payoutId } },
        },
        { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
      ),
      kit.payoutItemUpdate(item, 'RESERVING', 'PENDING', now),
    ],
    () => 'RESERVED',
    async (reasons) => (failed(reasons[0]) ? 'ALREADY_DONE' : 'REFUSED'),
  );
}

export async function postPayout(kit: LedgerTable, item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
  const t = kit.payoutTransfer('PAYOUT_POSTED', item, now);
  return kit.transact<'POSTED' | 'ALREADY_DONE'>(
    async () => [
      ...kit.movement(t, { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' }, { accountId: accountIds.paidOut, kind: 'PAID_OUT' }),
      kit.walletRelease(item, { pendingPayoutCents: -item.amountCents, paidOutCents: item.amountCents }),
      kit.payoutItemUpdate(item, 'PENDING', 'POSTED', now),
    ],
    () => 'POSTED',
    async (reasons) => {
      if (failed(reasons[0]) || failed(reasons[6])) return 'ALREADY_DONE';
      throw new Error(`postPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
    },
  );
}

export async function voidPayout(kit: LedgerTable, item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
  const t = kit.payoutTransfer('PAYOUT_VOIDED', item, now, reason);
  return kit.transact<'VOIDED' | 'ALREADY_DONE'>(
    async () => [
      ...kit.movement(
        t,
        { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
        {
          accountId: t.creditAccountId,
          kind: 'RESIDENT_WALLET',
          counters: { pendingPayoutCents: -item.amountCents },
          removes: ['inPayout'],
          condition: { expression: 'inPayout = :payoutId', values: { ':payoutId': item.payoutId } },
        },
      ),
      kit.payoutItemUpdate(item, 'PENDING', 'VOIDED', now, { voidReason: reason }),
    ],
    () => 'VOIDED',
    async (reasons) => {
      if (failed(reasons[0]) || failed(reasons[5])) return 'ALREADY_DONE';
      throw new Error(`voidPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
    },
  );
}
