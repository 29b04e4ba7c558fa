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

  it('keeps two files apart whose texts collide on a 32-bit FNV hash of equal length', async () => {
    // Both hash to the same FNV-1a value: a cache keyed by that hash and the length gave the
    // second file the first one's parse.
    const a = 'output "o0462789" {\n  value = 1\n}\n';
    const b = 'output "o0679192" {\n  value = 1\n}\n';
    expect(a.length).toBe(b.length);
    const first = await ingestHclFiles('a', [{ path: 'a/main.tf', text: a }], []);
    const second = await ingestHclFiles('b', [{ path: 'b/main.tf', text: b }], []);
    expect(first.blocks.map((x) => x.address)).toEqual(['output.o0462789']);
    expect(second.blocks.map((x) => x.address)).toEqual(['output.o0679192']);
  });

  it('finds the line of each of thousands of blocks, by its exact labels', async () => {
    const blocks = Array.from(
      { length: 3000 },
      (_, i) => `resource "aws_ssm_parameter" "p${i}" {\n  name = "p${i}"\n}\n`,
    );
    // A block whose name starts with another's comes first: the lookup must not take it for the other.
    const text = `resource aws_ssm_parameter p1x {\n  name = "x"\n}\n${blocks.join('')}locals {\n  p7 = 1\n}\n`;
    const model = await ingestHclFiles('cfg', [{ path: 'cfg/main.tf', text }], []);
    const line = Object.fromEntries(model.blocks.map((b) => [b.address, b.line]));
    expect(line['aws_ssm_parameter.p1x']).toBe(1);
    expect(line['aws_ssm_parameter.p0']).toBe(4);
    expect(line['aws_ssm_parameter.p1']).toBe(7);
    expect(line['aws_ssm_parameter.p2999']).toBe(4 + 3 * 2999);
    expect(line['local.p7']).toBe(4 + 3 * 3000 + 1);
  });
});
