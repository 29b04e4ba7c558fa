import { type ImpactResult, RESULT_FORMAT_VERSION } from '@impact/core';
import { InputError } from './exit-codes.js';

/** A running impact server (`--estate http://…`), spoken to through its REST API (docs/api.md). */
export interface RemoteEstate {
  url: string;
  token?: string;
  timeoutMs?: number;
}

/** One API call that answers `{ result: ImpactResult }`; every failure is an InputError (exit 2). */
export async function remoteCall(
  remote: RemoteEstate,
  path: string,
  init: { method: 'GET' | 'POST'; body?: Uint8Array },
): Promise<ImpactResult> {
  const { body, origin } = await remoteJson(remote, path, init);
  const result = (body as { result?: ImpactResult }).result;
  if (!result || typeof result.formatVersion !== 'string' || !Array.isArray(result.impacts))
    throw new InputError(`impact server ${origin} answered without a result`);
  if (result.formatVersion.split('.')[0] !== RESULT_FORMAT_VERSION.split('.')[0])
    throw new InputError(
      `impact server speaks result format ${result.formatVersion}; this CLI reads ${RESULT_FORMAT_VERSION}`,
    );
  return result;
}

/** One API call's JSON body; an unreachable server or an error answer is an InputError (exit 2). */
export async function remoteJson(
  remote: RemoteEstate,
  path: string,
  init: { method: 'GET' | 'POST'; body?: Uint8Array },
): Promise<{ body: unknown; origin: string }> {
  // Relative to the base, so a server mounted under a path prefix keeps it.
  const url = new URL(path.replace(/^\//, ''), remote.url.endsWith('/') ? remote.url : `${remote.url}/`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (remote.token) headers.authorization = `Bearer ${remote.token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers,
      ...(init.body ? { body: new Uint8Array(init.body) } : {}),
      signal: AbortSignal.timeout(remote.timeoutMs ?? 120_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new InputError(`impact server ${url.origin} unreachable: ${cause ?? (error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InputError(`impact server ${url.origin} answered ${response.status} with no JSON`);
  }
  if (!response.ok) {
    const err = (body as { error?: { code?: string; message?: string } }).error;
    const hint = response.status === 401 ? ' (set IMPACT_TOKEN)' : '';
    throw new InputError(
      `impact server answered ${response.status} ${err?.code ?? ''}: ${err?.message ?? text.slice(0, 200)}${hint}`,
    );
  }
  return { body, origin: url.origin };
}
