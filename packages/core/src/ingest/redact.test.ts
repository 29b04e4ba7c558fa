import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../model/workspace.js';
import { maskFromPaths, maskFromSensitiveValues, redactAttributes } from './redact.js';

describe('redactAttributes', () => {
  it('drops paths Terraform marks sensitive, at any depth', () => {
    const mask = maskFromPaths([
      [
        { type: 'get_attr', value: 'environment' },
        { type: 'index', value: { value: 0, type: 'number' } },
        { type: 'get_attr', value: 'variables' },
        { type: 'index', value: { value: 'TOKEN', type: 'string' } },
      ],
    ]);
    const r = redactAttributes(
      'managed',
      'aws_lambda_function',
      { environment: [{ variables: { TOKEN: 'CANARY-a', MODE: 'live' } }] },
      [mask],
    );
    expect(r.attributes).toEqual({ environment: [{ variables: { TOKEN: REDACTED, MODE: 'live' } }] });
    expect(r.redacted).toEqual(['environment[0].variables.TOKEN']);
  });

  it('drops known secret attributes even when not marked, and keeps a digest that is not the value', () => {
    const r = redactAttributes(
      'managed',
      'aws_secretsmanager_secret_version',
      { secret_string: 'CANARY-b', arn: 'arn:x' },
      [],
    );
    expect(r.attributes).toEqual({ secret_string: REDACTED, arn: 'arn:x' });
    expect(r.digests.secret_string).toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(r)).not.toContain('CANARY-b');
    const same = redactAttributes('managed', 'aws_ssm_parameter', { value: 'CANARY-b' }, []);
    expect(same.digests.value).toBe(r.digests.secret_string);
  });

  it('reads show-json sensitive_values mirrors', () => {
    const mask = maskFromSensitiveValues({ tags: {}, config: { password: true }, list: [false, true] });
    const r = redactAttributes(
      'managed',
      'x',
      { config: { password: 'CANARY-c', user: 'u' }, list: ['a', 'CANARY-d'], tags: { a: 'b' } },
      [mask],
    );
    expect(r.attributes).toEqual({
      config: { password: REDACTED, user: 'u' },
      list: ['a', REDACTED],
      tags: { a: 'b' },
    });
  });

  it('never lets a canary through wherever the mask puts it', () => {
    const leaf = fc.constantFrom('CANARY-x', 'plain');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('k1', 'k2'), tree), (attrs) => {
        // Mark every path that holds a canary as Terraform would.
        const paths: unknown[] = [];
        const walk = (v: unknown, path: unknown[]) => {
          if (v === 'CANARY-x') paths.push(path);
          else if (Array.isArray(v)) {
            for (const [i, x] of v.entries())
              walk(x, [...path, { type: 'index', value: { value: i, type: 'number' } }]);
          } else if (v && typeof v === 'object') {
            for (const [k, x] of Object.entries(v)) walk(x, [...path, { type: 'get_attr', value: k }]);
          }
        };
        walk(attrs, []);
        const r = redactAttributes('managed', 'x', attrs as never, [maskFromPaths(paths as never)]);
        expect(JSON.stringify(r.attributes)).not.toContain('CANARY');
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
