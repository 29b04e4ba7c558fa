/**
 * Every error the server can answer with or throw, in one registry (after fastify's
 * `lib/errors.js`). Each code is documented in docs/api.md; a test fails if one is not.
 * HTTP answers carry one body shape: `{ error: { code, message, statusCode } }`.
 */
export const ERRORS = {
  BAD_REQUEST: { statusCode: 400, description: 'the query, path or body does not match the route schema' },
  INVALID_PLAN: {
    statusCode: 400,
    description:
      'the uploaded body is not a Terraform plan in JSON (`terraform show -json`); the message says why',
  },
  PLAN_REJECTED: {
    statusCode: 400,
    description: 'the plan is valid JSON but cannot be analysed, e.g. its workspace cannot be inferred',
  },
  UNAUTHORIZED: { statusCode: 401, description: 'the bearer token is missing or wrong' },
  HOST_NOT_ALLOWED: {
    statusCode: 403,
    description: 'the Host header names a host the server does not answer for (DNS rebinding)',
  },
  ORIGIN_NOT_ALLOWED: {
    statusCode: 403,
    description: 'a request that changes state comes from another site (its Origin header)',
  },
  NODE_NOT_FOUND: { statusCode: 404, description: 'no node, name or ARN in the estate matches the id' },
  WORKSPACE_NOT_FOUND: { statusCode: 404, description: 'no workspace of that name in the estate' },
  ROUTE_NOT_FOUND: { statusCode: 404, description: 'no such route' },
  PLAN_NOT_FOUND: {
    statusCode: 404,
    description: 'no kept plan of that id (the server restarted, or kept newer ones)',
  },
  VERSION_NOT_FOUND: {
    statusCode: 404,
    description: 'no recorded version of that number (or the server keeps no history: no `--store`)',
  },
  REQUEST_TIMEOUT: { statusCode: 408, description: 'the request did not arrive in time' },
  NODE_AMBIGUOUS: { statusCode: 409, description: 'a name or ARN matches several nodes; use a node id' },
  PAYLOAD_TOO_LARGE: { statusCode: 413, description: 'the body is larger than the limit (20 MB for plans)' },
  UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, description: 'the route does not accept that Content-Type' },
  RATE_LIMITED: { statusCode: 429, description: 'too many requests from this address; retry later' },
  HEADERS_TOO_LARGE: { statusCode: 431, description: 'the request headers are too large' },
  INTERNAL: { statusCode: 500, description: 'a bug; the body never holds a stack trace' },
  ESTATE_UNAVAILABLE: { statusCode: 503, description: 'no estate has been loaded successfully yet' },
  TOKEN_REQUIRED: {
    statusCode: 500,
    description: 'startup only: binding a non-loopback host needs a token (`IMPACT_TOKEN`)',
  },
  ESTATE_LOAD_FAILED: {
    statusCode: 500,
    description: 'startup only: the estate could not be loaded, so there is nothing to serve',
  },
  STORE_FAILED: {
    statusCode: 500,
    description: 'startup only: the history store (`--store`) could not be opened; the message says why',
  },
} as const satisfies Record<string, { statusCode: number; description: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** A coded error; its message is meant for the client, so it never holds a value or a stack. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = ERRORS[code].statusCode;
  }
}

export function apiError(code: ErrorCode, message: string): ApiError {
  return new ApiError(code, message);
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; statusCode: number };
}

export function errorBody(error: ApiError): ErrorBody {
  return { error: { code: error.code, message: error.message, statusCode: error.statusCode } };
}
