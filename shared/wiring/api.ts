import type { AppContext } from '../app/context';
import type { FunctionConfig } from '../config';
import { createAppContext } from './context';

/** The API function serves every route (shared/http/routes): it is wired with every port. */
export function createApiContext(config: FunctionConfig): AppContext {
  return createAppContext(config);
}
