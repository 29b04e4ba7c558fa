import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { EstateMap } from '../components/estate-map.js';
import {
  DEFAULT_FILTER,
  type InventoryFilter,
  InventoryTable,
  type SortKey,
} from '../components/inventory-table.js';
import { Loaded } from '../components/status.js';
import { setQuery, useLocation } from '../router.js';

const SORTS: SortKey[] = ['name', 'workspace', 'consumers', 'window', 'rotation', 'finding'];

export function InventoryPage() {
  const secrets = useApi(() => api.secrets(), 'secrets');
  const map = useApi(() => api.estateMap(), 'estate-map');
  const { query } = useLocation();
  const sort = query.get('sort') as SortKey | null;
  const initial: InventoryFilter = {
    q: query.get('q') ?? '',
    service: query.get('service') ?? '',
    workspace: query.get('workspace') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_FILTER.sort,
    order: query.get('order') === 'desc' ? 'desc' : 'asc',
  };
  const sync = (f: InventoryFilter) =>
    setQuery({
      q: f.q,
      service: f.service,
      workspace: f.workspace,
      sort: f.sort === 'name' ? undefined : f.sort,
      order: f.order === 'asc' ? undefined : f.order,
    });
  return (
    <>
      <h1>Estate</h1>
      <p className="lede">
        Every workspace, who reads whom and its worst finding; below, every secret, parameter and key with who
        consumes it. Open one to see what breaks, where and when if it is deleted or replaced.
      </p>
      <Loaded value={map} what="the estate map">
        {(answer) => <EstateMap map={answer} />}
      </Loaded>
      <h2 id="secrets-heading">Secrets</h2>
      <Loaded value={secrets} what="secrets">
        {(page) => (
          <>
            <InventoryTable items={page.items} initial={initial} onChange={sync} />
            {page.total > page.items.length && (
              <p className="muted">
                Showing the first {page.items.length} of {page.total} secrets; search to narrow down.
              </p>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
