import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/diagnostic.js';
import { parseHcl } from '../ingest-hcl.js';
import { terragruntUnits } from './terragrunt-units.js';

const CANARY = 'tg-canary-7f3a91e2';

describe('Terragrunt evaluation', () => {
  it('never quotes a computed index in what it cannot evaluate', async () => {
    const texts = new Map([
      [
        'app/terragrunt.hcl',
        `locals {
  password = "${CANARY}"
  by_name  = { prod = "db" }
}
terraform {
  source = "../modules/\${local.by_name[local.password]}"
}
`,
      ],
    ]);
    const diagnostics: Diagnostic[] = [];
    const units = await terragruntUnits(
      ['app/terragrunt.hcl'],
      {
        read: (path) => texts.get(path),
        exists: (path) => path === '' || path === 'app' || texts.has(path),
        hasTerraform: () => false,
        parse: parseHcl,
      },
      'live',
      diagnostics,
    );
    expect(units.map((u) => u.name)).toEqual(['app']);
    const said = JSON.stringify(diagnostics);
    expect(said).toContain('an index that is not there');
    expect(said).not.toContain(CANARY);
  });
});
