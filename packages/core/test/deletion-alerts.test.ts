import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { alertDelivery, clearedAlerts, deletionAlerts } from '../src/history/deletion-alerts.js';
import { diffEstates } from '../src/history/diff-estates.js';
import type { DeletionAlert, StoredAlert } from '../src/history/history-types.js';
import {
  canaries,
  editedEstates,
  FIXTURE,
  load,
  ORDERS,
  ORDERS_ARN,
  STATE,
  type StateJson,
} from './edited-estate.js';

const estates = editedEstates('impact-alerts-');
const changed = estates.changed.bind(estates);
let old: BuiltGraph;

const without = (type: string, name: string) => (s: StateJson) => ({
  ...s,
  resources: s.resources.filter((r) => r.name !== name || !r.type.startsWith(type)),
});

const CHANGED_AT = '2026-11-30T09:00:00.000Z';
const OBSERVED_AT = '2026-12-01T10:00:00.000Z';
const context = {
  version: 7,
  observedAt: OBSERVED_AT,
  states: [{ workspace: 'platform/secrets', version: 'etag-2', updated: CHANGED_AT }],
};

beforeAll(async () => {
  old = await load(FIXTURE);
});
afterAll(() => estates.cleanup());

describe('deletionAlerts', () => {
  it('a deleted secret: a delete made when its state changed, with its window, consumers and fix', async () => {
    const next = await changed(without('aws_secretsmanager_', 'orders_db'));
    const alerts = deletionAlerts(old, next, diffEstates(old, next), context);
    const alert = alerts.find((a) => a.secret.id === ORDERS);
    expect(alert).toBeDefined();
    if (!alert) return;
    expect(alert.kind).toBe('secret_deleted');
    expect(alert.changedAt).toBe(CHANGED_AT);
    expect(alert.changedAtFrom).toBe('source');
    const window = old.graph.getNodeAttributes(ORDERS).secret?.recoveryWindowDays ?? 30;
    expect(alert.recoveryWindowDays).toBe(window);
    expect(alert.restoreBefore).toBe(new Date(Date.parse(CHANGED_AT) + window * 86_400_000).toISOString());
    expect(alert.fix?.command).toBe(
      `aws secretsmanager restore-secret --secret-id ${ORDERS_ARN} --region eu-west-1`,
    );
    expect(alert.impacts.length).toBeGreaterThan(0);
    expect(alert.afterWindow).toBe(alert.impacts.filter((i) => i.severity === 'irrecoverable').length);
    // The same analysis as `impact query` of a delete made at that time.
    expect(alert.summary.impacted).toBe(alert.impacts.length);
    expect(alert.text).toContain('prod/orders/db');
    expect(alert.text).toContain('restore-secret');
    const again = deletionAlerts(old, next, diffEstates(old, next), context);
    expect(again.map((a) => a.id)).toEqual(alerts.map((a) => a.id));
    const delivery = alertDelivery(alert);
    expect(delivery).toMatchObject({
      event: 'secret.deleted',
      arn: ORDERS_ARN,
      restoreBefore: alert.restoreBefore,
    });
    const all = JSON.stringify({ alerts, delivery });
    for (const canary of canaries) expect(all).not.toContain(canary);
  });

  it('without a last-modified time the change is dated when it was seen', async () => {
    const next = await changed(without('aws_secretsmanager_', 'orders_db'));
    const [alert] = deletionAlerts(old, next, diffEstates(old, next), { ...context, states: [] });
    expect(alert?.changedAt).toBe(OBSERVED_AT);
    expect(alert?.changedAtFrom).toBe('observed');
    expect(alert?.id).not.toBe(
      deletionAlerts(old, next, diffEstates(old, next), context).find((a) => a.secret.id === ORDERS)?.id,
    );
  });

  it('an SSM parameter: the value is already gone, no restore command', async () => {
    const ssm = [...old.graph.filterNodes((_id, n) => n.kind === 'resource' && n.secret?.service === 'ssm')];
    expect(ssm.length).toBeGreaterThan(0);
    const id = ssm[0] as string;
    const n = old.graph.getNodeAttributes(id);
    const file = n.stateFile ?? old.graph.getNodeAttributes(n.workspace).stateFile;
    expect(file).toBeDefined();
    const name = (n.address ?? '').split('.').pop() as string;
    const next = await changed(without('aws_ssm_parameter', name), file as string);
    const alert = deletionAlerts(old, next, diffEstates(old, next), context).find((a) => a.secret.id === id);
    expect(alert?.restoreBefore).toBeNull();
    expect(alert?.recoveryWindowDays).toBeNull();
    expect(alert?.fix).toBeUndefined();
    expect(alert?.recoverability).toMatch(/already gone/);
  });

  it('a workspace that left the estate is not a delete', async () => {
    const dir = estates.copy();
    rmSync(join(dir, STATE));
    const manifest = join(dir, 'impact.yaml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(/ {2}- name: platform\/secrets\n(?: {4}.*\n)*/, ''),
    );
    const next = await load(dir);
    expect(next.graph.hasNode('platform/secrets')).toBe(false);
    const diff = diffEstates(old, next);
    expect(diff.secretEvents.some((e) => e.event === 'deleted')).toBe(true);
    expect(deletionAlerts(old, next, diff, context)).toEqual([]);
  });

  it('a replaced secret (its ARN changed): the old ARN, consumers pinned to it, restore or re-point', async () => {
    const newArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-ZzZ999';
    const next = await changed((s) => {
      for (const r of s.resources)
        for (const i of r.instances) {
          if (i.attributes.arn === ORDERS_ARN) i.attributes.arn = newArn;
          if (i.attributes.id === ORDERS_ARN) i.attributes.id = newArn;
        }
      return s;
    });
    const alert = deletionAlerts(old, next, diffEstates(old, next), context).find(
      (a) => a.secret.id === ORDERS,
    );
    expect(alert).toMatchObject({ kind: 'secret_replaced', previousArn: ORDERS_ARN });
    expect(alert?.fix?.command).toBe(
      `aws secretsmanager restore-secret --secret-id ${ORDERS_ARN} --region eu-west-1`,
    );
    expect(alert?.fix?.note).toContain(newArn);
    expect(alert?.impacts.some((i) => i.action === 'replace')).toBe(true);
    expect(alertDelivery(alert as DeletionAlert).event).toBe('secret.replaced');
    // The old ARN back clears it.
    expect(clearedAlerts([{ ...(alert as DeletionAlert), status: 'open' }], old).map((c) => c.id)).toEqual([
      alert?.id,
    ]);
  });

  it('a KMS key: cancel the deletion, then enable the key', async () => {
    const next = await changed(without('aws_kms_key', 'secrets'));
    const alert = deletionAlerts(old, next, diffEstates(old, next), context).find(
      (a) => a.secret.service === 'kms' && a.secret.address === 'aws_kms_key.secrets',
    );
    expect(alert?.recoveryWindowDays).toBe(30);
    expect(alert?.fix?.command).toMatch(
      /^aws kms cancel-key-deletion --key-id \S+ --region eu-west-1 && aws kms enable-key --key-id /,
    );
    expect(alert?.recoverability).toMatch(/^The key is pending deletion until /);
  });

  it('a state that cannot be read this time is not a delete of its secrets', async () => {
    const dir = estates.copy();
    const path = join(dir, STATE);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 2000));
    const next = await load(dir);
    const diff = diffEstates(old, next);
    expect(diff.secretEvents.filter((e) => e.event === 'deleted').length).toBeGreaterThan(0);
    expect(deletionAlerts(old, next, diff, context)).toEqual([]);
  });

  it('clears when the same ARN is back', async () => {
    const next = await changed(without('aws_secretsmanager_', 'orders_db'));
    const [alert] = deletionAlerts(old, next, diffEstates(old, next), context).filter(
      (a) => a.secret.id === ORDERS,
    );
    const stored = { ...alert, status: 'open' } as StoredAlert;
    expect(clearedAlerts([stored], next)).toEqual([]);
    expect(clearedAlerts([stored], old)).toEqual([
      { id: stored.id, reason: `restored: ${ORDERS_ARN} is back in platform/secrets` },
    ]);
    expect(alertDelivery(stored, { reason: 'restored' }).event).toBe('secret.restored');
  });
});
