import { GetCommand, QueryCommand, TransactWriteCommand } from './client/commands';
import { accountIds, type Ledger, type Transfer } from '../../ports';
import { rekeyFigureMarkers } from './figures';
import { keys } from './table';
import { cancellationReasons, failed } from './transactions';
import { LedgerTable, MAX_ATTEMPTS, backoffMs, sleep, type Side, type TransactItems } from './ledger-items';

/* A resident's erasure in the ledger: the wallet and its history moved to a pseudonym in balanced steps, the wallet closed, caps, customer records and figure markers re-keyed. */

/**
 * Erasure of a resident (shared/app/privacy.ts): the wallet of `fromResidentId` becomes the
 * wallet of `toResidentId`, a pseudonym, with its whole history. Amounts, kinds, dates and ids of
 * the transfers do not change; only the name of the wallet they move money to or from does. A
 * batch of transfers moves in one transaction with their entries and their sums on both wallets,
 * so every committed step balances (reconcile passes at any time) and a run that stopped resumes
 * where it was. A wallet held by a payout batch is not renamed ('IN_PAYOUT').
 */
export async function renameWallet(kit: LedgerTable, fromResidentId: string, toResidentId: string): Promise<'RENAMED' | 'NO_WALLET' | 'IN_PAYOUT'> {
  const fromId = accountIds.wallet(fromResidentId);
  const toId = accountIds.wallet(toResidentId);
  const target = (): Side => ({ accountId: toId, kind: 'RESIDENT_WALLET', sets: { residentId: toResidentId } });
  let renamed = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS * 4; ) {
    const wallet = await kit.getAccount(fromId);
    if (!wallet) return renamed ? 'RENAMED' : 'NO_WALLET';
    if (wallet.inPayout || wallet.pendingPayoutCents !== 0) return 'IN_PAYOUT';
    const out = await kit.doc.send(
      new QueryCommand({
        TableName: kit.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ACCOUNT#${fromId}`, ':prefix': 'ENTRY#' },
        ConsistentRead: true,
        // Four items per transfer and the two wallets: within the 100 items of a transaction.
        Limit: 24,
      }),
    );
    const entries = out.Items ?? [];
    let items: TransactItems;
    if (entries.length === 0) {
      // Every transfer has moved: the empty wallet goes, and its payout counter with it.
      items = [
        {
          Delete: {
            TableName: kit.table,
            Key: keys.account(fromId),
            ConditionExpression: 'balanceCents = :zero AND debitsCents = :zero AND creditsCents = :zero AND attribute_not_exists(inPayout) AND (attribute_not_exists(paidOutCents) OR paidOutCents = :paid)',
            ExpressionAttributeValues: { ':zero': 0, ':paid': wallet.paidOutCents },
          },
        },
      ];
      if (wallet.paidOutCents !== 0) items.push(kit.walletCounters(target(), { paidOutCents: wallet.paidOutCents }));
    } else {
      items = [];
      let balance = 0;
      let debits = 0;
      let credits = 0;
      for (const e of entries) {
        const amount = Number(e.amountCents);
        const side = amount < 0 ? 'debitAccountId' : 'creditAccountId';
        balance += amount;
        if (amount < 0) debits -= amount;
        else credits += amount;
        items.push(
          {
            Update: {
              TableName: kit.table,
              Key: keys.transfer(String(e.transferId)),
              UpdateExpression: `SET ${side} = :to`,
              ConditionExpression: `${side} = :from`,
              ExpressionAttributeValues: { ':to': toId, ':from': fromId },
            },
          },
          { Delete: { TableName: kit.table, Key: { pk: e.pk, sk: e.sk }, ConditionExpression: 'attribute_exists(pk)' } },
          { Put: { TableName: kit.table, Item: { ...e, pk: `ACCOUNT#${toId}`, accountId: toId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: kit.table,
              Key: { pk: `ACCOUNT#${String(e.counterpartyAccountId)}`, sk: e.sk },
              UpdateExpression: 'SET counterpartyAccountId = :to',
              ConditionExpression: 'counterpartyAccountId = :from',
              ExpressionAttributeValues: { ':to': toId, ':from': fromId },
            },
          },
        );
      }
      items.push(
        {
          Update: {
            TableName: kit.table,
            Key: keys.account(fromId),
            UpdateExpression: 'ADD balanceCents :b, debitsCents :d, creditsCents :c',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(inPayout)',
            ExpressionAttributeValues: { ':b': -balance, ':d': -debits, ':c': -credits },
          },
        },
        kit.walletCounters(target(), { balanceCents: balance, debitsCents: debits, creditsCents: credits }),
      );
    }
    try {
      await kit.doc.send(new TransactWriteCommand({ TransactItems: items }));
      renamed = true;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      // A movement of the wallet or a concurrent rename came first: read again.
      attempt++;
      await sleep(backoffMs(attempt));
    }
  }
  throw new Error('Ledger: the wallet kept changing during its rename; the erasure will be retried');
}

/**
 * Closes an erased resident's wallet: one transfer `wallet-close:<residentId>` brings its balance
 * to zero against the city's funding account. What the city still owed is forfeited (wallet ->
 * city); what the resident owed after a reversal is written off (city -> wallet). Once only.
 */
export async function closeWallet(kit: LedgerTable, residentId: string, now: Date): Promise<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'> {
  const walletId = accountIds.wallet(residentId);
  let balance = 0;
  return kit.transact<{ closedCents: number } | 'ALREADY_CLOSED' | 'IN_PAYOUT'>(
    async () => {
      const wallet = await kit.getAccount(walletId);
      balance = wallet?.balanceCents ?? 0;
      if (!wallet || balance === 0) return { closedCents: 0 };
      if (wallet.inPayout || wallet.pendingPayoutCents !== 0) return 'IN_PAYOUT';
      const forfeited = balance > 0;
      const transfer: Transfer = {
        transferId: `wallet-close:${residentId}`,
        kind: 'WALLET_CLOSE',
        debitAccountId: forfeited ? walletId : accountIds.cityFunding,
        creditAccountId: forfeited ? accountIds.cityFunding : walletId,
        amountCents: Math.abs(balance),
        reason: forfeited ? 'Effacement du résident : solde non versé, rendu à la ville' : 'Effacement du résident : dette du portefeuille abandonnée',
        createdAt: now.toISOString(),
      };
      const walletSide: Side = {
        accountId: walletId,
        kind: 'RESIDENT_WALLET',
        guard: { equals: balance },
        condition: { expression: 'attribute_not_exists(inPayout)', values: {} },
      };
      const city: Side = { accountId: accountIds.cityFunding, kind: 'CITY_FUNDING' };
      return forfeited ? kit.movement(transfer, walletSide, city) : kit.movement(transfer, city, walletSide);
    },
    () => ({ closedCents: balance }),
    // The transfer exists already: closed before. Otherwise the wallet moved meanwhile: read it again.
    async (reasons) => (failed(reasons[0]) ? 'ALREADY_CLOSED' : undefined),
  );
}

/**
 * Erasure: the ledger's other records keyed by the resident move to the pseudonym: the cap
 * counters and loyalty tallies of these campaigns (every window), the customer records at these shops (welcome
 * bonuses) and the campaign markers (the count of residents in the campaign's statistics).
 * Idempotent: what has moved is not found under the resident any more.
 */
export async function rekeyResidentRecords(kit: LedgerTable, fromResidentId: string, toResidentId: string, refs: { campaignIds: string[]; merchantIds: string[] }): Promise<void> {
  const move = async (read: () => Promise<Record<string, unknown> | undefined>, write: (item: Record<string, unknown>) => TransactItems) => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const item = await read();
      if (!item) return;
      try {
        await kit.doc.send(new TransactWriteCommand({ TransactItems: write(item) }));
        return;
      } catch (err) {
        if (!cancellationReasons(err)) throw err;
        await sleep(backoffMs(attempt));
      }
    }
    throw new Error('Ledger: a record of the resident kept changing while it was moved');
  };
  const get = (Key: Record<string, string>) => kit.doc.send(new GetCommand({ TableName: kit.table, Key, ConsistentRead: true })).then((o) => o.Item);
  for (const campaignId of refs.campaignIds) {
    const caps = await kit.doc.send(
      new QueryCommand({ TableName: kit.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CAP#${campaignId}#${fromResidentId}` }, ConsistentRead: true }),
    );
    for (const cap of caps.Items ?? []) {
      const windowKey = String(cap.sk).replace(/^WINDOW#/, '');
      await move(
        () => get(keys.cap(campaignId, fromResidentId, windowKey)),
        (item) => [
          { Delete: { TableName: kit.table, Key: keys.cap(campaignId, fromResidentId, windowKey), ConditionExpression: 'usedCents = :u', ExpressionAttributeValues: { ':u': item.usedCents } } },
          {
            Update: {
              TableName: kit.table,
              Key: keys.cap(campaignId, toResidentId, windowKey),
              UpdateExpression: 'SET #type = :type ADD usedCents :u',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': 'cap', ':u': Number(item.usedCents ?? 0) },
            },
          },
        ],
      );
    }
    // Loyalty tallies (every window): the pseudonym keeps the resident's counts.
    const tallies = await kit.doc.send(
      new QueryCommand({ TableName: kit.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TALLY#${campaignId}#${fromResidentId}` }, ConsistentRead: true }),
    );
    for (const tally of tallies.Items ?? []) {
      const windowKey = String(tally.sk).replace(/^WINDOW#/, '');
      await move(
        () => get(keys.tally(campaignId, fromResidentId, windowKey)),
        (item) => [
          {
            Delete: {
              TableName: kit.table,
              Key: keys.tally(campaignId, fromResidentId, windowKey),
              ConditionExpression: '#count = :c AND rewarded = :r',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':c': item.count, ':r': item.rewarded },
            },
          },
          {
            Update: {
              TableName: kit.table,
              Key: keys.tally(campaignId, toResidentId, windowKey),
              UpdateExpression: 'SET #type = :type ADD #count :c, rewarded :r',
              ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
              ExpressionAttributeValues: { ':type': 'tally', ':c': Number(item.count ?? 0), ':r': Number(item.rewarded ?? 0) },
            },
          },
        ],
      );
    }
    await move(
      () => get(keys.campaignResident(campaignId, fromResidentId)),
      () => [
        { Delete: { TableName: kit.table, Key: keys.campaignResident(campaignId, fromResidentId) } },
        { Put: { TableName: kit.table, Item: { ...keys.campaignResident(campaignId, toResidentId), type: 'campaignResident' } } },
      ],
    );
  }
  for (const merchantId of refs.merchantIds) {
    await move(
      () => get(keys.customer(merchantId, fromResidentId)),
      (item) => [
        { Delete: { TableName: kit.table, Key: keys.customer(merchantId, fromResidentId), ConditionExpression: 'purchases = :p', ExpressionAttributeValues: { ':p': item.purchases } } },
        {
          Update: {
            TableName: kit.table,
            Key: keys.customer(merchantId, toResidentId),
            UpdateExpression: 'SET #type = :type, firstCreditedAt = if_not_exists(firstCreditedAt, :first), lastCreditedAt = :last ADD purchases :p',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'customer', ':first': item.firstCreditedAt ?? null, ':last': item.lastCreditedAt ?? null, ':p': Number(item.purchases ?? 0) },
          },
        },
      ],
    );
  }
  // The figures' markers (new and returning customers, residents reached) of the programme and these campaigns.
  await rekeyFigureMarkers(kit.doc, kit.table, fromResidentId, toResidentId, refs.campaignIds, move);
}
