/**
 * What the table holds after a bench run: for each item type, how many items and how large, as
 * DynamoDB sizes them for billing (attribute names and values in UTF-8 bytes; numbers about one
 * byte per two digits; three bytes of overhead per map or list and one per element). A write unit
 * is 1 KB of that size, so this tells which items make writes dear. Read with a client that carries
 * no metering middleware: the census is not part of any stage.
 */
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';

function valueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return Math.ceil(v.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x, 'utf8'), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + Math.ceil(x.length / 2) + 1, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueBytes(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k, 'utf8') + valueBytes(x), 0);
  return 0;
}

export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k, 'utf8') + valueBytes(v), 0);
}

export interface ItemCensus {
  type: string;
  count: number;
  medianBytes: number;
  maxBytes: number;
  /** Items of the type that carry a key of each index (their writes are billed once more per index). */
  indexed: number;
}

export async function itemCensus(client: DynamoDBClient, table: string): Promise<ItemCensus[]> {
  const byType = new Map<string, { sizes: number[]; indexed: number }>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const type = item.type?.S ?? String(item.pk?.S ?? '?').split('#')[0]!;
      const entry = byType.get(type) ?? { sizes: [], indexed: 0 };
      entry.sizes.push(itemBytes(item));
      entry.indexed += (item.gsi1pk ? 1 : 0) + (item.gsi2pk ? 1 : 0);
      byType.set(type, entry);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...byType.entries()]
    .map(([type, { sizes, indexed }]) => {
      const sorted = [...sizes].sort((a, b) => a - b);
      return { type, count: sizes.length, medianBytes: sorted[Math.floor(sorted.length / 2)]!, maxBytes: sorted[sorted.length - 1]!, indexed };
    })
    .sort((a, b) => b.count * b.medianBytes - a.count * a.medianBytes);
}
