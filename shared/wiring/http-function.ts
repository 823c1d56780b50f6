import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AppContext } from '../app/context';
import { loadConfig, type FunctionConfig } from '../config';
import { createLogger } from '../adapters/logger';
import { createMetrics } from '../adapters/metrics';
import type { ApiFunction } from '../http/api-function';
import type { HttpEvent } from '../http/request';
import { serveHttp } from '../http/router';
import { withTelemetry } from './telemetry';

/**
 * The Lambda handler of an API function (functions/<name>/handler.ts): its context wired once per
 * container, its own routes only, its logger and metrics under its name.
 */
export function httpFunction(fn: ApiFunction, createContext: (config: FunctionConfig) => AppContext) {
  const logger = createLogger(fn.name);
  // The API is one stage of the pipeline's metrics (infra/dashboard.ts), whichever function served the request.
  const metrics = createMetrics('api');
  const ctx = withTelemetry(createContext(loadConfig()), metrics);
  return middy(async (event: HttpEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return await serveHttp(ctx, [fn], event, logger);
    } finally {
      metrics.publish();
    }
  }).use(injectLambdaContext(logger));
}
