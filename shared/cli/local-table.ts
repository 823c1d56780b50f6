import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableClient } from '../adapters/dynamodb/client/commands';
import { HttpTableClient } from '../adapters/dynamodb/client/http';
import { createTableInput } from '../adapters/dynamodb/table';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../local/services/dynamodb-local';
import { LOCAL_REGION, LOCAL_TABLE, readStackFile, type StackFile } from '../local/stack';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running local stack described by <dataDir>/stack.json, if its process is alive. */
export async function runningStack(dataDir: string): Promise<StackFile | undefined> {
  const stack = await readStackFile(dataDir);
  return stack && processAlive(stack.pid) ? stack : undefined;
}

/**
 * Runs `work` on the local stack's table: through the running stack's DynamoDB Local, or by
 * opening the data directory with a DynamoDB Local of its own when the stack is not running
 * (two processes must not open the same database file).
 */
export async function withLocalTable<T>(dataDir: string, work: (doc: TableClient, table: string) => Promise<T>): Promise<T> {
  const stack = await runningStack(dataDir);
  const own = stack ? undefined : await startDynamoDbLocal({ dataDir: path.join(path.resolve(dataDir), 'dynamodb') });
  const endpoint = stack?.dynamodbEndpoint ?? own!.endpoint;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: DYNAMODB_LOCAL_CREDENTIALS });
  const doc = new HttpTableClient({ endpoint, region: LOCAL_REGION, credentials: DYNAMODB_LOCAL_CREDENTIALS });
  try {
    const table = stack?.table ?? LOCAL_TABLE;
    if (own) {
      try {
        await client.send(new CreateTableCommand(createTableInput(table)));
      } catch (err) {
        if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
      }
    }
    return await work(doc, table);
  } finally {
    client.destroy();
    doc.destroy();
    await own?.stop();
  }
}
