import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TableClient, TableCommand, TableOperation, TableOperations } from './commands';

const SDK_COMMANDS = {
  GetItem: GetCommand,
  PutItem: PutCommand,
  UpdateItem: UpdateCommand,
  DeleteItem: DeleteCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchGetItem: BatchGetCommand,
  BatchWriteItem: BatchWriteCommand,
  TransactWriteItems: TransactWriteCommand,
} as const;

/**
 * The table's commands sent through the AWS SDK's document client: for the tools that work on the
 * SDK's middleware stack (the benches that count capacity, the tests that break a call on purpose).
 * The functions send them with their own client (./http.ts); both take the same commands.
 */
export function sdkTableClient(doc: DynamoDBDocumentClient): TableClient & { readonly sdk: DynamoDBDocumentClient } {
  return {
    sdk: doc,
    send<Op extends TableOperation>(command: TableCommand<Op>): Promise<TableOperations[Op][1]> {
      const Command = SDK_COMMANDS[command.operation] as unknown as new (input: unknown) => Parameters<DynamoDBDocumentClient['send']>[0];
      return doc.send(new Command(command.input)) as Promise<TableOperations[Op][1]>;
    },
  };
}
