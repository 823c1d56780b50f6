import { accountIds, type LedgerEntry, type Transfer } from '../../ports';
import { MemoryBook, Transaction, key, type Side } from './ledger-book';

/* A resident's erasure in memory: the wallet and its history renamed, the wallet closed, caps and customer records re-keyed. */

/** Erasure: every transfer, entry and sum of the wallet moves to the pseudonym's wallet, in one step. */
export async function renameWallet(book: MemoryBook, fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
  const fromId = accountIds.wallet(fromResidentId);
  const toId = accountIds.wallet(toResidentId);
  const wallet = book.accounts.get(fromId);
  if (!wallet) return 'NO_WALLET';
  if (wallet.inPayout !== undefined || Number(wallet.pendingPayoutCents ?? 0) !== 0) return 'IN_PAYOUT';
  const entries = book.entryItems.get(fromId) ?? new Map<string, LedgerEntry & { accountId: string }>();
  const sums = { balanceCents: 0, debitsCents: 0, creditsCents: 0, paidOutCents: Number(wallet.paidOutCents ?? 0) };
  let moved = book.entryItems.get(toId);
  if (entries.size > 0 && !moved) book.entryItems.set(toId, (moved = new Map()));
  for (const [sk, e] of entries) {
    const t = book.transfers.get(e.transferId)!;
    if (e.amountCents < 0) t.debitAccountId = toId;
    else t.creditAccountId = toId;
    const other = book.entryItems.get(e.counterpartyAccountId)?.get(sk);
    if (other) other.counterpartyAccountId = toId;
    moved!.set(sk, { ...e, accountId: toId });
    sums.balanceCents += e.amountCents;
    if (e.amountCents < 0) sums.debitsCents -= e.amountCents;
    else sums.creditsCents += e.amountCents;
  }
  book.entryItems.delete(fromId);
  book.accounts.delete(fromId);
  if (entries.size > 0 || sums.paidOutCents !== 0) {
    const target = book.accountItem(toId, 'RESIDENT_WALLET');
    target.residentId = toResidentId;
    for (const [k, v] of Object.entries(sums)) if (v !== 0 || entries.size > 0) target[k] = Number(target[k] ?? 0) + v;
  }
  return 'RENAMED';
}

export async function closeWallet(book: MemoryBook, residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
  const walletId = accountIds.wallet(residentId);
  let balance = 0;
  return book.transact<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'>(
    () => {
      const wallet = book.accounts.get(walletId);
      balance = wallet?.balanceCents ?? 0;
      if (!wallet || balance === 0) return { answer: { closedCents: 0 } };
      if (wallet.inPayout !== undefined || Number(wallet.pendingPayoutCents ?? 0) !== 0) return { answer: 'IN_PAYOUT' };
      const forfeited = balance > 0;
      const t: Transfer = {
        transferId: `wallet-close:${residentId}`,
        kind: 'WALLET_CLOSE',
        debitAccountId: forfeited ? walletId : accountIds.cityFunding,
        creditAccountId: forfeited ? accountIds.cityFunding : walletId,
        amountCents: Math.abs(balance),
        reason: forfeited ? 'Effacement du résident : solde non versé, rendu à la ville' : 'Effacement du résident : dette du portefeuille abandonnée',
        createdAt: now.toISOString(),
      };
      const walletSide: Side = { accountId: walletId, kind: 'RESIDENT_WALLET', guard: { equals: balance }, when: (a) => a?.inPayout === undefined };
      const city: Side = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };
      const tx = new Transaction();
      if (forfeited) book.movement(tx, t, walletSide, city);
      else book.movement(tx, t, city, walletSide);
      return tx;
    },
    () => ({ closedCents: balance }),
    (tx) => (tx.failed('transfer') ? 'ALREADY_CLOSED' : undefined),
  );
}

export async function rekeyResidentRecords(book: MemoryBook, fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
  for (const campaignId of refs.campaignIds) {
    const from = book.caps.get(key(campaignId, fromResidentId));
    if (from) {
      let to = book.caps.get(key(campaignId, toResidentId));
      if (!to) book.caps.set(key(campaignId, toResidentId), (to = new Map()));
      for (const [windowKey, used] of from) to.set(windowKey, (to.get(windowKey) ?? 0) + used);
      book.caps.delete(key(campaignId, fromResidentId));
    }
    for (const [k, t] of [...book.tallies]) {
      const [c, holderId, windowKey] = JSON.parse(k) as [string, string, string];
      if (c !== campaignId || holderId !== fromResidentId) continue;
      const to = book.tallies.get(key(campaignId, toResidentId, windowKey)) ?? { count: 0, rewarded: 0 };
      book.tallies.set(key(campaignId, toResidentId, windowKey), { count: to.count + t.count, rewarded: to.rewarded + t.rewarded });
      book.tallies.delete(k);
    }
    const residents = book.campaignResidents.get(campaignId);
    if (residents?.delete(fromResidentId)) residents.add(toResidentId);
  }
  for (const merchantId of refs.merchantIds) {
    const from = book.customers.get(key(merchantId, fromResidentId));
    if (!from) continue;
    const to = book.customers.get(key(merchantId, toResidentId));
    book.customers.set(key(merchantId, toResidentId), {
      purchases: (to?.purchases ?? 0) + from.purchases,
      ...((to?.firstCreditedAt ?? from.firstCreditedAt) !== undefined ? { firstCreditedAt: to?.firstCreditedAt ?? from.firstCreditedAt } : {}),
      ...(from.lastCreditedAt !== undefined ? { lastCreditedAt: from.lastCreditedAt } : {}),
    });
    book.customers.delete(key(merchantId, fromResidentId));
  }
  // The figures' markers (new and returning customers, residents reached) of the programme and these campaigns.
  book.tables.figures.rekey(fromResidentId, toResidentId, refs.campaignIds);
}
