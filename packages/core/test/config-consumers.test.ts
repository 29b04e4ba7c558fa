import { describe, expect, it } from 'vitest';
import { consumerKindOf } from '../src/impact/consumer-kind.js';
import { queryImpact } from '../src/impact/query-impact.js';
import type { ImpactResult } from '../src/impact/result-types.js';
import { ACCOUNT, edgeLines, makeEstate, SECRET_ARN, type TestWorkspace } from './make-estate.js';

const NOW = new Date('2026-12-02T00:00:00Z');

/** Impacts as sorted lines: severity, node, consumer kind, when noticed. */
function impactLines(result: ImpactResult): string[] {
  return result.impacts
    .map((i) => `${i.severity} ${i.id} ${consumerKindOf(i, i.path[0]) ?? '-'} ${i.noticedBy.kind}`)
    .sort();
}

const PG = 'provider["registry.terraform.io/cyrilgdn/postgresql"]';
const CENTRAL_ARN = `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:prod/orders/db-CeN123`;

const platform: TestWorkspace = {
  name: 'platform/secrets',
  backend: 's3://acme-tfstate/platform/secrets.tfstate',
  resources: [
    {
      address: 'aws_secretsmanager_secret.orders_db',
      attributes: { arn: SECRET_ARN, id: SECRET_ARN, name: 'prod/orders/db', recovery_window_in_days: 7 },
    },
  ],
  outputs: { db_secret_arn: { value: SECRET_ARN } },
  hcl: {
    'main.tf': `resource "aws_secretsmanager_secret" "orders_db" {
  name = "prod/orders/db"
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.orders_db.arn
}
`,
  },
};

/** The same name in another region: only a consumer whose scope says eu-central-1 reads it. */
const central: TestWorkspace = {
  name: 'platform/central',
  resources: [
    {
      address: 'aws_secretsmanager_secret.orders_db',
      attributes: { arn: CENTRAL_ARN, id: CENTRAL_ARN, name: 'prod/orders/db' },
    },
  ],
};

const reader = `data "terraform_remote_state" "platform" {
  backend = "s3"
  config = {
    bucket = "acme-tfstate"
    key    = "platform/secrets.tfstate"
    region = "eu-west-1"
  }
}
`;

const remoteStateResource = {
  address: 'data.terraform_remote_state.platform',
  attributes: {
    backend: 's3',
    config: {
      value: { bucket: 'acme-tfstate', key: 'platform/secrets.tfstate', region: 'eu-west-1' },
      type: ['object', {}],
    },
    outputs: { value: { db_secret_arn: SECRET_ARN }, type: ['object', {}] },
  },
};

const warehouse: TestWorkspace = {
  name: 'data/warehouse',
  account: ACCOUNT,
  region: 'eu-west-1',
  resources: [
    remoteStateResource,
    {
      address: 'data.aws_secretsmanager_secret_version.admin',
      attributes: { arn: SECRET_ARN, secret_id: 'prod/orders/db', secret_string: 'CANARY-cc-1' },
      sensitive: ['secret_string'],
    },
    { address: 'postgresql_role.reader', attributes: { id: 'reader', name: 'reader' }, provider: PG },
    { address: 'postgresql_grant.reader', attributes: { id: 'reader_select' }, provider: `${PG}.admin` },
    {
      address: 'aws_db_instance.warehouse',
      attributes: {
        arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:warehouse`,
        identifier: 'warehouse',
        password_wo_version: 1,
      },
    },
    {
      address: 'module.etl.aws_lambda_function.etl',
      attributes: { arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:etl`, function_name: 'etl' },
    },
    {
      address: 'module.etl.module.alarms.aws_cloudwatch_metric_alarm.secret',
      attributes: { arn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:etl`, alarm_name: 'etl' },
    },
  ],
  hcl: {
    'main.tf': `${reader}
locals {
  secret_name = "prod/orders/db"
  creds       = jsondecode(ephemeral.aws_secretsmanager_secret_version.orders_db.secret_string)
}

data "aws_secretsmanager_secret_version" "admin" {
  secret_id = "prod/orders/db"
}

provider "postgresql" {
  host     = "warehouse.internal"
  password = jsondecode(data.aws_secretsmanager_secret_version.admin.secret_string)["password"]
}

provider "postgresql" {
  alias    = "admin"
  password = local.creds["password"]
}

provider "aws" {
  region = "eu-west-1"
}

ephemeral "aws_secretsmanager_secret_version" "orders_db" {
  secret_id = local.secret_name
}

ephemeral "aws_secretsmanager_secret_version" "gone" {
  secret_id = "prod/nowhere"
}

resource "postgresql_role" "reader" {
  name = "reader"
}

resource "postgresql_grant" "reader" {
  provider = postgresql.admin
  role     = postgresql_role.reader.name
}

resource "aws_db_instance" "warehouse" {
  identifier          = "warehouse"
  password_wo         = local.creds["password"]
  password_wo_version = 1
}

module "etl" {
  source        = "./modules/etl"
  db_secret_arn = data.terraform_remote_state.platform.outputs.db_secret_arn
  schedule      = "cron(0 3 * * ? *)"
}

module "rds" {
  source                    = "terraform-aws-modules/rds/aws"
  master_user_secret_arn    = "${SECRET_ARN}"
  master_user_password_name = "prod/orders/db"
  instance_class            = "db.t4g.small"
}
`,
  },
  modules: {
    'modules/etl': {
      'main.tf': `variable "db_secret_arn" {
  type = string
}

variable "schedule" {
  type = string
}

resource "aws_lambda_function" "etl" {
  function_name = "etl"
  environment {
    variables = {
      DB_SECRET_ARN = var.db_secret_arn
    }
  }
}

module "alarms" {
  source     = "./alarms"
  secret_arn = var.db_secret_arn
}
`,
    },
    'modules/etl/alarms': {
      'main.tf': `variable "secret_arn" {
  type = string
}

resource "aws_cloudwatch_metric_alarm" "secret" {
  alarm_name = "etl"
  dimensions = {
    SecretArn = var.secret_arn
  }
}
`,
    },
  },
};

const cluster: TestWorkspace = {
  name: 'k8s/orders',
  account: ACCOUNT,
  resources: [
    {
      address: 'kubernetes_manifest.store',
      attributes: {},
      provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
    },
    {
      address: 'kubernetes_manifest.orders_db',
      attributes: {},
      provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
    },
    {
      address: 'kubernetes_manifest.missing',
      attributes: {},
      provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
    },
    {
      address: 'helm_release.orders',
      attributes: {},
      provider: 'provider["registry.terraform.io/hashicorp/helm"]',
    },
  ],
  hcl: {
    'main.tf': `resource "kubernetes_manifest" "store" {
  manifest = {
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ClusterSecretStore"
    metadata   = { name = "aws-central" }
    spec       = { provider = { aws = { service = "SecretsManager", region = "eu-central-1" } } }
  }
}

resource "kubernetes_manifest" "orders_db" {
  manifest = {
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ExternalSecret"
    metadata   = { name = "orders-db", namespace = "orders" }
    spec = {
      secretStoreRef = { kind = "ClusterSecretStore", name = "aws-central" }
      target         = { name = "orders-db-credentials" }
      data           = [{ secretKey = "password", remoteRef = { key = "prod/orders/db", property = "password" } }]
    }
  }
}

resource "kubernetes_manifest" "missing" {
  manifest = {
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ExternalSecret"
    metadata   = { name = "other" }
    spec = {
      secretStoreRef = { kind = "ClusterSecretStore", name = "aws-central" }
      dataFrom       = [{ extract = { key = "prod/made/by-hand" } }]
    }
  }
}

resource "kubernetes_manifest" "never_applied" {
  manifest = {
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ExternalSecret"
    metadata   = { name = "later" }
    spec       = { data = [{ secretKey = "x", remoteRef = { key = "prod/orders/db" } }] }
  }
}

resource "helm_release" "orders" {
  name = "orders"
  set {
    name  = "database.existingSecret"
    value = "orders-db-credentials"
  }
}
`,
  },
};

/** Three Terragrunt units: app reads db's output, which passes on secrets' output. */
function terragruntEstate(): TestWorkspace[] {
  const secrets: TestWorkspace = {
    ...platform,
    name: 'prod/secrets',
    backend: 's3://tg-state/prod/secrets/terraform.tfstate',
  };
  const db: TestWorkspace = {
    name: 'prod/db',
    resources: [],
    outputs: { master_secret_arn: { value: SECRET_ARN } },
    hcl: {
      'main.tf': `variable "master_secret_arn" {
  type = string
}

output "master_secret_arn" {
  value = var.master_secret_arn
}
`,
    },
    terragrunt: {
      file: 'prod/db/terragrunt.hcl',
      dependencies: [
        {
          name: 'secrets',
          configPath: 'prod/secrets',
          workspace: 'prod/secrets',
          file: 'prod/db/terragrunt.hcl',
          line: 5,
        },
      ],
      inputs: [
        {
          name: 'master_secret_arn',
          reads: [{ dependency: 'secrets', output: 'db_secret_arn' }],
          literals: [],
        },
      ],
    },
  };
  const app: TestWorkspace = {
    name: 'prod/app',
    resources: [],
    terragrunt: {
      file: 'prod/app/terragrunt.hcl',
      dependencies: [
        {
          name: 'db',
          configPath: 'prod/db',
          workspace: 'prod/db',
          file: 'prod/app/terragrunt.hcl',
          line: 5,
        },
        { name: 'vpc', configPath: '../shared/vpc', file: 'prod/app/terragrunt.hcl', line: 9 },
      ],
      inputs: [
        { name: 'db_secret_arn', reads: [{ dependency: 'db', output: 'master_secret_arn' }], literals: [] },
        { name: 'db_host', reads: [{ dependency: 'db', output: 'endpoint' }], literals: [] },
      ],
    },
  };
  return [secrets, db, app];
}

describe('consumers only the configuration shows', () => {
  it('links providers, ephemeral resources, write-only arguments, module inputs and Kubernetes objects', async () => {
    const built = await makeEstate([platform, central, warehouse, cluster]);
    const ours = (l: string) =>
      /^(data\/warehouse|k8s\/orders)::/.test(l) &&
      !l.includes('-depends_on(reference)-> data/warehouse::data.terraform_remote_state');
    expect(edgeLines(built, ours)).toEqual([
      'data/warehouse::aws_db_instance.warehouse -depends_on(reference)-> data/warehouse::ephemeral.aws_secretsmanager_secret_version.orders_db',
      'data/warehouse::data.aws_secretsmanager_secret_version.admin -lookup(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'data/warehouse::data.terraform_remote_state.platform -reads_output(reference)-> platform/secrets::output.db_secret_arn',
      'data/warehouse::data.terraform_remote_state.platform -remote_state(exact)-> platform/secrets',
      'data/warehouse::ephemeral.aws_secretsmanager_secret_version.orders_db -lookup(name)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'data/warehouse::module.etl -reads_output(reference)-> platform/secrets::output.db_secret_arn',
      'data/warehouse::module.etl.aws_lambda_function.etl -module_input(reference)-> data/warehouse::module.etl',
      'data/warehouse::module.etl.module.alarms -module_input(reference)-> data/warehouse::module.etl',
      'data/warehouse::module.etl.module.alarms.aws_cloudwatch_metric_alarm.secret -module_input(reference)-> data/warehouse::module.etl.module.alarms',
      'data/warehouse::module.rds -arn_reference(exact)-> platform/secrets::aws_secretsmanager_secret.orders_db',
      'data/warehouse::postgresql_grant.reader -depends_on(reference)-> data/warehouse::postgresql_role.reader',
      'data/warehouse::postgresql_grant.reader -managed_by(reference)-> data/warehouse::provider.postgresql.admin',
      'data/warehouse::postgresql_role.reader -managed_by(reference)-> data/warehouse::provider.postgresql',
      'data/warehouse::provider.postgresql -depends_on(reference)-> data/warehouse::data.aws_secretsmanager_secret_version.admin',
      'data/warehouse::provider.postgresql.admin -depends_on(reference)-> data/warehouse::ephemeral.aws_secretsmanager_secret_version.orders_db',
      'k8s/orders::helm_release.orders -depends_on(name)-> k8s/orders::kubernetes_manifest.orders_db',
      'k8s/orders::kubernetes_manifest.orders_db -lookup(name)-> platform/central::aws_secretsmanager_secret.orders_db',
    ]);
    const g = built.graph;
    expect(g.getNodeAttributes('data/warehouse::provider.postgresql')).toMatchObject({
      kind: 'provider',
      type: 'postgresql',
      source: { file: 'data/warehouse/main.tf', line: 19 },
    });
    expect(
      g.getNodeAttributes('data/warehouse::ephemeral.aws_secretsmanager_secret_version.gone'),
    ).toMatchObject({
      kind: 'ephemeral',
      missingRefs: ['prod/nowhere'],
    });
    expect(g.getNodeAttribute('data/warehouse::module.rds', 'kind')).toBe('module');
    expect(g.getNodeAttribute('k8s/orders::kubernetes_manifest.missing', 'unresolvedRefs')).toEqual([
      'prod/made/by-hand',
    ]);
    expect(g.hasNode('k8s/orders::kubernetes_manifest.never_applied')).toBe(false);
    expect(built.diagnostics.map((d) => d.code)).toContain('config.module-not-on-disk');
    expect(JSON.stringify(built)).not.toContain('CANARY');
  });

  it('links a Terragrunt unit to the outputs its dependencies pass it, two deep', async () => {
    const built = await makeEstate(terragruntEstate());
    expect(edgeLines(built, (l) => l.startsWith('prod/app') || l.startsWith('prod/db'))).toEqual([
      'prod/app::dependency.db -reads_output(reference)-> prod/db::output.master_secret_arn',
      'prod/app::dependency.db -remote_state(exact)-> prod/db',
      'prod/db::dependency.secrets -reads_output(reference)-> prod/secrets::output.db_secret_arn',
      'prod/db::dependency.secrets -remote_state(exact)-> prod/secrets',
      'prod/db::output.master_secret_arn -output_of(reference)-> prod/db::dependency.secrets',
    ]);
    expect(built.stats.unresolved).toEqual({ terragrunt_dependency: 1, missing_output: 1 });
    expect(built.diagnostics.map((d) => `${d.code} ${d.workspace}`)).toEqual([
      'link.missing-output prod/app',
      'link.unresolved-terragrunt-dependency prod/app',
    ]);
  });

  it('says when each configuration-only consumer notices a deleted secret, and how', async () => {
    const built = await makeEstate([platform, central, warehouse, cluster]);
    const result = queryImpact(built.graph, 'platform/secrets::aws_secretsmanager_secret.orders_db', {
      action: 'delete',
      now: NOW,
    });
    expect(impactLines(result).filter((l) => !l.includes('platform/secrets::'))).toEqual([
      'breaks data/warehouse::aws_db_instance.warehouse write_only next-apply',
      'breaks data/warehouse::data.aws_secretsmanager_secret_version.admin - next-apply',
      'breaks data/warehouse::ephemeral.aws_secretsmanager_secret_version.orders_db ephemeral next-apply',
      'breaks data/warehouse::module.etl.aws_lambda_function.etl module_input runtime',
      'breaks data/warehouse::module.etl.module.alarms.aws_cloudwatch_metric_alarm.secret module_input next-apply',
      'breaks data/warehouse::module.rds module_input next-apply',
      'breaks data/warehouse::provider.postgresql provider next-apply',
      'breaks data/warehouse::provider.postgresql.admin provider next-apply',
      'degraded data/warehouse::postgresql_grant.reader provider next-apply',
      'degraded data/warehouse::postgresql_role.reader provider next-apply',
      'info data/warehouse::data.terraform_remote_state.platform - next-apply',
      'info data/warehouse::module.etl module_input next-apply',
      'info data/warehouse::module.etl.module.alarms module_input next-apply',
    ]);
    const reason = (id: string) => result.impacts.find((i) => i.id === id)?.reason ?? '';
    expect(reason('data/warehouse::provider.postgresql')).toContain(
      "provider.postgresql is a provider configuration that reads it: data/warehouse's next plan fails, for the 1 resource it manages",
    );
    expect(reason('data/warehouse::aws_db_instance.warehouse')).toContain(
      'its write-only password_wo reads it at every plan',
    );
    expect(reason('data/warehouse::module.rds')).toContain('whose source is not on disk');
    expect(reason('data/warehouse::postgresql_role.reader')).toContain('managed by provider.postgresql');
  });

  it('breaks a Terragrunt unit whose dependency output is removed, and Kubernetes consumers at runtime', async () => {
    const built = await makeEstate([platform, central, warehouse, cluster]);
    const k8s = queryImpact(built.graph, 'platform/central::aws_secretsmanager_secret.orders_db', {
      action: 'delete',
      now: NOW,
    });
    expect(impactLines(k8s)).toEqual([
      'breaks k8s/orders::kubernetes_manifest.orders_db kubernetes runtime',
      'degraded k8s/orders::helm_release.orders kubernetes runtime',
    ]);
  });

  it('breaks the unit whose dependency reads a removed output, even when its Terraform only passes it on', async () => {
    const built = await makeEstate(terragruntEstate());
    const removed = queryImpact(built.graph, 'prod/secrets::output.db_secret_arn', {
      action: 'remove_output',
      now: NOW,
    });
    expect(impactLines(removed)).toEqual([
      'breaks prod/db::dependency.secrets terragrunt_dependency next-apply',
      'info prod/app::dependency.db terragrunt_dependency next-apply',
      'info prod/db::output.master_secret_arn - next-apply',
    ]);
    const deleted = queryImpact(built.graph, 'prod/secrets::aws_secretsmanager_secret.orders_db', {
      action: 'delete',
      now: NOW,
    });
    expect(impactLines(deleted)).toEqual([
      'breaks prod/app::dependency.db terragrunt_dependency next-apply',
      'info prod/db::dependency.secrets terragrunt_dependency next-apply',
      'info prod/db::output.master_secret_arn - next-apply',
      'info prod/secrets::output.db_secret_arn - same-apply',
    ]);
  });
});
