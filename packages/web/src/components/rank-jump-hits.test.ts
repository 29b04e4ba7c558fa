import { describe, expect, it } from 'vitest';
import type { NodeView, SecretView } from '../api/types.js';
import { rankJumpHits } from './rank-jump-hits.js';

const secret = (id: string, name: string): SecretView => ({
  id,
  workspace: id.split('::')[0] ?? '',
  address: id.split('::')[1] ?? '',
  type: 'aws_secretsmanager_secret',
  name,
  arn: `arn:aws:secretsmanager:eu-west-1:111111111111:secret:${name}-AbC123`,
  service: 'secretsmanager',
  recoveryWindowDays: 30,
  rotation: null,
  consumers: 1,
  consumerWorkspaces: 1,
  worstFinding: null,
});
const node = (id: string, extra: Partial<NodeView> = {}): NodeView => ({
  id,
  kind: 'resource',
  workspace: id.split('::')[0] ?? '',
  address: id.split('::')[1] ?? '',
  label: id.split('::')[1] ?? id,
  ...extra,
});

describe('rankJumpHits', () => {
  it('puts secrets first, by name, and each node once', () => {
    const db = secret('platform/secrets::aws_secretsmanager_secret.orders_db', 'prod/orders/db');
    const hits = rankJumpHits(
      'orders',
      [db],
      [node('apps/orders-api::aws_ecs_service.api'), node(db.id, { secret: { service: 'secretsmanager' } })],
    );
    expect(hits.map((h) => [h.title, h.secret])).toEqual([
      ['prod/orders/db', true],
      ['aws_ecs_service.api', false],
    ]);
    expect(hits[0]?.detail).toBe('secretsmanager · platform/secrets');
  });

  it('ranks an exact name before a prefix before any other match', () => {
    const hits = rankJumpHits(
      'prod/db',
      [secret('w::a', 'x/prod/db-old'), secret('w::b', 'prod/db-replica'), secret('w::c', 'prod/db')],
      [],
    );
    expect(hits.map((h) => h.title)).toEqual(['prod/db', 'prod/db-replica', 'x/prod/db-old']);
  });
});
