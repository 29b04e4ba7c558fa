import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { ingestHclFiles } from './ingest-hcl.js';

const MAIN = `
terraform {
  backend "s3" {
    bucket = "acme-tfstate"
    key    = "platform/secrets.tfstate"
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

locals {
  prefix = "prod"
}

resource "aws_secretsmanager_secret" "db" {
  name = "\${local.prefix}/orders/db"
}

resource "aws_secretsmanager_secret_version" "literal" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = "CANARY-hcl-1"
}

module "app" {
  source = "./app"
  secret = aws_secretsmanager_secret.db.arn
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.db.arn
}
`;

describe('ingestHclFiles', () => {
  it('reads blocks, references, backend, ephemeral variables and hard-coded secrets without their values', async () => {
    const diagnostics: Diagnostic[] = [];
    const model = await ingestHclFiles('cfg', [{ path: 'cfg/main.tf', text: MAIN }], diagnostics);
    expect(diagnostics).toEqual([]);
    expect(model.backend).toEqual({
      type: 's3',
      config: { bucket: 'acme-tfstate', key: 'platform/secrets.tfstate' },
    });
    const by = Object.fromEntries(model.blocks.map((b) => [b.address, b]));
    expect(by['var.db_password']).toMatchObject({
      kind: 'variable',
      sensitive: true,
      ephemeral: true,
      line: 9,
    });
    expect(by['aws_secretsmanager_secret_version.literal']).toMatchObject({
      line: 23,
      hardcodedSecrets: ['secret_string'],
      references: [{ attribute: 'secret_id', ref: 'aws_secretsmanager_secret.db.id' }],
    });
    expect(by['module.app']).toMatchObject({
      source: './app',
      references: [{ attribute: 'secret', ref: 'aws_secretsmanager_secret.db.arn' }],
    });
    expect(by['output.db_secret_arn']?.references).toEqual([
      { attribute: 'value', ref: 'aws_secretsmanager_secret.db.arn' },
    ]);
    expect(by['local.prefix']).toBeDefined();
    expect(JSON.stringify(model)).not.toContain('CANARY');
  });

  it('reports a syntax error with its file and keeps the other files', async () => {
    const diagnostics: Diagnostic[] = [];
    const model = await ingestHclFiles(
      'cfg',
      [
        { path: 'cfg/bad.tf', text: 'resource "x" "y" {' },
        { path: 'cfg/ok.tf', text: 'output "o" {\n  value = 1\n}\n' },
      ],
      diagnostics,
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'hcl.syntax', file: 'cfg/bad.tf' });
    expect(diagnostics[0]?.message).toContain('Unclosed configuration block');
    expect(model.files).toEqual(['cfg/ok.tf']);
  });
});
