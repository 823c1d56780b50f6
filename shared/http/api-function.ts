import type { PortName } from '../app/context';
import { PATH_PARAM, type Route } from './route';

/**
 * The REST API is served by several Lambda functions, one per audience, so that each carries and
 * loads only the code, the adapters and the grants of its own routes (issue #18): `api` for
 * residents and the public, `shops` for the shops' staff, and for city staff `staff` (the
 * receipts, the review queue, the audit trail), `merchants` (the participating shops, their
 * pages, the reviews' moderation), `counter` (residents served at the counter), `finance`
 * (campaigns, the ledger, the figures) and `sepa` (the payout batches and their files). The path and the contract of every route are the same whichever
 * function serves it.
 */
export type ApiFunctionName = 'api' | 'shops' | 'staff' | 'merchants' | 'counter' | 'finance' | 'sepa';

export interface ApiFunction {
  readonly name: ApiFunctionName;
  /** Who calls it and what for (the Lambda function's description). */
  readonly serves: string;
  readonly routes: readonly Route[];
  /**
   * The ports its routes use, and all that shared/wiring/<name>.ts wires: with
   * `CABAS_CHECK_RESPONSES=1` (the test suites) the router refuses any other, so that a route
   * reaching for a port its function lacks fails in the tests and not in AWS.
   */
  readonly ports: readonly PortName[];
}

/** The function that answers what no other claims: unknown paths (404) and the public routes. */
export const DEFAULT_API_FUNCTION: ApiFunctionName = 'api';

/**
 * Matches a concrete path against a route's template (`/v1/admin/campaigns/{id}`): the path
 * parameters, or undefined. A parameter is an id (PATH_PARAM); a trailing slash is ignored.
 */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const a = template.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  if (a.length !== b.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    const val = b[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!PATH_PARAM.test(val)) return undefined;
      params[seg.slice(1, -1)] = val;
    } else if (seg !== val) return undefined;
  }
  return params;
}

/** A route of API Gateway: a template (`{proxy+}` last for a whole subtree) and the function it goes to. */
export interface GatewayRoute {
  path: string;
  function: ApiFunctionName;
}

interface PathNode {
  children: Map<string, PathNode>;
  /** The function of the routes whose template ends here. */
  here?: ApiFunctionName;
  owners: Set<ApiFunctionName>;
}

/**
 * The routes API Gateway is given, for any method (a function answers 405 for a method it does
 * not serve): a subtree of paths served by one function other than the default one is one route
 * to it (`/v1/shops/{proxy+}`); where functions share a subtree, each template of the others is its
 * own route (`/v1/admin/merchants/{id}/deposits`). Everything else reaches the default function
 * through `/v1/{proxy+}`.
 */
export function gatewayRoutes(functions: readonly ApiFunction[]): GatewayRoute[] {
  const root: PathNode = { children: new Map(), owners: new Set() };
  for (const fn of functions) {
    for (const route of fn.routes) {
      let node = root;
      node.owners.add(fn.name);
      for (const seg of route.path.split('/').slice(1)) {
        let child = node.children.get(seg);
        if (!child) node.children.set(seg, (child = { children: new Map(), owners: new Set() }));
        child.owners.add(fn.name);
        node = child;
      }
      if (node.here && node.here !== fn.name) throw new Error(`${route.path} is served by both ${node.here} and ${fn.name}`);
      node.here = fn.name;
    }
  }
  const out: GatewayRoute[] = [];
  const visit = (node: PathNode, path: string) => {
    const [only, ...others] = node.owners;
    if (others.length === 0 && only) {
      if (only === DEFAULT_API_FUNCTION) return;
      if (node.here) out.push({ path, function: only });
      if (node.children.size > 0) out.push({ path: `${path}/{proxy+}`, function: only });
      return;
    }
    if (node.here && node.here !== DEFAULT_API_FUNCTION) out.push({ path, function: node.here });
    for (const [seg, child] of node.children) visit(child, `${path}/${seg}`);
  };
  for (const [seg, child] of root.children) visit(child, `/${seg}`);
  return out;
}

/**
 * Which function API Gateway hands a request to, as it resolves the routes of `gatewayRoutes`:
 * a template without `{proxy+}` that matches (literal segments winning over parameters, from the
 * left), else the longest `{proxy+}` prefix, else the default function. The local stack
 * dispatches with it.
 */
export function functionServing(functions: readonly ApiFunction[], path: string): ApiFunctionName {
  const segments = path.replace(/\/+$/, '').split('/');
  let exact: { score: number; name: ApiFunctionName } | undefined;
  let greedy: { length: number; name: ApiFunctionName } | undefined;
  for (const { path: template, function: name } of gatewayRoutesOf(functions)) {
    if (template.endsWith('/{proxy+}')) {
      const prefix = template.slice(0, -'/{proxy+}'.length);
      const length = prefix.split('/').length;
      if (segments.length > length && matchPath(prefix, segments.slice(0, length).join('/')) && (!greedy || length > greedy.length)) greedy = { length, name };
    } else if (matchPath(template, path)) {
      const score = template.split('/').reduce((s, seg, i) => s + (seg.startsWith('{') ? 0 : 2 ** (32 - i)), 0);
      if (!exact || score > exact.score) exact = { score, name };
    }
  }
  return exact?.name ?? greedy?.name ?? DEFAULT_API_FUNCTION;
}

const computed = new WeakMap<readonly ApiFunction[], GatewayRoute[]>();
function gatewayRoutesOf(functions: readonly ApiFunction[]): GatewayRoute[] {
  let routes = computed.get(functions);
  if (!routes) computed.set(functions, (routes = gatewayRoutes(functions)));
  return routes;
}
