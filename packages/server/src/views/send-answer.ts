import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EncodedAnswer } from './answer-cache.js';

/** Clients send a handful of distinct `Accept-Encoding` values: each is read once. */
const gzipByHeader = new Map<string, boolean>();

/** Whether an `Accept-Encoding` header admits gzip (`gzip` or `*`, with a non-zero q). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let known = gzipByHeader.get(header);
  if (known === undefined) {
    known = readAcceptEncoding(header);
    if (gzipByHeader.size < 1000) gzipByHeader.set(header, known);
  }
  return known;
}

function readAcceptEncoding(header: string): boolean {
  let star = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name.trim() === 'gzip') return weight > 0;
    if (name.trim() === '*') star = weight > 0;
  }
  return star;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a cached answer: 304 when the client already holds it (`If-None-Match`), gzip when
 * asked for and worth it, else the bytes as they are. The bytes were produced by the route's
 * response schema, so the allowlist applies to every form.
 */
export function sendAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: EncodedAnswer,
): FastifyReply {
  reply.header('etag', answer.etag).header('vary', 'accept-encoding').header('cache-control', 'no-cache');
  if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  const gzip = acceptsGzip(request.headers['accept-encoding']) ? answer.gzip() : null;
  if (gzip) return reply.header('content-encoding', 'gzip').send(gzip);
  return reply.send(answer.body);
}
