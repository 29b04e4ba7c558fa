import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedStore, makeApp } from './helpers.js';

/** One workspace of `n` SSM parameters holding values in state: several findings each. */
function parameterEstate(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'impact-findings-'));
  mkdirSync(join(dir, 'params'));
  const resources = Array.from({ length: n }, (_, i) => ({
    mode: 'managed',
    type: 'aws_ssm_parameter',
    name: `p${i}`,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        schema_version: 0,
        attributes: {
          arn: `arn:aws:ssm:eu-west-1:111111111111:parameter/p${i}`,
          name: `/p${i}`,
          type: 'SecureString',
          value: `value-${i % 7}`,
        },
        sensitive_attributes: [[{ type: 'get_attr', value: 'value' }]],
      },
    ],
  }));
  writeFileSync(
    join(dir, 'params/terraform.tfstate'),
    JSON.stringify({
      version: 4,
      terraform_version: '1.9.8',
      serial: 1,
      lineage: 'l',
      outputs: {},
      resources,
    }),
  );
  return dir;
}

describe('/api/findings on an estate with thousands of findings', () => {
  it('answers pages of at most 1000, whose union is every finding once', async () => {
    const dir = parameterEstate(2500);
    const app = await makeApp({
      store: await loadedStore(dir),
      rateLimit: { max: 10_000, timeWindow: 60_000 },
    });
    const first = (await app.inject('/api/findings')).json();
    expect(first.findings).toHaveLength(100);
    expect(first.total).toBeGreaterThan(5000);
    const seen = new Set<string>();
    for (let offset = 0; offset < first.total; offset += 1000) {
      const page = (await app.inject(`/api/findings?offset=${offset}&limit=1000`)).json();
      expect(page.findings.length).toBe(Math.min(1000, first.total - offset));
      for (const f of page.findings) seen.add(`${f.rule} ${f.id}`);
    }
    expect(seen.size).toBe(first.total);
    const shared = (await app.inject('/api/findings?rule=shared-value')).json();
    expect(shared.total).toBe(7);
    expect(shared.findings[0].evidence).toHaveLength(20);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
