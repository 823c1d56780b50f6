import { DeleteCommand, type TableClient, GetCommand, TransactWriteCommand } from './client/commands';
import type { CounterResident } from '../../domain/counter-resident';
import { ConflictError } from '../../domain/errors';
import type { CounterResidentStore } from '../../ports/counter-residents';
import type { Page } from '../../ports/page';
import { cursorFor, queryPage, stripKeys } from './query';
import { cancellationReasons, failed } from './transactions';

/**
 * Counter residents on the single table (issue #19):
 * - `COUNTER_RESIDENT#<id>` / `COUNTER_RESIDENT`: the registration, listed newest first on gsi1
 *   (`COUNTER_RESIDENTS`, `<registeredAt>#<id>`);
 * - `COUNTER_REFERENCE#<reference>` / `COUNTER_REFERENCE`: who holds a reference, written in the
 *   same transaction as the registration so that a reference is held by one resident only.
 */
const residentKey = (id: string) => ({ pk: `COUNTER_RESIDENT#${id}`, sk: 'COUNTER_RESIDENT' });
const referenceKey = (reference: string) => ({ pk: `COUNTER_REFERENCE#${reference}`, sk: 'COUNTER_REFERENCE' });
const LIST = 'COUNTER_RESIDENTS';

export class DynamoCounterResidentStore implements CounterResidentStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async create(r: CounterResident): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...residentKey(r.residentId), type: 'counterResident', gsi1pk: LIST, gsi1sk: `${r.registeredAt}#${r.residentId}`, ...r },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.table, Item: { ...referenceKey(r.reference), type: 'counterReference', residentId: r.residentId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && failed(reasons[1])) throw referenceTaken();
      throw err;
    }
  }

  async get(residentId: string): Promise<CounterResident | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: residentKey(residentId), ConsistentRead: true }));
    return out.Item ? stripKeys<CounterResident>(out.Item) : undefined;
  }

  async byReference(reference: string): Promise<CounterResident | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: referenceKey(reference), ConsistentRead: true }));
    const id = out.Item?.residentId;
    if (typeof id !== 'string') return undefined;
    const resident = await this.get(id);
    return resident?.reference === reference ? resident : undefined;
  }

  async list(limit: number, cursor?: string): Promise<Page<CounterResident>> {
    return queryPage<CounterResident>(
      this.doc,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': LIST },
        ScanIndexForward: false,
        ExclusiveStartKey: cursorFor('gsi1', LIST, cursor),
      },
      limit,
    );
  }

  async delete(residentId: string): Promise<void> {
    const resident = await this.get(residentId);
    if (!resident) return;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.table, Key: residentKey(residentId) } },
            { Delete: { TableName: this.table, Key: referenceKey(resident.reference), ConditionExpression: 'residentId = :id', ExpressionAttributeValues: { ':id': residentId } } },
          ],
        }),
      );
    } catch (err) {
      // The reference is not (or no longer) this resident's: delete the registration alone.
      if (!cancellationReasons(err)) throw err;
      await this.doc.send(new DeleteCommand({ TableName: this.table, Key: residentKey(residentId) }));
    }
  }
}

function referenceTaken(): ConflictError {
  return new ConflictError('COUNTER_REFERENCE_TAKEN', 'Another resident is already registered with this reference.');
}
