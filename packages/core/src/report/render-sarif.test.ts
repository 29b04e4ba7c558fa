import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleImpact, sampleResult } from '../../test/sample-result.js';
import type { Finding } from '../rules/rule-types.js';
import { renderGithub } from './render-github.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The SARIF 2.1.0 schema (draft-04); its only draft-04-ism is `id`, which ajv 8 reads as `$id`. */
function sarifValidator() {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const {
    $schema: _drop,
    id,
    ...schema
  } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
    id: string;
  };
  // The schema's `language` pattern is not a valid unicode-mode regex; read it as JSON Schema engines of its day did.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: id });
}

describe('renderSarif', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0', () => {
    const sarif = JSON.parse(
      renderSarif(
        sampleResult([
          sampleImpact(),
          sampleImpact({ id: 'b::x.y', severity: 'info', source: undefined }),
          sampleImpact({ id: 'external::arn:aws:iam::1:root', source: undefined, stateFile: undefined }),
        ]),
      ),
    );
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('locates results at the .tf line, else at the state file, relative to %SRCROOT%', () => {
    const sarif = JSON.parse(
      renderSarif(sampleResult([sampleImpact(), sampleImpact({ id: 'b::x.y', source: undefined })])),
    );
    const [first, second] = sarif.runs[0].results;
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'configs/billing/invoices/main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 42 },
    });
    expect(second.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'states/billing/invoices.tfstate', uriBaseId: '%SRCROOT%' },
    });
    expect(first.ruleId).toBe('impact/irrecoverable');
    expect(sarif.runs[0].tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.message.text).toContain('3 h after the recovery window of prod/ledger/token ends');
  });

  it('carries the findings on what the change touches, each under its own rule, still valid', () => {
    const finding: Finding = {
      rule: 'no-rotation',
      severity: 'warn',
      id: 'platform/secrets::aws_secretsmanager_secret.db',
      workspace: 'platform/secrets',
      address: 'aws_secretsmanager_secret.db',
      message: 'prod/db has no rotation',
      evidence: [],
      source: { file: 'configs/platform/main.tf', line: 7 },
    };
    const result = { ...sampleResult(), findings: [finding] };
    const sarif = JSON.parse(renderSarif(result));
    expect(validate(sarif)).toBe(true);
    const found = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'no-rotation');
    expect(found).toMatchObject({ level: 'warning', message: { text: 'prod/db has no rotation' } });
    expect(sarif.runs[0].tool.driver.rules[found.ruleIndex].id).toBe('no-rotation');
    expect(renderGithub(result)).toContain(
      '::warning file=configs/platform/main.tf,line=7,title=impact finding no-rotation',
    );
    expect(renderText(result)).toContain('FINDINGS on what the change touches (1)');
    expect(renderMarkdown(result)).toContain(
      '[no-rotation](https://github.com/impact/impact/blob/main/docs/rules/no-rotation.md)',
    );
  });
});
