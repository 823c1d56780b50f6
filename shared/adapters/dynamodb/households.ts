import { type TableClient, GetCommand, TransactWriteCommand } from './client/commands';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { HouseholdStore } from '../../ports';
import { keys } from './table';
import { cancellationReasons, failed } from './transactions';

const membership = (residentId: string) => ({ pk: `RESIDENT#${residentId}`, sk: 'HOUSEHOLD' });
const household = (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: 'HOUSEHOLD' });
const code = (joinCode: string) => keys.claim(`HOUSEHOLD_CODE#${joinCode}`);


/**
 * Households on the single table: the resident's membership, the household (with its member
 * count) and its join code, each written in one transaction so that a resident belongs to one
 * household at most and a household never grows past its limit.
 */
export class DynamoHouseholdStore implements HouseholdStore {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async householdOf(residentId: string): Promise<string | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: membership(residentId), ConsistentRead: true }));
    return out.Item?.householdId as string | undefined;
  }

  async get(householdId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: household(householdId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { householdId, joinCode: String(out.Item.joinCode), memberCount: Number(out.Item.memberCount ?? 0), createdAt: String(out.Item.createdAt) };
  }

  async create(residentId: string, householdId: string, joinCode: string, now: Date): Promise<void> {
    const at = now.toISOString();
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...membership(residentId), type: 'membership', householdId, joinedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: { ...household(householdId), type: 'household', joinCode, memberCount: 1, createdAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.table, Item: { ...code(joinCode), type: 'claim', householdId }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && failed(reasons[0])) throw new ConflictError('HOUSEHOLD_ALREADY_SET', 'You already belong to a household.');
      throw err;
    }
  }

  async join(residentId: string, joinCode: string, maxMembers: number, now: Date): Promise<string> {
    const claim = await this.doc.send(new GetCommand({ TableName: this.table, Key: code(joinCode), ConsistentRead: true }));
    const householdId = claim.Item?.householdId as string | undefined;
    if (!householdId) throw new NotFoundError('HOUSEHOLD_NOT_FOUND', 'No household has this code.');
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...membership(residentId), type: 'membership', householdId, joinedAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.table,
                Key: household(householdId),
                UpdateExpression: 'ADD memberCount :one',
                ConditionExpression: 'attribute_exists(pk) AND memberCount < :max',
                ExpressionAttributeValues: { ':one': 1, ':max': maxMembers },
              },
            },
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && failed(reasons[0])) throw new ConflictError('HOUSEHOLD_ALREADY_SET', 'You already belong to a household.');
      if (reasons && failed(reasons[1])) throw new ConflictError('HOUSEHOLD_FULL', `This household already has ${maxMembers} members.`);
      throw err;
    }
    return householdId;
  }

  /**
   * The resident leaves their household (erasure). The household keeps its allowance counters (what
   * the member drew stays drawn); the last member leaving deletes it and frees its code.
   */
  async leave(residentId: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const householdId = await this.householdOf(residentId);
      if (!householdId) return;
      const current = await this.get(householdId);
      const last = !current || current.memberCount <= 1;
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        { Delete: { TableName: this.table, Key: membership(residentId), ConditionExpression: 'householdId = :h', ExpressionAttributeValues: { ':h': householdId } } },
      ];
      if (!current) {
        // Nothing but the membership is left.
      } else if (last) {
        items.push(
          { Delete: { TableName: this.table, Key: household(householdId), ConditionExpression: 'memberCount = :n', ExpressionAttributeValues: { ':n': current.memberCount } } },
          { Delete: { TableName: this.table, Key: code(current.joinCode) } },
        );
      } else {
        items.push({
          Update: { TableName: this.table, Key: household(householdId), UpdateExpression: 'ADD memberCount :minus', ConditionExpression: 'memberCount = :n', ExpressionAttributeValues: { ':minus': -1, ':n': current.memberCount } },
        });
      }
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        // Someone joined or left meanwhile: read again.
        if (!cancellationReasons(err)) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      }
    }
    throw new Error('Households: the household kept changing while the resident left it');
  }
}
