import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { diffEstates, type EstateDiff, hasDifferences } from '../src/history/diff-estates.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../src/history/render-estate-diff.js';
import { consumersOf } from '../src/rules/consumers.js';
import {
  canaries,
  editedEstates,
  FIXTURE,
  load,
  ORDERS,
  ORDERS_ARN,
  type StateJson,
} from './edited-estate.js';

const estates = editedEstates('impact-diff-');
const changed = estates.changed.bind(estates);
let old: BuiltGraph;

function ordersDb(state: StateJson) {
  const r = state.resources.find((x) => x.type === 'aws_secretsmanager_secret' && x.name === 'orders_db');
  if (!r?.instances[0]) throw new Error('fixture changed: no orders_db secret');
  return r.instances[0].attributes;
}

const eventsOf = (diff: EstateDiff) => diff.secretEvents.map((e) => [e.event, e.secret.id]);

beforeAll(async () => {
  old = await load(FIXTURE);
});
afterAll(() => estates.cleanup());

describe('diffEstates', () => {
  it('finds nothing between two loads of the same estate', async () => {
    const diff = diffEstates(old, await load(FIXTURE));
    expect(hasDifferences(diff)).toBe(false);
    expect(diff.formatVersion).toBe('1.0');
    expect(renderDiffText(diff)).toBe(
      'impact diff: 0 secret event(s); workspaces +0 -0; resources +0 -0 ~0; edges +0 -0\n',
    );
  });

  it('a deleted secret: its old recovery window and its old consumers', async () => {
    const next = await changed((s) => ({
      ...s,
      resources: s.resources.filter(
        (r) => r.name !== 'orders_db' || !r.type.startsWith('aws_secretsmanager_'),
      ),
    }));
    const diff = diffEstates(old, next);
    const consumers = [...new Set(consumersOf(old.graph, ORDERS).map((c) => c.id))].sort();
    expect(consumers.length).toBeGreaterThan(0);
    const KMS = ['platform/secrets::aws_kms_key.secrets', 'platform/secrets::aws_kms_key.secrets_replica'];
    // The keys that encrypt it lose it and, through it, its consumers.
    expect(eventsOf(diff)).toEqual([['deleted', ORDERS], ...KMS.map((k) => ['consumers_lost', k])]);
    for (const e of diff.secretEvents.slice(1))
      expect(e).toMatchObject({ consumers: expect.arrayContaining([ORDERS]) });
    expect(diff.secretEvents[0]).toEqual({
      event: 'deleted',
      secret: {
        id: ORDERS,
        workspace: 'platform/secrets',
        address: 'aws_secretsmanager_secret.orders_db',
        service: 'secretsmanager',
        type: 'aws_secretsmanager_secret',
        name: 'prod/orders/db',
        arn: ORDERS_ARN,
        account: '111111111111',
        region: 'eu-west-1',
      },
      recoveryWindowDays: 30,
      consumers,
    });
    expect(diff.resources.removed).toEqual([
      // The principal its policy granted, known only from that policy.
      'external::arn:aws:iam::999999999999:root',
      'platform/secrets::aws_secretsmanager_secret.orders_db',
      'platform/secrets::aws_secretsmanager_secret_policy.orders_db',
      'platform/secrets::aws_secretsmanager_secret_rotation.orders_db',
      'platform/secrets::aws_secretsmanager_secret_version.orders_db',
    ]);
    expect(diff.resources.added).toEqual([]);
    expect(diff.workspaces).toEqual({ added: [], removed: [] });
    expect(diff.edges.added).toEqual([]);
    expect(diff.edges.removed.every((k) => k.includes('orders_db'))).toBe(true);
    expect(diff.summary.edgesRemoved).toBe(diff.edges.removed.length);
  });

  it('a secret whose ARN changed is replaced (and readers of the old ARN are lost)', async () => {
    const NEW_ARN = ORDERS_ARN.replace('AbC123', 'XyZ789');
    const next = await changed((s) => JSON.stringify(s).split(ORDERS_ARN).join(NEW_ARN));
    const diff = diffEstates(old, next);
    const replaced = diff.secretEvents.find((e) => e.event === 'replaced');
    expect(replaced).toMatchObject({
      event: 'replaced',
      secret: { id: ORDERS, arn: NEW_ARN },
      previous: { id: ORDERS, arn: ORDERS_ARN },
      matchedBy: 'id',
    });
    expect(eventsOf(diff).filter(([e]) => e !== 'consumers_lost')).toEqual([['replaced', ORDERS]]);
    expect(diff.resources.changed).toContainEqual({ id: ORDERS, fields: ['arn'] });
  });

  it('a secret recreated under another address, same name, account and region, is replaced, not deleted', async () => {
    const NEW_ARN = ORDERS_ARN.replace('AbC123', 'XyZ789');
    const next = await changed((s) =>
      JSON.stringify(s)
        .split(ORDERS_ARN)
        .join(NEW_ARN)
        .replaceAll('"name":"orders_db"', '"name":"orders_db_v2"'),
    );
    const diff = diffEstates(old, next);
    expect(diff.secretEvents.find((e) => e.event === 'replaced')).toMatchObject({
      secret: { id: `${ORDERS}_v2`, arn: NEW_ARN },
      previous: { id: ORDERS, arn: ORDERS_ARN },
      matchedBy: 'name',
    });
    expect(diff.secretEvents.some((e) => e.event === 'deleted' || e.event === 'created')).toBe(false);
    expect(diff.resources.removed).toContain(ORDERS);
    expect(diff.resources.added).toContain(`${ORDERS}_v2`);
  });

  it('a changed recovery window: from and to', async () => {
    const next = await changed((s) => {
      ordersDb(s).recovery_window_in_days = 7;
      return s;
    });
    const diff = diffEstates(old, next);
    expect(diff.secretEvents).toEqual([
      expect.objectContaining({
        event: 'recovery_window_changed',
        from: 30,
        to: 7,
        secret: expect.objectContaining({ id: ORDERS }),
      }),
    ]);
    expect(diff.resources.changed).toEqual([{ id: ORDERS, fields: ['secret.recoveryWindowDays'] }]);
    expect(diff.edges).toEqual({ added: [], removed: [] });
  });

  it('a removed rotation resource disables rotation', async () => {
    const next = await changed((s) => ({
      ...s,
      resources: s.resources.filter(
        (r) => !(r.type === 'aws_secretsmanager_secret_rotation' && r.name === 'orders_db'),
      ),
    }));
    const diff = diffEstates(old, next);
    expect(eventsOf(diff)).toEqual([['rotation_disabled', ORDERS]]);
    expect(diff.resources.removed).toEqual([
      'platform/secrets::aws_secretsmanager_secret_rotation.orders_db',
    ]);
    expect(diff.resources.changed.find((c) => c.id === ORDERS)?.fields).toContain('secret.rotation.enabled');
  });

  it('the other way round: created, and the keys that encrypt it gain consumers', async () => {
    const next = await changed((s) => ({
      ...s,
      resources: s.resources.filter(
        (r) => r.name !== 'orders_db' || !r.type.startsWith('aws_secretsmanager_'),
      ),
    }));
    expect(eventsOf(diffEstates(next, old))).toEqual([
      ['created', ORDERS],
      ['consumers_gained', 'platform/secrets::aws_kms_key.secrets'],
      ['consumers_gained', 'platform/secrets::aws_kms_key.secrets_replica'],
    ]);
  });

  it('a rotated value is value_changed only when the digests share a key, and never shows either', async () => {
    const next = await changed((s) => {
      const version = s.resources.find(
        (r) => r.type === 'aws_secretsmanager_secret_version' && r.name === 'orders_db',
      )?.instances[0];
      if (!version) throw new Error('fixture changed: no orders_db version');
      version.attributes.secret_string = 'a-rotated-value-7f3a';
      return s;
    });
    expect(eventsOf(diffEstates(old, next))).toEqual([]);
    const diff = diffEstates(old, next, { compareValues: true });
    expect(eventsOf(diff)).toEqual([['value_changed', ORDERS]]);
    const digest = old.graph.getNodeAttributes(ORDERS).secret?.valueDigest as string;
    expect(digest).toBeDefined();
    for (const text of [renderDiffJson(diff), renderDiffText(diff), renderDiffMarkdown(diff)]) {
      expect(text).not.toContain(digest);
      expect(text).not.toContain('a-rotated-value-7f3a');
    }
  });

  it('never writes a canary value nor a value digest, in any format', async () => {
    const NEW_ARN = ORDERS_ARN.replace('AbC123', 'XyZ789');
    const next = await changed((s) => {
      const text = JSON.stringify({
        ...s,
        resources: s.resources.filter((r) => r.name !== 'ledger_token'),
      });
      return text.split(ORDERS_ARN).join(NEW_ARN);
    });
    const diff = diffEstates(old, next);
    expect(diff.secretEvents.length).toBeGreaterThan(1);
    const outputs = [renderDiffJson(diff), renderDiffText(diff), renderDiffMarkdown(diff)];
    const digests = old.graph
      .filterNodes((_id, a) => a.secret?.valueDigest !== undefined)
      .map((id) => old.graph.getNodeAttributes(id).secret?.valueDigest as string);
    for (const out of outputs) {
      for (const canary of canaries) expect(out).not.toContain(canary);
      for (const digest of digests) expect(out).not.toContain(digest);
      expect(out).not.toMatch(/valueDigest/);
    }
  });
});
