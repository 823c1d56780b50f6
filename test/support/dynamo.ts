import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '../../shared/adapters/dynamodb/table';
import { DYNAMODB_LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../shared/local/services/dynamodb-local';

/** DynamoDB Local in memory with a fresh table, for one integration test file. */
export async function startTestTable(table = 'cabas-test') {
  const db = await startDynamoDbLocal({});
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: 'eu-west-3',
    credentials: DYNAMODB_LOCAL_CREDENTIALS,
  });
  await client.send(new CreateTableCommand(createTableInput(table)));
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint: db.endpoint,
    client,
    doc,
    table,
    async stop() {
      client.destroy();
      await db.stop();
    },
  };
}
