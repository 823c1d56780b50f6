import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionConfig } from '../../config';
import { s3Options } from './s3-sdk';

/**
 * SDK clients built from the function configuration. In AWS the endpoints are unset and the
 * SDK's defaults apply; the local stack points them at DynamoDB Local and the emulator.
 */
export function createClients(config: FunctionConfig) {
  const dynamo = new DynamoDBClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const s3 = new S3Client(s3Options(config));
  const sqs = new SQSClient(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {});
  return { dynamo, doc, s3, sqs };
}
