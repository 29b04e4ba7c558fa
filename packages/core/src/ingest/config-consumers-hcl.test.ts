import { describe, expect, it } from 'vitest';
import { ingestHclFiles } from './ingest-hcl.js';

const MAIN = `
terraform {
  required_providers {
    pg = {
      source = "cyrilgdn/postgresql"
    }
  }
}

locals {
  db_secret_name = "prod/orders/db"
  db_password    = "CANARY-local-1"
  creds          = jsondecode(ephemeral.aws_secretsmanager_secret_version.db.secret_string)
}

provider "pg" {
  host     = "db.internal"
  password = local.creds["password"]
}

provider "pg" {
  alias    = "admin"
  password = data.aws_secretsmanager_secret_version.admin.secret_string
}

ephemeral "aws_secretsmanager_secret_version" "db" {
  secret_id = local.db_secret_name
}

ephemeral "aws_ssm_parameter" "token" {
  arn = "arn:aws:ssm:eu-west-1:111111111111:parameter/prod/token"
}

resource "aws_db_instance" "main" {
  identifier          = "orders"
  password_wo         = local.creds["password"]
  password_wo_version = 1
}

resource "aws_ssm_parameter" "dummy" {
  name             = "/prod/dummy"
  value_wo         = "CANARY-wo-1"
  value_wo_version = 1
}

module "app" {
  source        = "./modules/app"
  db_secret_arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123"
  secret_names  = ["prod/a", local.db_secret_name]
  api_key       = "CANARY-module-1"
  replicas      = 2
}

resource "kubernetes_manifest" "orders_db" {
  manifest = {
    apiVersion = "external-secrets.io/v1beta1"
    kind       = "ExternalSecret"
    metadata = {
      name = "orders-db"
    }
    spec = {
      secretStoreRef = {
        kind = "ClusterSecretStore"
        name = "aws"
      }
      data = [
        { secretKey = "password", remoteRef = { key = "prod/orders/db", property = "password" } },
        { secretKey = "token", remoteRef = { key = data.terraform_remote_state.platform.outputs.token_arn } },
      ]
    }
  }
}

resource "kubectl_manifest" "store" {
  yaml_body = <<YAML
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: aws
spec:
  provider:
    aws:
      service: SecretsManager
      region: eu-central-1
YAML
}

resource "kubernetes_manifest" "csi" {
  manifest = yamldecode(<<-EOT
    apiVersion: secrets-store.csi.x-k8s.io/v1
    kind: SecretProviderClass
    metadata:
      name: orders
    spec:
      provider: aws
      parameters:
        region: eu-west-1
        objects: |
          - objectName: "prod/orders/db"
            objectType: "secretsmanager"
          - objectName: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token-LdG7x2"
    EOT
  )
}

resource "kubernetes_manifest" "plain_secret" {
  manifest = {
    apiVersion = "v1"
    kind       = "Secret"
    stringData = { password = "CANARY-k8s-1" }
  }
}

resource "helm_release" "app" {
  name = "app"
  values = [<<-EOT
    database:
      existingSecret: orders-db
      secretArn: arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123
      password: CANARY-helm-1
    EOT
  ]
  set {
    name  = "aws.secretName"
    value = "prod/payments/api-key"
  }
  set_sensitive {
    name  = "aws.secretName"
    value = "CANARY-helm-2"
  }
}
`;

describe('configuration-only consumers in HCL', () => {
  it('reads providers, ephemeral resources, write-only arguments, module inputs and Kubernetes objects, never a value', async () => {
    const model = await ingestHclFiles('cfg', [{ path: 'cfg/main.tf', text: MAIN }], []);
    const by = Object.fromEntries(model.blocks.map((b) => [b.address, b]));
    expect(model.providerTypes).toEqual({ pg: 'postgresql' });
    expect(by['provider.pg']).toMatchObject({
      kind: 'provider',
      type: 'pg',
      line: 16,
      references: [{ attribute: 'password', ref: 'local.creds."password"' }],
    });
    expect(by['provider.pg.admin']).toMatchObject({
      name: 'admin',
      references: [
        { attribute: 'password', ref: 'data.aws_secretsmanager_secret_version.admin.secret_string' },
      ],
    });
    expect(by['ephemeral.aws_secretsmanager_secret_version.db']).toMatchObject({
      kind: 'ephemeral',
      type: 'aws_secretsmanager_secret_version',
      line: 26,
      references: [{ attribute: 'secret_id', ref: 'local.db_secret_name' }],
    });
    expect(by['ephemeral.aws_ssm_parameter.token']?.literals).toEqual({
      arn: 'arn:aws:ssm:eu-west-1:111111111111:parameter/prod/token',
    });
    expect(by['aws_db_instance.main']).toMatchObject({ writeOnly: ['password_wo'] });
    expect(by['aws_db_instance.main']?.hardcodedSecrets).toBeUndefined();
    expect(by['aws_ssm_parameter.dummy']).toMatchObject({
      writeOnly: ['value_wo'],
      hardcodedSecrets: ['value_wo'],
    });
    expect(by['local.db_secret_name']?.literals).toEqual({ value: 'prod/orders/db' });
    expect(by['local.db_password']?.literals).toEqual({});
    expect(by['module.app']?.literals).toEqual({
      db_secret_arn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123',
      'secret_names[0]': 'prod/a',
    });
    expect(by['kubernetes_manifest.orders_db']?.kubernetes).toEqual({
      kind: 'ExternalSecret',
      name: 'orders-db',
      store: { kind: 'ClusterSecretStore', name: 'aws' },
      keys: [
        { path: 'spec.data[0].remoteRef.key', value: 'prod/orders/db' },
        {
          path: 'spec.data[1].remoteRef.key',
          refs: ['data.terraform_remote_state.platform.outputs.token_arn'],
        },
      ],
      target: 'orders-db',
    });
    expect(by['kubectl_manifest.store']?.kubernetes).toEqual({
      kind: 'ClusterSecretStore',
      name: 'aws',
      region: 'eu-central-1',
      service: 'SecretsManager',
      keys: [],
    });
    expect(by['kubernetes_manifest.csi']?.kubernetes).toEqual({
      kind: 'SecretProviderClass',
      name: 'orders',
      region: 'eu-west-1',
      keys: [
        { path: 'spec.parameters.objects[0].objectName', value: 'prod/orders/db' },
        {
          path: 'spec.parameters.objects[1].objectName',
          value: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token-LdG7x2',
        },
      ],
    });
    expect(by['kubernetes_manifest.plain_secret']?.kubernetes).toBeUndefined();
    expect(by['helm_release.app']?.kubernetes).toEqual({
      kind: 'HelmRelease',
      keys: [
        { path: 'values[0].database.existingSecret', value: 'orders-db' },
        {
          path: 'values[0].database.secretArn',
          value: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123',
        },
        { path: 'set[0].value', value: 'prod/payments/api-key' },
      ],
    });
    expect(JSON.stringify(model)).not.toContain('CANARY');
  });
});
