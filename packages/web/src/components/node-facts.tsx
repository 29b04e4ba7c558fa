import { consumerKindOf } from '@impact/core';
import type { NodeView } from '../api/types.js';
import { workspaceHref } from '../router.js';
import { ConsumerKindBadge } from './consumer-kind-badge.js';
import { Link } from './link.js';

/** The value-free facts the API gives about a node: identity, secret settings, schedule, source. */
export function NodeFacts({ node }: { node: NodeView }) {
  const s = node.secret;
  const rows: [string, React.ReactNode][] = [
    ['kind', node.type ? `${node.kind} · ${node.type}` : node.kind],
    [
      'workspace',
      <Link key="v1" href={workspaceHref(node.workspace)}>
        {node.workspace}
      </Link>,
    ],
  ];
  const consumer = consumerKindOf(node);
  if (consumer) rows.push(['consumer', <ConsumerKindBadge key="v0" kind={consumer} />]);
  if (node.name) rows.push(['name', <code key="v2">{node.name}</code>]);
  if (node.arn)
    rows.push([
      'ARN',
      <code key="v3" className="wrap">
        {node.arn}
      </code>,
    ]);
  if (s) {
    rows.push(['service', s.service]);
    if (s.recoveryWindowDays !== undefined) rows.push(['recovery window', `${s.recoveryWindowDays} days`]);
    if (s.rotation)
      rows.push([
        'rotation',
        s.rotation.enabled ? `on${s.rotation.days ? `, every ${s.rotation.days} days` : ''}` : 'off',
      ]);
    if (s.kmsKeyId)
      rows.push([
        'KMS key',
        <code key="v4" className="wrap">
          {s.kmsKeyId}
        </code>,
      ]);
    if (s.replicaRegions?.length) rows.push(['replicas', s.replicaRegions.join(', ')]);
    if (s.managedBy) rows.push(['managed by', s.managedBy]);
  }
  if (node.schedule)
    rows.push([
      'schedule',
      <code key="v5">
        {node.schedule.expression}
        {node.schedule.timezone ? ` (${node.schedule.timezone})` : ''}
        {node.schedule.enabled === false ? ' — disabled' : ''}
      </code>,
    ]);
  if (node.source)
    rows.push(['declared in', <code key="v6">{`${node.source.file}:${node.source.line}`}</code>]);
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
