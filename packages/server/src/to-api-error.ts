import type { FastifyError } from 'fastify';
import { ApiError, apiError } from './errors.js';

/**
 * Any error fastify or a plugin throws → one registry code. Unknown errors become INTERNAL with
 * a fixed message: their text may carry internals, so it goes to the log, never to the client.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const e: Partial<FastifyError> = error instanceof Error ? error : {};
  if (e.validation) return apiError('BAD_REQUEST', e.message ?? 'invalid request');
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return apiError('PAYLOAD_TOO_LARGE', 'the body is larger than this route accepts (20 MB for plans)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return apiError('UNSUPPORTED_MEDIA_TYPE', 'the route does not take this Content-Type');
    // fastify's own messages for these quote the path.
    case 'FST_ERR_BAD_URL':
      return apiError('BAD_REQUEST', 'the URL is not valid percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return apiError('BAD_REQUEST', 'a path parameter is longer than 2000 characters');
  }
  const status = e.statusCode ?? 500;
  if (status === 413) return apiError('PAYLOAD_TOO_LARGE', 'the body is larger than this route accepts');
  if (status === 429) return apiError('RATE_LIMITED', 'too many requests; retry later');
  // fastify's own 4xx errors (bad JSON, bad Content-Length …) have safe, useful messages.
  if (status >= 400 && status < 500 && e.code?.startsWith('FST_'))
    return apiError('BAD_REQUEST', e.message ?? '');
  return apiError('INTERNAL', 'internal error');
}
