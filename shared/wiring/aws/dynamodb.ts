import type { FunctionConfig } from '../../config';
import type { TableClient } from '../../adapters/dynamodb/client/commands';
import { HttpTableClient } from '../../adapters/dynamodb/client/http';
import { signingFromEnvironment } from './signing';

/**
 * The client of the single table: the functions' own signed HTTP client (no AWS SDK to load). In
 * AWS the endpoint is unset (DynamoDB's regional endpoint); the local stack points it at DynamoDB Local.
 */
export function documentClient(config: Pick<FunctionConfig, 'dynamodbEndpoint'>, env: NodeJS.ProcessEnv = process.env): TableClient {
  return new HttpTableClient({ ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}), ...signingFromEnvironment('the DynamoDB client', env) });
}
