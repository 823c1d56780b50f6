import { PutCommand, QueryCommand, type TableClient, type QueryCommandInput } from './client/commands';
import type { AuditEntry } from '../../domain/audit';
import type { AuditFilter, AuditLog } from '../../ports/audit';
import type { Page } from '../../ports';
import { cursorFor, encodeCursor, type IndexName } from './table';

/**
 * The staff audit trail in the single table. Staff actions are few (a city's team, not its
 * residents), so every entry sits in one partition, newest last by time; two index entries find an
 * actor's actions and a target's history. Written with a "must not exist" condition and never
 * updated: the functions' IAM role may not update or delete AUDIT items (infra/city-stack.ts).
 */
/** The partition of every entry; the functions' IAM role may not update or delete items in it. */
export const AUDIT_PARTITION = 'AUDIT';
const PARTITION = AUDIT_PARTITION;
const byActor = (actor: string) => `AUDIT#ACTOR#${actor}`;
const byTarget = (type: string, id: string) => `AUDIT#TARGET#${type}#${id}`;

/** How many items one page may read past the filters before it hands back a cursor. */
const MAX_EXAMINED = 2_000;

export class DynamoAuditLog implements AuditLog {
  constructor(private readonly doc: TableClient, private readonly table: string) {}

  async append(entry: AuditEntry): Promise<void> {
    const sk = `${entry.at}#${entry.auditId}`;
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: PARTITION,
          sk,
          type: 'audit',
          gsi1pk: byActor(entry.actor),
          gsi1sk: sk,
          ...(entry.target.id ? { gsi2pk: byTarget(entry.target.type, entry.target.id), gsi2sk: sk } : {}),
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    // The narrowest key first: a target's history, an actor's actions, or everything.
    let index: IndexName = 'table';
    let partition = PARTITION;
    let pkAttr = 'pk';
    let skAttr = 'sk';
    if (filter.targetType && filter.targetId) {
      index = 'gsi2';
      partition = byTarget(filter.targetType, filter.targetId);
      pkAttr = 'gsi2pk';
      skAttr = 'gsi2sk';
    } else if (filter.actor) {
      index = 'gsi1';
      partition = byActor(filter.actor);
      pkAttr = 'gsi1pk';
      skAttr = 'gsi1sk';
    }
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = `${pkAttr} = :pk`;
    if (filter.from || filter.to) {
      values[':from'] = filter.from ?? '0';
      values[':to'] = `${filter.to ?? '9999'}\uffff`;
      keyCondition += ` AND ${skAttr} BETWEEN :from AND :to`;
    }
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    if (filter.action) {
      conditions.push('#action = :action');
      names['#action'] = 'action';
      values[':action'] = filter.action;
    }
    if (filter.actor && index !== 'gsi1') {
      conditions.push('actor = :actor');
      values[':actor'] = filter.actor;
    }
    if (filter.targetType) {
      conditions.push('#target.#type = :targetType');
      names['#target'] = 'target';
      names['#type'] = 'type';
      values[':targetType'] = filter.targetType;
    }
    if (filter.targetId && index !== 'gsi2') {
      conditions.push('#target.#tid = :targetId');
      names['#target'] = 'target';
      names['#tid'] = 'id';
      values[':targetId'] = filter.targetId;
    }

    let start = cursorFor(index, partition, cursor);
    const items: AuditEntry[] = [];
    let examined = 0;
    for (;;) {
      const input: QueryCommandInput = {
        TableName: this.table,
        ...(index !== 'table' ? { IndexName: index } : {}),
        KeyConditionExpression: keyCondition,
        ExpressionAttributeValues: values,
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
        ScanIndexForward: false,
        ExclusiveStartKey: start,
        Limit: conditions.length > 0 ? 200 : limit - items.length,
      };
      const out = await this.doc.send(new QueryCommand(input));
      examined += out.ScannedCount ?? 0;
      const page = out.Items ?? [];
      for (let i = 0; i < page.length; i++) {
        items.push(toEntry(page[i]!));
        if (items.length === limit) {
          const last = page[i]!;
          const more = i < page.length - 1 || out.LastEvaluatedKey !== undefined;
          const key: Record<string, unknown> = { pk: last.pk, sk: last.sk };
          if (index !== 'table') Object.assign(key, { [pkAttr]: last[pkAttr], [skAttr]: last[skAttr] });
          return { items, nextCursor: more ? encodeCursor(key) : null };
        }
      }
      start = out.LastEvaluatedKey;
      if (!start) return { items, nextCursor: null };
      if (examined >= MAX_EXAMINED) return { items, nextCursor: encodeCursor(start) };
    }
  }
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...entry } = item;
  return entry as unknown as AuditEntry;
}
