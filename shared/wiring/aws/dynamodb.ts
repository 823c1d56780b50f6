import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionConfig } from '../../config';

/**
 * The document client over the single table. In AWS the endpoint is unset and the SDK's defaults
 * apply; the local stack points it at DynamoDB Local. One module per SDK client, so that a
 * function loads only the clients it uses (shared/wiring/<function>.ts).
 */
export function documentClient(config: Pick<FunctionConfig, 'dynamodbEndpoint'>): DynamoDBDocumentClient {
  const dynamo = new DynamoDBClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
  return DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
