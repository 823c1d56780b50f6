import { GetCommand } from './client/commands';
import { ConflictError } from '../../domain/errors';
import {
  accountIds,
  type PaidCredit,
  type LoyaltyMark,
  type CashbackRequest,
  type CashbackResult,
  type CapCounter,
  type ReversalRequest,
  type Transfer,
} from '../../ports';
import { allocateCredits } from '../../domain/credit';
import { reachedBonus } from '../../domain/loyalty';
import { localDate } from '../../domain/dates';
import { movementItems, readMovementMarkers } from './figures';
import { ConsistentBatchReader } from './batch-get';
import { keys } from './table';
import { failed } from './transactions';
import { LedgerTable, type Side, type TransactItem, type TransactItems } from './ledger-items';

/* A receipt's credits (the domain's allocation turned into one transaction with its guards) and their reversal. */

/**
 * One transaction for all of a receipt's credits: per paid campaign its transfer, its guarded
 * budget, its cap counter and its stats items; one update of the wallet for their sum (an item
 * may appear only once in a transaction); the receipt (PROCESSING -> CREDITED, guarding
 * exactly-once) and the resident's customer record at the shop (new-customer guard for a welcome
 * bonus); each loyalty tally written with its new values under a condition on those read (two
 * receipts racing cannot take the same position). Amounts are decided on consistent reads; a guard
 * that fails means someone spent or counted first: read again and decide again.
 */
export async function creditCashback(kit: LedgerTable, req: CashbackRequest, now: Date): Promise<CashbackResult> {
  const walletId = accountIds.wallet(req.residentId);
  let paid: PaidCredit[] = [];
  let loyalty: LoyaltyMark[] = [];
  type Role = 'transfer' | 'receipt' | 'other';
  let roles: Role[] = [];
  const capKey = (campaignId: string, cap: CapCounter) => keys.cap(campaignId, cap.holderId, cap.windowKey);
  return kit.transact<CashbackResult>(
    async () => {
      const options = req.credits.flat();
      const campaignIds = [...new Set(options.map((o) => o.campaignId))];
      const withCap = options.filter((o) => o.cap);
      const withTally = options.filter((o) => o.tally);
      // One BatchGetItem for every read below (the same consistent reads, one round trip).
      const reader = new ConsistentBatchReader(kit.doc, kit.table);
      const get = (Key: Record<string, string>) => reader.get(Key);
      const [receipt, customer, budgets, caps, tallies, markers] = await Promise.all([
        get(keys.receipt(req.receiptId)),
        options.some((o) => o.firstPurchaseOnly) ? get(keys.customer(req.merchantId, req.residentId)) : Promise.resolve(undefined),
        Promise.all(campaignIds.map((id) => get(keys.account(accountIds.budget(id))))),
        Promise.all(withCap.map((o) => get(capKey(o.campaignId, o.cap!)))),
        Promise.all(withTally.map((o) => get(keys.tally(o.campaignId, o.tally!.holderId, o.tally!.windowKey)))),
        readMovementMarkers(get, req.residentId, req.merchantId, campaignIds),
      ]);
      if (receipt?.status !== 'PROCESSING') return { outcome: 'ALREADY_DONE' } as CashbackResult;
      const allocation = allocateCredits(req, {
        budgetLeftCents: new Map(campaignIds.map((id, i) => [id, Number(budgets[i]?.balanceCents ?? 0)])),
        capUsedCents: (o) => Number(caps[withCap.indexOf(o)]?.usedCents ?? 0),
        alreadyCustomer: customer !== undefined,
        tally: (o) => {
          const t = tallies[withTally.indexOf(o)];
          return { count: Number(t?.count ?? 0), rewarded: Number(t?.rewarded ?? 0) };
        },
      });
      if (!allocation.ok) return { outcome: 'REFUSED', code: allocation.code } as CashbackResult;
      paid = allocation.paid;
      loyalty = allocation.loyalty ?? [];
      const bonusPaid = allocation.bonusPaid;

      const iso = now.toISOString();
      const total = paid.reduce((sum, p) => sum + p.amountCents, 0);
      const items: TransactItems = [];
      roles = [];
      const add = (role: Role, ...more: TransactItem[]) => {
        for (const item of more) {
          items.push(item);
          roles.push(role);
        }
      };
      for (const p of paid) {
        const budgetId = accountIds.budget(p.campaignId);
        const transfer: Transfer = { transferId: p.transferId, kind: 'CASHBACK', debitAccountId: budgetId, creditAccountId: walletId, amountCents: p.amountCents, campaignId: p.campaignId, receiptId: req.receiptId, createdAt: iso };
        const { put, entries } = kit.transferItems(transfer);
        const budget: Side = { accountId: budgetId, kind: 'CAMPAIGN_BUDGET', guard: 'NON_NEGATIVE', counters: { cashbackCents: p.amountCents, salesCents: req.totalCents, creditedReceipts: 1 } };
        add('transfer', put);
        add('other', kit.accountUpdate(budget, 'debit', p.amountCents), ...entries);
        add(
          'other',
          { Put: { TableName: kit.table, Item: { pk: `CAMPAIGN#${p.campaignId}`, sk: `RECEIPT#${req.receiptId}`, type: 'campaignReceipt', receiptId: req.receiptId, status: 'CREDITED' } } },
          { Put: { TableName: kit.table, Item: { ...keys.campaignResident(p.campaignId, req.residentId), type: 'campaignResident' } } },
          { Put: { TableName: kit.table, Item: { ...keys.campaignMerchant(p.campaignId, req.merchantId), type: 'campaignMerchant' } } },
        );
        const option = req.credits.flat().find((o) => o.campaignId === p.campaignId)!;
        if (option.cap && p.cap) {
          add('other', {
            Update: {
              TableName: kit.table,
              Key: capKey(p.campaignId, option.cap),
              UpdateExpression: 'SET #type = :type ADD usedCents :a',
              ConditionExpression: 'attribute_not_exists(usedCents) OR usedCents <= :limit',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':a': p.cap.usedCents, ':limit': option.cap.amountCents - p.cap.usedCents, ':type': 'cap' },
            },
          });
        }
      }
      // Each loyalty tally moves from the values read to the next, or the transaction fails and decides again.
      for (const m of loyalty) {
        const before = tallies[withTally.findIndex((o) => o.campaignId === m.campaignId)];
        add('other', {
          Update: {
            TableName: kit.table,
            Key: keys.tally(m.campaignId, m.holderId, m.windowKey),
            UpdateExpression: 'SET #type = :type, #count = :count, rewarded = :rewarded',
            ConditionExpression: before ? '#count = :was AND rewarded = :wasRewarded' : 'attribute_not_exists(pk)',
            ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
            ExpressionAttributeValues: {
              ':type': 'tally',
              ':count': m.position,
              ':rewarded': Number(before?.rewarded ?? 0) + (reachedBonus(m) ? 1 : 0),
              ...(before ? { ':was': Number(before.count ?? 0), ':wasRewarded': Number(before.rewarded ?? 0) } : {}),
            },
          },
        });
      }
      add('other', kit.accountUpdate({ accountId: walletId, kind: 'RESIDENT_WALLET', sets: { residentId: req.residentId } }, 'credit', total));
      add('receipt', {
        Update: {
          TableName: kit.table,
          Key: keys.receipt(req.receiptId),
          UpdateExpression: `SET #s = :credited, cashbackCents = :a, credits = :credits, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s${loyalty.length > 0 ? ', loyalty = :loyalty' : ''}`,
          ConditionExpression: '#s = :processing',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':credited': 'CREDITED', ':processing': 'PROCESSING', ':a': total, ':credits': paid, ':now': iso, ':g2': 'RECEIPTS#CREDITED', ':g2s': `${iso}#${req.receiptId}`,
            ...(loyalty.length > 0 ? { ':loyalty': loyalty } : {}),
          },
        },
      });
      add('other', {
        Update: {
          TableName: kit.table,
          Key: keys.customer(req.merchantId, req.residentId),
          UpdateExpression: 'SET #type = :type, firstCreditedAt = if_not_exists(firstCreditedAt, :now), lastCreditedAt = :now ADD purchases :one',
          ...(bonusPaid ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':type': 'customer', ':now': iso, ':one': 1 },
        },
      });
      // The figures' counters and the resident's markers (new and returning customers, residents
      // reached), guarded by the markers' versions: a race with another movement retries.
      const decision = receipt.decision as { purchaseDate?: string } | undefined;
      add(
        'other',
        ...movementItems(kit.table, req.residentId, {
          receiptId: req.receiptId,
          merchantId: req.merchantId,
          purchaseDate: decision?.purchaseDate ?? localDate(now),
          totalCents: req.totalCents,
          credits: paid,
          direction: 'CREDIT',
        }, markers),
      );
      return items;
    },
    () => ({ outcome: 'CREDITED', amountCents: paid.reduce((sum, p) => sum + p.amountCents, 0), credits: paid, ...(loyalty.length > 0 ? { loyalty } : {}) }),
    async (reasons) => {
      // A transfer exists already or the receipt moved on (credited, reversed, decided by staff): nothing to do.
      if (reasons.some((r, i) => failed(r) && (roles[i] === 'transfer' || roles[i] === 'receipt'))) return { outcome: 'ALREADY_DONE' };
      // A budget guard, a cap, the new-customer guard or a tally failed: someone else spent or counted first. Read again and retry.
      return undefined;
    },
  );
}

export async function reverseCashback(kit: LedgerTable, req: ReversalRequest, now: Date): Promise<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'> {
  const walletId = accountIds.wallet(req.residentId);
  const iso = now.toISOString();
  const total = req.credits.reduce((sum, c) => sum + c.amountCents, 0);
  let transferIndexes: number[] = [];
  let figuresFrom = Number.POSITIVE_INFINITY;
  return kit.transact<'REVERSED' | 'ALREADY_DONE' | 'NOT_CREDITED'>(
    async () => {
      const items: TransactItems = [
        {
          Update: {
            TableName: kit.table,
            Key: keys.receipt(req.receiptId),
            UpdateExpression: 'SET #s = :rejected, rejection = :rejection, reversal = :reversal, updatedAt = :now, gsi2pk = :g2, gsi2sk = :g2s',
            ConditionExpression: '#s = :credited',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':rejected': 'REJECTED',
              ':credited': 'CREDITED',
              ':rejection': { code: 'REJECTED_BY_REVIEWER', message: req.rejectionMessage },
              ':reversal': { reason: req.reason, by: req.by, at: iso, amountCents: total },
              ':now': iso,
              ':g2': 'RECEIPTS#REJECTED',
              ':g2s': `${iso}#${req.receiptId}`,
            },
          },
        },
        kit.accountUpdate({ accountId: walletId, kind: 'RESIDENT_WALLET' }, 'debit', total),
      ];
      transferIndexes = [];
      // Several credits may return to the same account (two closed city campaigns): one update each.
      const targets = new Map<string, { side: Side; amount: number }>();
      for (const c of req.credits) {
        const budgetId = accountIds.budget(c.campaignId);
        const toBudget = c.returnTo === 'BUDGET';
        const target = c.returnTo === 'BUDGET' ? { accountId: budgetId, kind: 'CAMPAIGN_BUDGET' as const } : c.returnTo;
        const transfer: Transfer = {
          transferId: c.transferId.replace(/^cashback:/, 'reversal:'),
          kind: 'REVERSAL',
          debitAccountId: walletId,
          creditAccountId: target.accountId,
          amountCents: c.amountCents,
          campaignId: c.campaignId,
          receiptId: req.receiptId,
          reason: req.reason,
          by: req.by,
          createdAt: iso,
        };
        const counters = { reversedCents: c.amountCents, salesCents: -req.totalCents, creditedReceipts: -1 };
        items.push(toBudget ? kit.campaignCheck(c.campaignId, 'ACTIVE', 'PAUSED') : kit.campaignCheck(c.campaignId, 'CLOSED'));
        const { put, entries } = kit.transferItems(transfer);
        transferIndexes.push(items.length);
        items.push(
          put,
          ...entries,
          { Put: { TableName: kit.table, Item: { pk: `CAMPAIGN#${c.campaignId}`, sk: `RECEIPT#${req.receiptId}`, type: 'campaignReceipt', receiptId: req.receiptId, status: 'REJECTED' } } },
        );
        const t = targets.get(target.accountId) ?? { side: { ...target, ...(toBudget ? { counters } : {}) }, amount: 0 };
        t.amount += c.amountCents;
        targets.set(target.accountId, t);
        // Once closed, the campaign's money goes back to its funder: count it as returned too.
        if (!toBudget) items.push(kit.countersOnly(budgetId, { ...counters, returnedCents: c.amountCents }));
        if (c.cap) {
          items.push({
            Update: { TableName: kit.table, Key: keys.cap(c.campaignId, c.cap.holderId, c.cap.windowKey), UpdateExpression: 'ADD usedCents :minus', ExpressionAttributeValues: { ':minus': -c.cap.usedCents } },
          });
        }
      }
      // Each loyalty tally the credit advanced gives the purchase back (and its bonus milestone, if it reached one).
      for (const m of req.loyalty ?? []) {
        items.push({
          Update: {
            TableName: kit.table,
            Key: keys.tally(m.campaignId, m.holderId, m.windowKey),
            UpdateExpression: 'ADD #count :minus, rewarded :minusRewarded',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':minus': -1, ':minusRewarded': reachedBonus(m) ? -1 : 0 },
          },
        });
      }
      for (const { side, amount } of targets.values()) items.push(kit.accountUpdate(side, 'credit', amount));
      // The figures: the receipt's counters leave the week they went into, a refused receipt is
      // counted, and the resident's markers lose the receipt (a later purchase may become the first).
      figuresFrom = items.length;
      const receipt = (await kit.doc.send(new GetCommand({ TableName: kit.table, Key: keys.receipt(req.receiptId), ConsistentRead: true }))).Item;
      const decision = receipt?.decision as { merchantId?: string; purchaseDate?: string } | undefined;
      if (receipt?.status === 'CREDITED' && decision?.merchantId) {
        const reader = new ConsistentBatchReader(kit.doc, kit.table);
        const markers = await readMovementMarkers((Key) => reader.get(Key), req.residentId, decision.merchantId, req.credits.map((c) => c.campaignId));
        items.push(
          ...movementItems(kit.table, req.residentId, {
            receiptId: req.receiptId,
            merchantId: decision.merchantId,
            purchaseDate: decision.purchaseDate ?? localDate(new Date(String(receipt.updatedAt ?? iso))),
            totalCents: req.totalCents,
            credits: req.credits,
            direction: 'REVERSAL',
            uploadedAt: String(receipt.createdAt ?? iso),
          }, markers),
        );
      }
      return items;
    },
    () => 'REVERSED',
    async (reasons) => {
      if (transferIndexes.some((i) => failed(reasons[i]))) return 'ALREADY_DONE';
      if (failed(reasons[0])) return 'NOT_CREDITED';
      // A marker moved meanwhile (another credit or reversal of the resident): read again.
      if (reasons.some((r, i) => i >= figuresFrom && failed(r))) return undefined;
      throw new ConflictError('CAMPAIGN_CHANGED', 'The campaign opened or closed meanwhile; retry the reversal.');
    },
  );
}
