import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { App } from './app-types.js';
import { type ApiError, apiError, type ErrorCode, errorBody } from './errors.js';
import { API_HEADERS } from './security-headers.js';
import { toApiError } from './to-api-error.js';

const codes = new WeakMap<FastifyRequest, ErrorCode>();

/**
 * One body shape for every error, and one log line for every answer in the 5xx range: method,
 * route (its pattern, not the URL), status, duration and error code — never a body, a query or
 * a value. An INTERNAL error also logs its class and stack frames, not its message (which may
 * quote data).
 */
export function registerErrorHandling(app: App): void {
  app.setErrorHandler(async (error, request, reply) => {
    const coded = toApiError(error);
    codes.set(request, coded.code);
    if (coded.code === 'INTERNAL') request.log.error({ error: withoutMessage(error) }, 'internal error');
    return reply.code(coded.statusCode).send(errorBody(coded));
  });
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 500) return;
    request.log.error(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        code: codes.get(request) ?? null,
      },
      'request failed',
    );
  });
}

/** For fastify's `frameworkErrors`: a URL it cannot decode, a parameter over the length limit. */
export const answerFrameworkError: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error,
  _request,
  reply,
) => {
  const coded = toApiError(error);
  // Typed with a route's generics, which a request no route matched has none of.
  (reply as unknown as FastifyReply).headers(API_HEADERS).code(coded.statusCode).send(errorBody(coded));
};

/** For fastify's `clientErrorHandler`: a request Node's HTTP parser rejects, answered in the same shape. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, coded]: [string, ApiError] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['408 Request Timeout', apiError('REQUEST_TIMEOUT', 'the request took too long to arrive')]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            '431 Request Header Fields Too Large',
            apiError('HEADERS_TOO_LARGE', 'the request headers are too large'),
          ]
        : ['400 Bad Request', apiError('BAD_REQUEST', 'the request is not valid HTTP')];
  const body = JSON.stringify(errorBody(coded));
  const head = Object.entries({
    ...API_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status}\r\n${head}\r\n${body}`);
}

function withoutMessage(error: unknown): { name: string; code?: string; stack?: string } {
  const e: Error & { code?: unknown } = error instanceof Error ? error : new Error('non-error thrown');
  return {
    name: e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e.stack ? { stack: e.stack.split('\n').slice(1).join('\n') } : {}),
  };
}
