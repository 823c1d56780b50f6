import { GetCommand, type TableClient } from './client/commands';
import type { Ledger, Tally } from '../../ports';
import { keys } from './table';

/**
 * The ledger's point reads the match stage needs (a resident's cap usage, whether they are
 * already a shop's customer, a loyalty tally), apart from the ledger's transactions, so that a function that only
 * reads them does not carry the whole ledger adapter.
 */
export class DynamoLedgerReads implements Pick<Ledger, 'capUsage' | 'isCustomer' | 'tally'> {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async capUsage(campaignId: string, holderId: string, windowKey: string): Promise<number> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.cap(campaignId, holderId, windowKey), ConsistentRead: true }));
    return Number(out.Item?.usedCents ?? 0);
  }

  async tally(campaignId: string, holderId: string, windowKey: string): Promise<Tally> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.tally(campaignId, holderId, windowKey), ConsistentRead: true }));
    return { count: Number(out.Item?.count ?? 0), rewarded: Number(out.Item?.rewarded ?? 0) };
  }

  async isCustomer(merchantId: string, residentId: string): Promise<boolean> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.customer(merchantId, residentId), ConsistentRead: true, ProjectionExpression: 'pk' }));
    return out.Item !== undefined;
  }
}
