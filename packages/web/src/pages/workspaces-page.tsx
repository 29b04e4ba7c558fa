import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { Link } from '../components/link.js';
import { Loaded } from '../components/status.js';
import { workspaceHref } from '../router.js';

export function WorkspacesPage() {
  const workspaces = useApi(() => api.workspaces(), 'workspaces');
  return (
    <>
      <h1>Workspaces</h1>
      <Loaded value={workspaces} what="workspaces">
        {({ items }) => (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Backend</th>
                <th scope="col" className="num">
                  Resources
                </th>
                <th scope="col" className="num">
                  Outputs
                </th>
                <th scope="col" className="num">
                  Consumed by
                </th>
                <th scope="col" className="num">
                  Depends on
                </th>
              </tr>
            </thead>
            <tbody>
              {[...items]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((w) => (
                  <tr key={w.name}>
                    <td>
                      <Link href={workspaceHref(w.name)}>{w.name}</Link>
                      {w.configDir && <div className="muted small mono">{w.configDir}</div>}
                    </td>
                    <td className="mono small">{w.backend}</td>
                    <td className="num">{w.resources}</td>
                    <td className="num">{w.outputs}</td>
                    <td className="num">{w.consumers}</td>
                    <td className="num">{w.producers}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}
