import { accountIds, type PayoutMovement } from '../../ports';
import { MemoryBook, Transaction } from './ledger-book';

/* A payout item's two phases in memory: reserved from the wallet, then posted or voided. */

export async function reservePayout(book: MemoryBook, item: PayoutMovement, now: Date): Promise<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'> {
  const t = book.payoutTransfer('PAYOUT', item, now);
  return book.transact<'RESERVED' | 'ALREADY_DONE' | 'REFUSED'>(
    () => {
      const tx = new Transaction();
      book.movement(
        tx,
        t,
        {
          accountId: t.debitAccountId,
          kind: 'RESIDENT_WALLET',
          guard: 'NON_NEGATIVE',
          counters: { pendingPayoutCents: item.amountCents },
          sets: { inPayout: item.payoutId },
          when: (a) => a?.inPayout === undefined || a.inPayout === item.payoutId,
        },
        { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
      );
      book.payoutItemMove(tx, item, 'RESERVING', 'PENDING', now);
      return tx;
    },
    () => 'RESERVED',
    (tx) => (tx.failed('transfer') ? 'ALREADY_DONE' : 'REFUSED'),
  );
}

export async function postPayout(book: MemoryBook, item: PayoutMovement, now: Date): Promise<'POSTED' | 'ALREADY_DONE'> {
  const t = book.payoutTransfer('PAYOUT_POSTED', item, now);
  const walletId = accountIds.wallet(item.residentId);
  return book.transact<'POSTED' | 'ALREADY_DONE'>(
    () => {
      const tx = new Transaction();
      book.movement(tx, t, { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' }, { accountId: accountIds.paidOut, kind: 'PAID_OUT' });
      const wallet = book.accounts.get(walletId);
      tx.check('wallet', wallet?.inPayout === item.payoutId);
      tx.change(() => {
        book.addCounters(walletId, 'RESIDENT_WALLET', { pendingPayoutCents: -item.amountCents, paidOutCents: item.amountCents }, false);
        delete wallet!.inPayout;
      });
      book.payoutItemMove(tx, item, 'PENDING', 'POSTED', now);
      return tx;
    },
    () => 'POSTED',
    (tx) => {
      if (tx.failed('transfer') || tx.failed('item')) return 'ALREADY_DONE';
      throw new Error(`postPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
    },
  );
}

export async function voidPayout(book: MemoryBook, item: PayoutMovement, reason: string, now: Date): Promise<'VOIDED' | 'ALREADY_DONE'> {
  const t = book.payoutTransfer('PAYOUT_VOIDED', item, now, reason);
  return book.transact<'VOIDED' | 'ALREADY_DONE'>(
    () => {
      const tx = new Transaction();
      book.movement(
        tx,
        t,
        { accountId: accountIds.payoutsInTransit, kind: 'PAYOUTS_IN_TRANSIT' },
        { accountId: t.creditAccountId, kind: 'RESIDENT_WALLET', counters: { pendingPayoutCents: -item.amountCents }, removes: ['inPayout'], when: (a) => a?.inPayout === item.payoutId },
      );
      book.payoutItemMove(tx, item, 'PENDING', 'VOIDED', now, { voidReason: reason });
      return tx;
    },
    () => 'VOIDED',
    (tx) => {
      if (tx.failed('transfer') || tx.failed('item')) return 'ALREADY_DONE';
      throw new Error(`voidPayout(${item.itemId}): the wallet is not held by batch ${item.payoutId}`);
    },
  );
}
