import type { FunctionConfig } from '../../config';
import { credentialsFromEnvironment } from '../../adapters/aws/sigv4';
import type { TableClient } from '../../adapters/dynamodb/client/commands';
import { HttpTableClient } from '../../adapters/dynamodb/client/http';

/**
 * The client of the single table: the functions' own signed HTTP client (no AWS SDK to load), with
 * the credentials and region the Lambda runtime puts in the environment. In AWS the endpoint is
 * unset (DynamoDB's regional endpoint); the local stack points it at DynamoDB Local.
 */
export function documentClient(config: Pick<FunctionConfig, 'dynamodbEndpoint'>, env: NodeJS.ProcessEnv = process.env): TableClient {
  return new HttpTableClient({
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
    // Read at the first call, not at import (as the SDK does): the runtime sets them before the
    // handler loads and they do not change for a container; a missing one is reported where it is needed.
    region: () => {
      const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
      if (!region) throw new Error('AWS_REGION is not set: the DynamoDB client needs the region of the table');
      return region;
    },
    credentials: () => {
      const credentials = credentialsFromEnvironment(env);
      if (!credentials) throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: the DynamoDB client cannot sign');
      return credentials;
    },
  });
}
