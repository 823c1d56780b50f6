import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HttpTableClient } from '../../shared/adapters/dynamodb/client/http';
import { createTableInput } from '../../shared/adapters/dynamodb/table';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../shared/local/services/dynamodb-local';

/**
 * DynamoDB Local in memory with a fresh table, for one integration test file. `doc` is the
 * functions' own table client (shared/adapters/dynamodb/client/http.ts), so every adapter test
 * goes through the client the Lambdas use; `client` is the SDK's, for creating tables.
 */
export async function startTestTable(table = 'cabas-test') {
  const db = await startDynamoDbLocal({});
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'eu-west-3',
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
  });
  await client.send(new CreateTableCommand(createTableInput(table)));
  const doc = new HttpTableClient({ endpoint: db.endpoint, region: 'eu-west-3', credentials: DYNAMODB_LOCAL_CREDENTIALS });
  return {
    endpoint: db.endpoint,
    client,
    doc,
    table,
    async stop() {
      client.destroy();
      doc.destroy();
      await db.stop();
    },
  };
}
