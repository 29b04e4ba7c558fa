import { describe, expect, it } from 'vitest';
import { NOW, runCli } from './run-cli.js';

const TREE = 'fixtures/terragrunt';
const RUN_ALL = `${TREE}/plans/run-all/prod/eu-west-1`;

describe('impact over a Terragrunt tree', () => {
  it('ingests it without a manifest and counts the consumers only configuration shows', async () => {
    const run = await runCli(['ingest', TREE]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('ingested 5 workspaces');
    expect(run.stdout).toContain(
      'consumers only configuration shows: ephemeral 2, write-only 2, Terragrunt dependency 4',
    );
    const estate = await runCli(['ingest', 'fixtures/estate']);
    expect(estate.stdout).toContain(
      'consumers only configuration shows: provider 1, ephemeral 1, write-only 1, module input 2, Kubernetes 2',
    );
  });

  it('analyses a run-all, each plan in its unit, and fails on the dependency its output removal breaks', async () => {
    const run = await runCli([
      'plan',
      `${RUN_ALL}/secrets/tfplan.json`,
      `${RUN_ALL}/app/tfplan.json`,
      '--estate',
      TREE,
      '--now',
      NOW,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('dependency.secrets');
    expect(run.stdout).toContain('a Terragrunt dependency');
  });
});
