import type {
  AlertFilter,
  AlertsAnswer,
  ApiErrorBody,
  ChangesAnswer,
  Diagnostic,
  EstateMap,
  FindingsPage,
  Health,
  HistoryPage,
  ImpactAnswer,
  NodeDetail,
  NodeHistory,
  NodeView,
  SecretsPage,
  Sources,
  Subgraph,
  VersionRecord,
  WorkspaceDetail,
  WorkspaceView,
} from './types.js';

/** The API's one error shape, or a network failure (statusCode 0). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return !!error && typeof error === 'object' && 'message' in error;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch (error) {
    throw new ApiError('NETWORK', `cannot reach the API: ${(error as Error).message}`, 0);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // A non-JSON answer (a proxy page, an HTML fallback) is reported below.
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status);
    throw new ApiError('HTTP', `${response.status} ${response.statusText}`, response.status);
  }
  if (body === null) throw new ApiError('BAD_RESPONSE', `${path} did not answer JSON`, response.status);
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export type NodeAction = 'delete' | 'replace';

/** Impacts the dashboard lists and draws (the API's default page is 50); the summary counts all. */
export const IMPACTS_DRAWN = 500;

/** Versions a page of the Changes page lists (the API's default). */
export const HISTORY_PAGE = 50;

/** Findings a page of the dashboard lists (the API answers at most 1000 a request). */
export const FINDINGS_PAGE = 200;

export const api = {
  health: () => request<Health>('/api/health'),
  sources: () => request<Sources>('/api/sources'),
  diagnostics: () => request<{ diagnostics: Diagnostic[] }>('/api/diagnostics'),
  secrets: (limit = 500) => request<SecretsPage>(`/api/secrets${query({ limit, sort: 'name' })}`),
  searchSecrets: (q: string, limit = 8) => request<SecretsPage>(`/api/secrets${query({ q, limit })}`),
  workspaces: () => request<{ items: WorkspaceView[] }>('/api/workspaces'),
  estateMap: () => request<EstateMap>('/api/estate/map'),
  workspace: (name: string) => request<WorkspaceDetail>(`/api/workspaces/${encodeURIComponent(name)}`),
  searchNodes: (q: string, limit = 20) => request<{ items: NodeView[] }>(`/api/nodes${query({ q, limit })}`),
  node: (id: string) => request<NodeDetail>(`/api/nodes/${encodeURIComponent(id)}`),
  nodeImpact: (id: string, action: NodeAction, now?: string) =>
    request<ImpactAnswer>(
      `/api/nodes/${encodeURIComponent(id)}/impact${query({ action, now, limit: IMPACTS_DRAWN })}`,
    ),
  radius: (id: string) => request<Subgraph>(`/api/nodes/${encodeURIComponent(id)}/radius`),
  planImpact: (plan: string, now?: string) =>
    request<ImpactAnswer>(`/api/plans/impact${query({ now, limit: IMPACTS_DRAWN })}`, {
      method: 'POST',
      body: plan,
      headers: { 'content-type': 'application/json' },
    }),
  keepPlan: (plan: string) =>
    request<{ id: string; changes: number }>('/api/plans', {
      method: 'POST',
      body: plan,
      headers: { 'content-type': 'application/json' },
    }),
  savedPlanImpact: (id: string, options: { workspace?: string; now?: string }) =>
    request<ImpactAnswer>(
      `/api/plans/${encodeURIComponent(id)}/impact${query({ ...options, limit: IMPACTS_DRAWN })}`,
    ),
  findings: (
    filter: { rule?: string; severity?: string; workspace?: string } = {},
    offset = 0,
    limit = FINDINGS_PAGE,
  ) => request<FindingsPage>(`/api/findings${query({ ...filter, offset: offset || undefined, limit })}`),
  history: (before?: number, limit = HISTORY_PAGE) =>
    request<HistoryPage>(`/api/history${query({ limit, before })}`),
  version: (version: number) => request<VersionRecord>(`/api/history/${version}`),
  changes: (since: number | string, limit = 20) =>
    request<ChangesAnswer>(`/api/changes${query({ since, limit })}`),
  alerts: (status: AlertFilter = 'open') => request<AlertsAnswer>(`/api/alerts${query({ status })}`),
  nodeHistory: (id: string) => request<NodeHistory>(`/api/nodes/${encodeURIComponent(id)}/history`),
};
