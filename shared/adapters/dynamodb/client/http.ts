import { AwsJsonService, AwsServiceError, type Json } from '../../aws/json-protocol';
import type { AwsCredentials } from '../../aws/sigv4';
import { type TableClient, type TableCommand, type TableOperation, type TableOperations } from './commands';
import { type AttributeMap, type Item, fromAttributeMap, toAttributeMap } from './marshall';

/**
 * The functions' DynamoDB client: each command marshalled to DynamoDB's JSON protocol and sent by
 * AwsJsonService (../../aws/json-protocol.ts: Signature Version 4, kept-alive connections, the
 * SDK's retries). It replaces the AWS SDK on the functions' path because loading the SDK's DynamoDB
 * client took most of a cold start (npm run bench:cold). Errors keep the SDK's names
 * (ConditionalCheckFailedException, TransactionCanceledException with its CancellationReasons,
 * their items as plain values), so the adapters read them alike.
 *
 * The integration tests run every adapter through this client against DynamoDB Local, and
 * test/unit/adapters/table-client.test.ts compares its requests with the SDK's.
 */

export interface HttpTableClientOptions {
  region: string | (() => string);
  credentials: AwsCredentials | (() => AwsCredentials);
  /** DynamoDB Local in tests and the local stack; DynamoDB's regional endpoint otherwise. */
  endpoint?: string;
  maxAttempts?: number;
  /** Milliseconds without an answer before the attempt is abandoned (and retried). */
  timeoutMs?: number;
  /** Sees each command: may add to its request, and hears how it ended (bench:cost counts capacity this way). */
  observer?: TableObserver;
}

export interface TableObserver {
  prepare?(operation: TableOperation, request: Record<string, unknown>): Record<string, unknown>;
  record(call: ObservedCall): void;
}

export interface ObservedCall {
  operation: TableOperation;
  /** The request as sent (attribute values), and the answer as received, parsed. */
  request: Record<string, unknown>;
  response: Record<string, unknown> | undefined;
  error?: unknown;
  attempts: number;
}

const map = <T, U>(value: T | undefined, f: (v: T) => U): U | undefined => (value === undefined ? undefined : f(value));
const items = (list: AttributeMap[] | undefined) => map(list, (l) => l.map(fromAttributeMap));

/** The document shapes of each operation's input, as attribute values. */
function marshalInput(operation: TableOperation, input: Json): Json {
  const out: Json = { ...input };
  const values = (o: Json) => {
    if (o.ExpressionAttributeValues) o.ExpressionAttributeValues = toAttributeMap(o.ExpressionAttributeValues as Item, 'ExpressionAttributeValues');
  };
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      out.Key = toAttributeMap(input.Key as Item, 'Key');
      values(out);
      break;
    case 'PutItem':
      out.Item = toAttributeMap(input.Item as Item, 'Item');
      values(out);
      break;
    case 'Query':
    case 'Scan':
      if (input.ExclusiveStartKey) out.ExclusiveStartKey = toAttributeMap(input.ExclusiveStartKey as Item, 'ExclusiveStartKey');
      values(out);
      break;
    case 'BatchGetItem':
      out.RequestItems = Object.fromEntries(
        Object.entries(input.RequestItems as Record<string, Json>).map(([table, ask]) => [table, { ...ask, Keys: (ask.Keys as Item[]).map((k) => toAttributeMap(k, 'Keys')) }]),
      );
      break;
    case 'BatchWriteItem':
      out.RequestItems = Object.fromEntries(
        Object.entries(input.RequestItems as Record<string, Json[]>).map(([table, writes]) => [
          table,
          writes.map((w) => ({
            ...(w.PutRequest ? { PutRequest: { Item: toAttributeMap((w.PutRequest as Json).Item as Item, 'PutRequest.Item') } } : {}),
            ...(w.DeleteRequest ? { DeleteRequest: { Key: toAttributeMap((w.DeleteRequest as Json).Key as Item, 'DeleteRequest.Key') } } : {}),
          })),
        ]),
      );
      break;
    case 'TransactWriteItems':
      out.TransactItems = (input.TransactItems as Json[]).map((t) => {
        const one: Json = {};
        for (const [kind, action] of Object.entries(t)) {
          if (action === undefined) continue;
          const a: Json = { ...(action as Json) };
          if (a.Item) a.Item = toAttributeMap(a.Item as Item, `${kind}.Item`);
          if (a.Key) a.Key = toAttributeMap(a.Key as Item, `${kind}.Key`);
          values(a);
          one[kind] = a;
        }
        return one;
      });
      break;
  }
  return out;
}

/** The answer's attribute values as plain values. */
function unmarshalOutput(operation: TableOperation, body: Json): Json {
  const out: Json = { ...body };
  switch (operation) {
    case 'GetItem':
      out.Item = map(body.Item as AttributeMap | undefined, fromAttributeMap);
      break;
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      out.Attributes = map(body.Attributes as AttributeMap | undefined, fromAttributeMap);
      break;
    case 'Query':
    case 'Scan':
      out.Items = items(body.Items as AttributeMap[] | undefined);
      out.LastEvaluatedKey = map(body.LastEvaluatedKey as AttributeMap | undefined, fromAttributeMap);
      break;
    case 'BatchGetItem':
      out.Responses = map(body.Responses as Record<string, AttributeMap[]> | undefined, (r) => Object.fromEntries(Object.entries(r).map(([t, l]) => [t, l.map(fromAttributeMap)])));
      out.UnprocessedKeys = map(body.UnprocessedKeys as Record<string, Json> | undefined, (u) =>
        Object.fromEntries(Object.entries(u).map(([t, ask]) => [t, { ...ask, Keys: (ask.Keys as AttributeMap[]).map(fromAttributeMap) }])),
      );
      break;
    case 'BatchWriteItem':
      out.UnprocessedItems = map(body.UnprocessedItems as Record<string, Json[]> | undefined, (u) =>
        Object.fromEntries(
          Object.entries(u).map(([t, writes]) => [
            t,
            writes.map((w) => ({
              ...(w.PutRequest ? { PutRequest: { Item: fromAttributeMap((w.PutRequest as Json).Item as AttributeMap) } } : {}),
              ...(w.DeleteRequest ? { DeleteRequest: { Key: fromAttributeMap((w.DeleteRequest as Json).Key as AttributeMap) } } : {}),
            })),
          ]),
        ),
      );
      break;
    case 'TransactWriteItems':
      break;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/** The items a refused condition or a cancelled transaction returns, as plain values. */
function unmarshalError(err: unknown): unknown {
  if (!(err instanceof AwsServiceError)) return err;
  if (err.Item) err.Item = fromAttributeMap(err.Item as AttributeMap);
  if (Array.isArray(err.CancellationReasons)) {
    err.CancellationReasons = (err.CancellationReasons as Json[]).map((r) => (r.Item ? { ...r, Item: fromAttributeMap(r.Item as AttributeMap) } : r));
  }
  return err;
}

export class HttpTableClient implements TableClient {
  private readonly dynamodb: AwsJsonService;

  constructor(private readonly options: HttpTableClientOptions) {
    this.dynamodb = new AwsJsonService({ ...options, service: 'dynamodb', targetPrefix: 'DynamoDB_20120810' });
  }

  async send<Op extends TableOperation>(command: TableCommand<Op>): Promise<TableOperations[Op][1]> {
    const marshalled = marshalInput(command.operation, command.input as Json);
    const request = this.options.observer?.prepare?.(command.operation, marshalled) ?? marshalled;
    const { body, error, attempts } = await this.dynamodb.call(command.operation, request);
    this.options.observer?.record({ operation: command.operation, request, response: body, ...(error ? { error } : {}), attempts });
    if (error) throw unmarshalError(error);
    return unmarshalOutput(command.operation, body!) as TableOperations[Op][1];
  }

  /** Closes the kept-alive connections (tests and the local stack, on stop). */
  destroy(): void {
    this.dynamodb.destroy();
  }
}
