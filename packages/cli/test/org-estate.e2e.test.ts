import { describe, expect, it } from 'vitest';
import { NOW, runCli } from './run-cli.js';

const ORG = 'fixtures/org';

describe('an estate shaped like an organisation, from a real process', () => {
  it('breaks only the deleted secret’s own account and its full-ARN readers', async () => {
    const run = await runCli([
      `${ORG}/plans/delete-prod-db.json`,
      '--estate',
      ORG,
      '--now',
      NOW,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { impacts: { workspace: string }[] };
    const workspaces = [...new Set(result.impacts.map((i) => i.workspace))].sort();
    expect(workspaces).toEqual([
      'k8s/prod-cluster',
      'prod/eu-west-1/app',
      'prod/eu-west-1/platform',
      'shared/eu-west-1/reporting',
    ]);
  });

  it('analyses a plan of an account the estate lacks, and says so', async () => {
    const run = await runCli([`${ORG}/plans/delete-sandbox-db.json`, '--estate', ORG, '--now', NOW]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^impact: 2 changes in delete-sandbox-db → 3 impacted/);
    expect(run.stdout).toContain('note: workspace delete-sandbox-db is not in the estate');
    expect(run.stdout).toContain('shared/eu-west-1/reporting');
    const named = await runCli([
      `${ORG}/plans/delete-sandbox-db.json`,
      '--estate',
      ORG,
      '--now',
      NOW,
      '--workspace',
      'sandbox/eu-west-1/platform',
      '--quiet',
    ]);
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/^impact: 2 changes in sandbox\/eu-west-1\/platform → 3 impacted/);
  });

  it('exits 0 for a plan that only creates, with a note', async () => {
    const run = await runCli([`${ORG}/plans/create-only.json`, '--estate', ORG, '--now', NOW]);
    expect(run).toEqual({
      code: 0,
      stdout: expect.stringContaining(
        'note: the plan only creates: nothing in the estate can depend on what does not exist yet',
      ),
      stderr: '',
    });
  });

  it('counts ambiguous edges in the ingest summary', async () => {
    const run = await runCli(['ingest', ORG]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/by confidence: .*ambiguous 4/);
    expect(run.stdout).toContain('set account: and region: in impact.yaml');
  });
});
