import { describe, expect, it } from 'vitest';
import { parseManifest } from './parse-manifest.js';

const CANARY = 'CANARY-manifest-AKIA1234567890';

describe('parseManifest', () => {
  it('reads the workspaces with the line each stands on', () => {
    const parsed = parseManifest(
      'workspaces:\n  - name: platform/secrets\n    state: a.tfstate\n    backend: { type: s3, bucket: b, key: k }\n  - { name: app, config: configs/app }\n',
    );
    expect(parsed).toEqual({
      ok: true,
      sources: [],
      diagnostics: [],
      entries: [
        {
          entry: {
            name: 'platform/secrets',
            state: 'a.tfstate',
            backend: { type: 's3', bucket: 'b', key: 'k' },
          },
          index: 0,
          line: 2,
        },
        { entry: { name: 'app', config: 'configs/app' }, index: 1, line: 5 },
      ],
    });
  });

  it('gives a syntax error its line and column, never the text of the line', () => {
    const parsed = parseManifest(
      `workspaces:\n  - name: app\n    state: app.tfstate\n    backend:\n      type: s3\n      secret_key: "${CANARY}\n`,
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.entries).toEqual([]);
    expect(parsed.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'manifest.invalid',
        file: 'impact.yaml',
        message: 'line 7, column 1: not valid YAML: a closing quote or bracket is missing',
      },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('CANARY');
    expect(JSON.stringify(parsed)).not.toContain('secret_key');
  });

  it('refuses what does not match the schema, each with its place, quoting no value', () => {
    const parsed = parseManifest(
      [
        'workspaces:',
        '  - name: ok',
        '    state: ok.tfstate',
        `  - name: a::b`,
        '    state: x.tfstate',
        '  - name: nothing',
        `  - name: key\n    state: s.tfstate\n    password: ${CANARY}`,
        `  - ${CANARY}`,
        '  - name: 3',
        '    state: [a]',
        '    backend: s3',
      ].join('\n'),
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      'line 4, column 5: workspaces[1] has a name with "::" (node ids use it)',
      'line 6, column 5: workspaces[2] needs a state or a config',
      'line 9, column 5: workspaces[3] has an unknown key (the keys are name, state, config, backend, account and region)',
      'line 10, column 5: workspaces[4] is not a mapping of name, state, config and backend',
      'line 11, column 11: workspaces[5] has a name that is not a non-empty string',
      'line 12, column 12: workspaces[5] has a state that is not a non-empty string',
      'line 13, column 14: workspaces[5] has a backend that is not a mapping',
      'line 11, column 5: workspaces[5] needs a name',
      'line 11, column 5: workspaces[5] needs a state or a config',
    ]);
    expect(JSON.stringify(parsed)).not.toContain('CANARY');
  });

  it('needs a workspaces list, and says so for an empty file too', () => {
    for (const text of ['', 'workspace:\n  - name: a\n', 'workspaces: 3\n'])
      expect(parseManifest(text)).toMatchObject({
        ok: false,
        diagnostics: [
          {
            code: 'manifest.invalid',
            message: expect.stringMatching(/needs a `workspaces:` or a `sources:` list$/),
          },
        ],
      });
  });

  it('takes account and region as strings, and says to quote an account id written as a number', () => {
    expect(
      parseManifest(
        'workspaces:\n  - { name: a, state: a.tfstate, account: "012345678901", region: eu-west-1 }\n',
      ),
    ).toMatchObject({ ok: true, entries: [{ entry: { account: '012345678901', region: 'eu-west-1' } }] });
    expect(
      parseManifest('workspaces:\n  - name: a\n    state: a.tfstate\n    account: 012345678901\n'),
    ).toMatchObject({
      ok: false,
      diagnostics: [
        {
          message:
            'line 4, column 14: workspaces[0] has an account id written as a number: quote it (account: "012345678901")',
        },
      ],
    });
  });
});

describe('parseManifest sources', () => {
  it('reads sources with their settings and per-state names', () => {
    const parsed = parseManifest(
      [
        'sources:',
        '  - url: s3://acme-tfstate/prod',
        '    config: configs',
        '    workspace_key_prefix: envs',
        '    workspaces:',
        '      - key: jobs/nightly/reconcile.tfstate',
        '        name: jobs/nightly-reconcile',
        '        account: "111111111111"',
        '  - url: tfc://acme/data-*',
      ].join('\n'),
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.entries).toEqual([]);
    expect(parsed.sources.map((s) => s.location)).toEqual([
      { kind: 's3', bucket: 'acme-tfstate', prefix: 'prod' },
      { kind: 'tfc', host: 'app.terraform.io', organization: 'acme', glob: 'data-*', insecure: false },
    ]);
    expect(parsed.sources[0]).toMatchObject({
      config: 'configs',
      workspaceKeyPrefix: 'envs',
      workspaces: [
        { key: 'jobs/nightly/reconcile.tfstate', name: 'jobs/nightly-reconcile', account: '111111111111' },
      ],
    });
  });

  it('refuses a source it cannot use, saying where', () => {
    const parsed = parseManifest('sources:\n  - url: ftp://x/y\n  - config: c\n');
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      'line 2, column 10: sources[0] has a url that cannot be used: unknown scheme ftp:// (s3://, gs://, azblob://, tfc:// or tfe://)',
      expect.stringMatching(/^line 3, column 5: sources\[1\] needs a url/),
    ]);
  });
});
