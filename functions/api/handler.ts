import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { loadConfig } from '../../shared/config';
import { createApiContext } from '../../shared/wiring/api';
import { createLogger } from '../../shared/adapters/logger';
import { routeHttp } from '../../shared/http/routes';
import type { HttpEvent } from '../../shared/http/request';

const logger = createLogger('api');
const ctx = createApiContext(loadConfig());

/** HTTP API (v2) entry: the route table in shared/http/routes does the parsing and mapping. */
export const handler = middy((event: HttpEvent) => routeHttp(ctx, event, logger)).use(injectLambdaContext(logger));
