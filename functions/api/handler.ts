import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { loadConfig } from '../../shared/config';
import { createApiContext } from '../../shared/wiring/api';
import { createLogger } from '../../shared/adapters/logger';
import { createMetrics } from '../../shared/adapters/metrics';
import { withTelemetry } from '../../shared/wiring/telemetry';
import { routeHttp } from '../../shared/http/routes';
import type { HttpEvent } from '../../shared/http/request';

const logger = createLogger('api');
const metrics = createMetrics('api');
const ctx = withTelemetry(createApiContext(loadConfig()), metrics);

/** HTTP API (v2) entry: the route table in shared/http/routes does the parsing and mapping. */
export const handler = middy(async (event: HttpEvent) => {
  try {
    return await routeHttp(ctx, event, logger);
  } finally {
    metrics.publish();
  }
}).use(injectLambdaContext(logger));
