import { api } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { Link } from '../components/link.js';
import { Loaded } from '../components/status.js';
import { nodeHref, workspaceHref } from '../router.js';

function WorkspaceLinks({ names, none }: { names: string[]; none: string }) {
  if (names.length === 0) return <p className="muted">{none}</p>;
  return (
    <ul className="inline-list">
      {names.map((n) => (
        <li key={n}>
          <Link href={workspaceHref(n)}>{n}</Link>
        </li>
      ))}
    </ul>
  );
}

export function WorkspacePage({ name }: { name: string }) {
  const detail = useApi(() => api.workspace(name), `workspace|${name}`);
  return (
    <Loaded value={detail} what={`workspace ${name}`}>
      {({ workspace, nodes, consumerWorkspaces, producerWorkspaces }) => (
        <>
          <h1>{workspace.name}</h1>
          <dl className="facts">
            <div>
              <dt>backend</dt>
              <dd className="mono">{workspace.backend}</dd>
            </div>
            {workspace.stateFile && (
              <div>
                <dt>state</dt>
                <dd className="mono">{workspace.stateFile}</dd>
              </div>
            )}
            {workspace.configDir && (
              <div>
                <dt>configuration</dt>
                <dd className="mono">{workspace.configDir}</dd>
              </div>
            )}
          </dl>
          <h2>Consumed by</h2>
          <WorkspaceLinks names={consumerWorkspaces} none="No other workspace depends on this one." />
          <h2>Depends on</h2>
          <WorkspaceLinks names={producerWorkspaces} none="This workspace depends on no other." />
          <h2>Nodes ({nodes.length})</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Kind</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((n) => (
                <tr key={n.id}>
                  <td className="mono">
                    <Link href={nodeHref(n.id)}>{n.address ?? n.label}</Link>
                  </td>
                  <td>{n.secret ? `${n.kind} (secret)` : n.kind}</td>
                  <td className="mono small">{n.type ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Loaded>
  );
}
