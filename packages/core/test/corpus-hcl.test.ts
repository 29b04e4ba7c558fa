import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestHclFiles } from '../src/ingest/ingest-hcl.js';
import type { ManifestEntry } from '../src/ingest/parse-manifest.js';
import type { Diagnostic } from '../src/model/diagnostic.js';
import type { ConfigModel } from '../src/model/workspace.js';
import { loadEstate } from '../src/node/load-estate.js';
import { listEntries } from '../src/node/read-estate.js';

// Real Terraform and Terragrunt configuration from public repositories (read-only, beside the repository).
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus/hcl');
const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [path, , , , features] = line.split('\t');
    return { path: path as string, features: (features ?? '').split(',') };
  });
/** Placeholder secret values the corpus README lists: none may survive ingest. */
const PLACEHOLDERS = ['super-secret-db-password-123', 'sk_live_abcdef123456789', 'jwt-super-secret-key-456'];

const tfFiles = manifest.filter((f) => f.path.endsWith('.tf'));

async function ingestFile(path: string): Promise<{ model: ConfigModel; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const text = readFileSync(join(CORPUS, path), 'utf8');
  const model = await ingestHclFiles(dirname(path), [{ path, text }], diagnostics);
  return { model, diagnostics };
}

describe('configuration-only consumers in public repositories', () => {
  it('holds the files the manifest lists', () => {
    expect(manifest).toHaveLength(76);
  });

  it.each(tfFiles.map((f) => [f.path, f.features.join(',')]))(
    '%s (%s) shows what it is there for, and no value',
    async (path, features) => {
      const { model, diagnostics } = await ingestFile(path);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const json = JSON.stringify(model);
      for (const placeholder of PLACEHOLDERS) expect(json).not.toContain(placeholder);
      const blocks = model.blocks;
      // What the file holds, as its text shows it (a file can be there as the producer of what another reads).
      const text = readFileSync(join(CORPUS, path), 'utf8');
      const has = (feature: string) => features.split(',').includes(feature);
      if (has('ephemeral') && /^\s*ephemeral\s+"/m.test(text))
        expect(blocks.some((b) => b.kind === 'ephemeral')).toBe(true);
      if (has('write_only') && /_wo\s*=/.test(text))
        expect(blocks.some((b) => (b.writeOnly ?? []).length > 0)).toBe(true);
      if (has('provider_secret') && /^provider\s+"/m.test(text))
        expect(blocks.some((b) => b.kind === 'provider' && b.references.length > 0)).toBe(true);
      if (
        has('external_secrets') &&
        /kind\s*[:=]\s*"?(ExternalSecret|ClusterSecretStore|SecretStore)/.test(text)
      )
        expect(blocks.some((b) => b.kubernetes !== undefined)).toBe(true);
    },
  );

  it('reads the write-only demo without its literal values, and flags them as hard-coded', async () => {
    const { model } = await ingestFile('samgabrail__terraform-write-only/examples/secure/complete-demo.tf');
    const hardcoded = model.blocks.flatMap((b) => (b.hardcodedSecrets ?? []).map((a) => `${b.address}.${a}`));
    expect(hardcoded.some((h) => h.endsWith('.password_wo'))).toBe(true);
  });

  it('reads a provider fed by an ephemeral SSM parameter (rubykaigi grafana)', async () => {
    const { model } = await ingestFile('ruby-no-kai__rubykaigi-net/tf/grafana/grafana_config.tf');
    expect(model.blocks.find((b) => b.address === 'provider.grafana')?.references).toEqual([
      { attribute: 'auth', ref: 'ephemeral.aws_ssm_parameter.grafana-admin2.value' },
    ]);
    expect(
      model.blocks.find((b) => b.address === 'ephemeral.aws_ssm_parameter.grafana-admin2')?.references,
    ).toEqual([
      { attribute: 'arn', ref: 'aws_ssm_parameter.grafana-admin.arn' },
      { attribute: 'depends_on', ref: 'helm_release.grafana' },
    ]);
  });

  it('reads an ExternalSecret whose key is an expression, and its store', async () => {
    const es = await ingestFile('external-secrets-inc__public-examples/sqs/terraform/secrets.tf');
    expect(
      es.model.blocks.find((b) => b.address === 'kubernetes_manifest.es_irsa_auth_secret')?.kubernetes,
    ).toMatchObject({
      kind: 'ExternalSecret',
      store: { kind: 'SecretStore', name: 'aws-secret-store' },
      keys: [
        { path: 'spec.data[0].remoteRef.key', refs: ['aws_secretsmanager_secret.irsa_auth_secret.arn'] },
      ],
    });
    const kubectl = await ingestFile(
      'sourcefuse__terraform-aws-arc-eks-saas/modules/eks-monitoring/add-ons/external-secrets/main.tf',
    );
    expect(
      kubectl.model.blocks.find((b) => b.address === 'kubectl_manifest.secret')?.kubernetes,
    ).toMatchObject({
      kind: 'ExternalSecret',
      store: { kind: 'ClusterSecretStore' },
      keys: [{ path: 'spec.dataFrom[0].extract.key', refs: ['aws_ssm_parameter.secret.name'] }],
    });
  });
});

/** Discovery of a corpus repository as an estate without a manifest. */
async function discover(repo: string): Promise<{ entries: ManifestEntry[]; codes: string[] }> {
  const diagnostics: Diagnostic[] = [];
  const entries = await listEntries(join(CORPUS, repo), diagnostics);
  return { entries, codes: diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}`) };
}

describe('Terragrunt trees from public repositories', () => {
  it('reads the Gruntwork live example: includes, read_terragrunt_config, path_relative_to_include, exposed includes', async () => {
    const { entries, codes } = await discover('gruntwork-io__terragrunt-infrastructure-live-example');
    const mysql = entries.find((e) => e.name === 'non-prod/us-east-1/qa/mysql');
    expect(mysql?.backend).toEqual({
      type: 's3',
      bucket: 'terragrunt-example-tf-state-non-prod-us-east-1',
      key: 'non-prod/us-east-1/qa/mysql/tf.tfstate',
      region: 'us-east-1',
    });
    expect(mysql?.terragrunt?.source).toContain('//modules/mysql?ref=v0.8.0');
    const app = entries.find((e) => e.name === 'dry-experiment/live/dev/us-east-1/app')?.terragrunt;
    expect(app?.source).toBe('dry-experiment/modules/app');
    expect(app?.dependencies.map((d) => `${d.name} ${d.configPath} ${d.file}:${d.line}`)).toEqual([
      'mysql dry-experiment/live/dev/us-east-1/mysql dry-experiment/live/_env/app.hcl:16',
      'vpc dry-experiment/live/dev/us-east-1/vpc dry-experiment/live/_env/app.hcl:12',
    ]);
    expect(app?.inputs.find((i) => i.name === 'mysql_endpoint')?.reads).toEqual([
      { dependency: 'mysql', output: 'endpoint' },
    ]);
    // The roots (root.hcl, the dry-experiment's terragrunt.hcl) are included, not units.
    expect(entries.map((e) => e.name).sort()).toEqual([
      'dry-experiment/live/dev/us-east-1/app',
      'non-prod/us-east-1/qa/mysql',
    ]);
    expect(codes).toContain('info terragrunt.env-default non-prod/us-east-1/qa/mysql/terragrunt.hcl');
  });

  it('reads a backend written by a generate block (cds-snc), with get_env defaults said', async () => {
    const { entries, codes } = await discover('cds-snc__forms-terraform');
    const app = entries.find((e) => e.name === 'env/cloud/app');
    expect(app?.backend).toMatchObject({
      type: 's3',
      bucket: 'forms-000000000000-tfstate',
      key: 'cloud/app/terraform.tfstate',
    });
    expect(app?.terragrunt?.dependencies.map((d) => d.configPath)).toContain('env/cloud/secrets');
    expect(codes).toContain('info terragrunt.env-default env/cloud/app/terragrunt.hcl');
  });

  it('resolves find_in_parent_folders of a directory to the unit it names (jumpinfra)', async () => {
    const { entries, codes } = await discover('jmeridth__jumpinfra');
    const service = entries.find((e) => e.name === 'terraform/env/staging/api/ecs_service');
    expect(service?.backend).toMatchObject({ bucket: 'jumpco-terraform-state-staging' });
    expect(service?.terragrunt?.dependencies.find((d) => d.name === 'secrets')).toMatchObject({
      configPath: 'terraform/env/staging/api/secrets',
      workspace: 'terraform/env/staging/api/secrets',
    });
    expect(entries.find((e) => e.name === 'terraform/env/staging/api/secrets')?.config).toBe(
      'terraform/modules/secrets',
    );
    // Dependencies on units the copy does not hold, and YAML inputs, are said, not guessed.
    expect(codes).toContain(
      'warning terragrunt.unevaluated terraform/env/staging/api/ecs_service/terragrunt.hcl',
    );
    expect(codes).toContain('warning terragrunt.unevaluated terraform/env/terragrunt.hcl');
  });

  it('says what it cannot evaluate statically: stacks, values, file(), dependencies read through read_terragrunt_config', async () => {
    const stacks = await discover('gruntwork-io__terragrunt-infrastructure-live-stacks-example');
    expect(stacks.entries).toEqual([]);
    expect(stacks.codes).toEqual([
      'info terragrunt.stack non-prod/us-east-1/stateful-lambda-service/terragrunt.stack.hcl',
    ]);
    const catalog = await discover('gruntwork-io__terragrunt-infrastructure-catalog-example');
    expect(
      catalog.entries
        .flatMap((e) => e.terragrunt?.dependencies ?? [])
        .every((d) => d.configPath === undefined),
    ).toBe(true);
    const tarka = await discover('tarkalabs__aws-modules');
    expect(tarka.codes).toContain('warning terragrunt.unevaluated examples/serverlessforms/terragrunt.hcl');
    const plateforme = await discover('loic-roux-404__plateforme');
    expect(plateforme.codes).toContain('warning terragrunt.unevaluated root.hcl');
  });

  it('links a unit to the unit its dependency names, and says the output its producer lacks', async () => {
    const loaded = await loadEstate(join(CORPUS, 'jmeridth__jumpinfra'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const g = loaded.built.graph;
    const from = 'terraform/env/staging/api/ecs_service::dependency.secrets';
    expect(g.outNeighbors(from)).toContain('terraform/env/staging/api/secrets');
    expect(loaded.built.stats.unresolved.missing_output).toBeGreaterThan(0);
  });
});
