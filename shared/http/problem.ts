import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '../schema';
import type { ErrorCode } from '../domain/errors';

/**
 * The codes the HTTP layer answers by itself, besides the domain's (shared/domain/errors.ts):
 * together they are every `code` a client may meet.
 */
export const HTTP_PROBLEM_CODES = [
  'UNAUTHENTICATED',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_ERROR',
  'RESPONSE_CONTRACT_BROKEN',
  'AUDIT_NOT_RECORDED',
] as const;
export type ProblemCode = ErrorCode | (typeof HTTP_PROBLEM_CODES)[number];

/** RFC 9457 problem details with a stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: Array<{ path: string; message: string }>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problem(status: number, code: ProblemCode, detail: string, errors?: Problem['errors'], headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  const body: Problem = {
    type: `https://cabas.city/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return { statusCode: status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify(body) };
}

export function zodErrors(error: z.$ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

export function json(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A file for download (CSV for the accountant, XML for the bank). */
export function attachment(contentType: string, filename: string, body: string): APIGatewayProxyStructuredResultV2 {
  return { statusCode: 200, headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"` }, body };
}
