import type { Change } from '@impact/core';
import { nodeHref } from '../router.js';
import { Link } from './link.js';

export function ChangesTable({ changes }: { changes: Change[] }) {
  if (changes.length === 0) return <p className="empty">The plan changes nothing impact tracks.</p>;
  return (
    <table className="data-table">
      <caption>Changes in the plan</caption>
      <thead>
        <tr>
          <th scope="col">Address</th>
          <th scope="col">Workspace</th>
          <th scope="col">Action</th>
          <th scope="col">Terraform actions</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.workspace}|${c.address}`}>
            <td className="mono">{c.id ? <Link href={nodeHref(c.id)}>{c.address}</Link> : c.address}</td>
            <td>{c.workspace}</td>
            <td>
              <span className={`action action-${c.action}`}>{c.action}</span>
            </td>
            <td className="mono">{c.actions.join(', ')}</td>
            <td>
              {c.detail ?? ''}
              {c.recoveryWindowDays !== undefined ? ` recovery window ${c.recoveryWindowDays} d` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
