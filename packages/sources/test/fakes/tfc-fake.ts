import Fastify, { type FastifyReply } from 'fastify';
import { type Fault, Faults } from './faults.js';

interface Workspace {
  id: string;
  name: string;
  state: Buffer | null;
  version: number;
}

/**
 * A fake of the HCP Terraform / Terraform Enterprise API, as documented, on loopback:
 * `GET /api/v2/organizations/:org/workspaces` (JSON:API, `page[size]` / `page[number]`,
 * `meta.pagination`, `links.next`), `GET /api/v2/workspaces/:id/current-state-version`
 * (`attributes.hosted-state-download-url`, `serial`, `created-at`) and the download itself. A
 * bearer token is required (401 without, 403 for another organization); faults are injected by kind.
 */
export async function startTfcFake(options: {
  token: string;
  organization: string;
  pageSize?: number;
}): Promise<{
  host: string;
  put(name: string, state: Buffer | string): void;
  remove(name: string): void;
  faults: Faults<'list' | 'current' | 'download'>;
  requests: { list: number; current: number; download: number; authorizedDownloads: number };
  /** Serve a listing whose total-count says more than it holds (a partial listing). */
  lieAboutTotal: boolean;
  close(): Promise<void>;
}> {
  const workspaces = new Map<string, Workspace>();
  const faults = new Faults<'list' | 'current' | 'download'>();
  const requests = { list: 0, current: 0, download: 0, authorizedDownloads: 0 };
  let next = 1;
  const app = Fastify();
  const api = { lieAboutTotal: false };
  const jsonApi = (reply: FastifyReply, status: number, body: unknown) =>
    reply.code(status).header('content-type', 'application/vnd.api+json').send(body);
  const refused = (auth: string | undefined, reply: FastifyReply) => {
    if (auth !== `Bearer ${options.token}`)
      return jsonApi(reply, 401, { errors: [{ status: '401', title: 'unauthorized' }] });
    return null;
  };
  const fault = (reply: FastifyReply, f: Fault) => {
    if (f.retryAfter) reply.header('retry-after', f.retryAfter);
    return jsonApi(reply, f.status, { errors: [{ status: String(f.status), title: 'injected fault' }] });
  };
  const base = () => {
    const a = app.server.address();
    return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  };
  app.get<{ Params: { org: string }; Querystring: Record<string, string> }>(
    '/api/v2/organizations/:org/workspaces',
    async (request, reply) => {
      requests.list++;
      const no = refused(request.headers.authorization, reply);
      if (no) return no;
      const f = faults.take('list');
      if (f) return fault(reply, f);
      if (request.params.org !== options.organization)
        return jsonApi(reply, 404, { errors: [{ status: '404', title: 'not found' }] });
      const size = Number(request.query['page[size]'] ?? 20);
      const pageSize = Math.min(size, options.pageSize ?? size);
      const number = Number(request.query['page[number]'] ?? 1);
      const all = [...workspaces.values()].sort((a, b) => a.id.localeCompare(b.id));
      const page = all.slice((number - 1) * pageSize, number * pageSize);
      const pages = Math.max(1, Math.ceil(all.length / pageSize));
      const nextPage = number < pages ? number + 1 : null;
      const self = `${base()}/api/v2/organizations/${options.organization}/workspaces?page%5Bnumber%5D=`;
      return jsonApi(reply, 200, {
        data: page.map((w) => ({
          id: w.id,
          type: 'workspaces',
          attributes: { name: w.name },
          relationships: {
            'current-state-version': {
              data: w.state ? { id: `sv-${w.id}-${w.version}`, type: 'state-versions' } : null,
            },
          },
        })),
        links: { next: nextPage ? `${self}${nextPage}&page%5Bsize%5D=${pageSize}` : null },
        meta: {
          pagination: {
            'current-page': number,
            'next-page': nextPage,
            'total-pages': pages,
            'total-count': all.length + (api.lieAboutTotal ? 1 : 0),
          },
        },
      });
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v2/workspaces/:id/current-state-version',
    async (request, reply) => {
      requests.current++;
      const no = refused(request.headers.authorization, reply);
      if (no) return no;
      const f = faults.take('current');
      if (f) return fault(reply, f);
      const w = workspaces.get(request.params.id);
      if (!w?.state) return jsonApi(reply, 404, { errors: [{ status: '404', title: 'not found' }] });
      const id = `sv-${w.id}-${w.version}`;
      return jsonApi(reply, 200, {
        data: {
          id,
          type: 'state-versions',
          attributes: {
            serial: w.version,
            'created-at': new Date().toISOString(),
            'hosted-state-download-url': `${base()}/_archivist/${id}`,
          },
        },
      });
    },
  );
  app.get<{ Params: { id: string } }>('/_archivist/:id', async (request, reply) => {
    requests.download++;
    if (request.headers.authorization) requests.authorizedDownloads++;
    const f = faults.take('download');
    if (f) return fault(reply, f);
    const w = [...workspaces.values()].find((x) => `sv-${x.id}-${x.version}` === request.params.id);
    if (!w?.state) return reply.code(404).send();
    return reply.header('content-type', 'application/json').send(w.state);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    host: base().replace('http://', ''),
    put(name, state) {
      const known = [...workspaces.values()].find((w) => w.name === name);
      const w = known ?? { id: `ws-${String(next++).padStart(6, '0')}`, name, state: null, version: 0 };
      w.state = Buffer.from(state);
      w.version++;
      workspaces.set(w.id, w);
    },
    remove(name) {
      for (const [id, w] of workspaces) if (w.name === name) workspaces.delete(id);
    },
    faults,
    requests,
    get lieAboutTotal() {
      return api.lieAboutTotal;
    },
    set lieAboutTotal(v: boolean) {
      api.lieAboutTotal = v;
    },
    close: () => app.close(),
  };
}
