import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VERSION } from '@impact/core/version';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeGitHub, fakeGitHub } from './fake-github.js';
import { NOW, ROOT, runProcess } from './run-process.js';

// The Action's shell part, run as action.yml runs it (bash, inputs as INPUT_* variables), against
// the fixture plans, a real GITHUB_OUTPUT file and a fake GitHub API that records every call.
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const RUN = join(ROOT, 'scripts/action/run.sh');
const REPO = 'acme/infra';
const PR = 7;
const MARKER = '<!-- impact-report -->';
let tmp: string;
let snapshot: string;
let github: FakeGitHub | undefined;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('run `pnpm run build` before the release tests');
  tmp = mkdtempSync(join(tmpdir(), 'impact-action-'));
  snapshot = join(tmp, 'estate.snapshot');
  const ingest = await runProcess(
    process.execPath,
    [CLI, 'ingest', 'fixtures/estate', '--out', snapshot, '--quiet'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    },
  );
  expect(ingest.code).toBe(0);
  writeFileSync(
    join(tmp, 'pull_request.json'),
    JSON.stringify({ action: 'synchronize', pull_request: { number: PR } }),
  );
  writeFileSync(join(tmp, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
});

afterEach(async () => {
  await github?.close();
  github = undefined;
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** One run of run.sh: its exit code, log, step outputs and job summary. */
async function runAction(inputs: Record<string, string>, event = 'pull_request.json'): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmp, 'run-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  const run = await runProcess('bash', [RUN], {
    cwd: ROOT,
    env: {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      IMPACT_BIN: CLI,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_EVENT_PATH: join(tmp, event),
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: github?.url ?? 'http://127.0.0.1:9',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      GITHUB_TOKEN: 'test-token',
      INPUT_ESTATE: snapshot,
      INPUT_ARGS: `--now ${NOW} --quiet`,
      ...inputs,
    },
  });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const outputs = Object.fromEntries(
    read(files.output)
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code: run.code, stdout: run.stdout, stderr: run.stderr, outputs, summary: read(files.summary) };
}

const others = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, body: `LGTM ${i}` }));

describe('the Action script', () => {
  it('on a pull request: every report, outputs from the JSON, one comment posted, exit 1 per fail-on', async () => {
    github = await fakeGitHub(REPO, PR);
    const run = await runAction({ INPUT_PLANS: 'fixtures/estate/plans/delete-secret.json' });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    const result = JSON.parse(readFileSync(run.outputs['json-file'] as string, 'utf8'));
    expect(result.tool.version).toBe(VERSION);
    const { bySeverity, impacted, worst } = result.summary;
    expect(run.outputs).toEqual({
      'exit-code': '1',
      irrecoverable: String(bySeverity.irrecoverable),
      breaks: String(bySeverity.breaks),
      degraded: String(bySeverity.degraded),
      info: String(bySeverity.info),
      impacted: String(impacted),
      worst,
      'markdown-file': expect.stringMatching(/impact-report\/impact\.md$/),
      'json-file': expect.stringMatching(/impact-report\/impact\.json$/),
      'sarif-file': expect.stringMatching(/impact-report\/impact\.sarif$/),
      'annotations-file': expect.stringMatching(/impact-report\/impact-annotations\.txt$/),
      'comment-url': `https://github.example/${REPO}/pull/${PR}#issuecomment-1000`,
    });
    expect(Number(run.outputs.irrecoverable)).toBeGreaterThan(0);
    const markdown = readFileSync(run.outputs['markdown-file'] as string, 'utf8');
    expect(markdown.startsWith(MARKER)).toBe(true);
    expect(
      JSON.parse(readFileSync(run.outputs['sarif-file'] as string, 'utf8')).runs[0].results.length,
    ).toBeGreaterThan(0);
    // The log: the text report, the annotations as workflow commands, and the verdict.
    expect(run.stdout).toContain('DELETE platform/secrets::aws_secretsmanager_secret.ledger_token');
    expect(run.stdout).toMatch(/^::error file=/m);
    expect(run.stdout).toContain(
      '::error title=impact::the plan impacts something at or above --fail-on breaks',
    );
    expect(run.summary).toBe(markdown);
    expect(github.calls).toEqual([
      {
        method: 'GET',
        path: `/repos/${REPO}/issues/${PR}/comments?per_page=100&page=1`,
        authorization: 'Bearer test-token',
        body: undefined,
      },
      {
        method: 'POST',
        path: `/repos/${REPO}/issues/${PR}/comments`,
        authorization: 'Bearer test-token',
        body: { body: markdown },
      },
    ]);
  });

  it('on the next push: updates its comment, found past the first page, and adds none; a glob takes the plans', async () => {
    github = await fakeGitHub(REPO, PR);
    github.comments.push(...others(120), { id: 555, body: `${MARKER}\nold report` }, ...others(3));
    const run = await runAction({ INPUT_PLANS: 'fixtures/estate/plans/harm*.json' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'exit-code': '0',
      impacted: '0',
      worst: '',
      'comment-url': expect.stringMatching(/#issuecomment-555$/),
    });
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=1`,
      `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=2`,
      `PATCH /repos/${REPO}/issues/comments/555`,
    ]);
    expect(github.comments).toHaveLength(124);
    expect(github.comments[120]?.body).toBe(readFileSync(run.outputs['markdown-file'] as string, 'utf8'));
  });

  it('fail-on never passes what breaks; comment false, or no pull request, calls no API', async () => {
    github = await fakeGitHub(REPO, PR);
    const quiet = await runAction({
      INPUT_PLANS: 'fixtures/estate/plans/delete-secret.json',
      INPUT_FAIL_ON: 'never',
      INPUT_COMMENT: 'false',
    });
    expect(quiet.code).toBe(0);
    expect(Number(quiet.outputs.irrecoverable)).toBeGreaterThan(0);
    const push = await runAction(
      { INPUT_PLANS: 'fixtures/estate/plans/delete-secret.json', INPUT_FAIL_ON: 'irrecoverable' },
      'push.json',
    );
    expect(push.code).toBe(1);
    expect(push.outputs['comment-url']).toBeUndefined();
    expect(github.calls).toEqual([]);
  });

  it('exit 2 when nothing could be analysed: no counts, and an earlier comment stops saying all is well', async () => {
    github = await fakeGitHub(REPO, PR);
    github.comments.push({ id: 9, body: `${MARKER}\nnothing impacted` });
    const binary = await runAction({ INPUT_PLANS: 'fixtures/estate/plans/not-a-plan.bin' });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('not-a-plan.bin: this is a binary plan file, not JSON');
    expect(binary.outputs).toEqual({ 'exit-code': '2' });
    expect(binary.stdout).toContain('::error title=impact::impact could not analyse the plans (exit code 2)');
    expect(github.comments).toEqual([
      {
        id: 9,
        body: `${MARKER}\n### ⚠️ impact could not analyse the latest plans (exit code 2)\n\nSee [the job log](https://github.example/${REPO}/actions/runs/42) for why.\n`,
      },
    ]);
    // With no comment yet, nothing is posted; a glob that matches nothing stops before impact runs.
    github.comments.length = 0;
    expect((await runAction({ INPUT_PLANS: 'fixtures/estate/plans/not-a-plan.bin' })).code).toBe(2);
    expect(github.comments).toEqual([]);
    const none = await runAction({ INPUT_PLANS: 'plans/*.json' });
    expect(none).toMatchObject({ code: 2, outputs: { 'exit-code': '2' } });
    expect(none.stdout).toBe('::error title=impact::plans: plans/*.json matches no file\nexit-code=2\n');
  });

  it('a comment the API refuses (a fork’s read-only token) is a warning; the verdict stays impact’s', async () => {
    github = await fakeGitHub(REPO, PR);
    github.refuseWrites = 403;
    const run = await runAction({ INPUT_PLANS: 'fixtures/estate/plans/delete-secret.json' });
    expect(run.code).toBe(1);
    expect(run.outputs['comment-url']).toBeUndefined();
    expect(run.stdout).toContain('::warning title=impact::could not post the PR comment');
    expect(run.stderr).toContain(`POST ${github.url}/repos/${REPO}/issues/${PR}/comments: HTTP 403`);
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { value: string }>;
    runs: {
      using: string;
      steps: { id?: string; env?: Record<string, string>; run?: string; uses?: string }[];
    };
  };

  it('is composite, passes each input to a script, and each output is one the script writes', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual([
      'args',
      'comment',
      'estate',
      'fail-on',
      'plans',
      'sarif',
      'token',
      'version',
    ]);
    const passed = action.runs.steps.flatMap((s) => Object.values(s.env ?? {}));
    for (const name of Object.keys(action.inputs).filter((n) => n !== 'sarif'))
      expect(passed, name).toContain(`\${{ inputs.${name} }}`);
    const written = [
      'exit-code',
      'irrecoverable',
      'breaks',
      'degraded',
      'info',
      'impacted',
      'worst',
      'markdown-file',
      'json-file',
      'sarif-file',
      'annotations-file',
      'comment-url',
    ];
    expect(Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, v.value]))).toEqual(
      Object.fromEntries(written.map((k) => [k, `\${{ steps.run.outputs.${k} }}`])),
    );
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload).toMatchObject({ with: { sarif_file: `\${{ steps.run.outputs.sarif-file }}` } });
  });

  it('install.sh installs the action’s own version by default, a version or a tarball as given', async () => {
    // npm stands in: it records what it is asked to install, and lays out the binary.
    const fake = join(tmp, 'fake-npm');
    mkdirSync(fake, { recursive: true });
    writeFileSync(
      join(fake, 'npm'),
      `#!/bin/sh\necho "npm $*" >> "${tmp}/npm-calls"\nprefix=$4\nmkdir -p "$prefix/bin"\nprintf '#!/bin/sh\\necho impact ${VERSION}\\n' > "$prefix/bin/impact"\nchmod +x "$prefix/bin/impact"\n`,
    );
    chmodSync(join(fake, 'npm'), 0o755);
    const install = async (version: string) => {
      const output = join(tmp, `install-output-${version.replace(/\W/g, '_')}`);
      const run = await runProcess('bash', [join(ROOT, 'scripts/action/install.sh')], {
        cwd: ROOT,
        env: {
          PATH: `${fake}:${dirname(process.execPath)}:/usr/bin:/bin`,
          INPUT_VERSION: version,
          RUNNER_TEMP: tmp,
          GITHUB_OUTPUT: output,
        },
      });
      expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(`impact ${VERSION}\n`) });
      return readFileSync(output, 'utf8');
    };
    expect(await install('')).toBe(`bin=${tmp}/impact-cli/bin/impact\n`);
    await install('v0.3.0');
    await install('./dist/impact-cli-0.1.0.tgz');
    const flags = `-g --prefix ${tmp}/impact-cli --no-audit --no-fund --loglevel error`;
    expect(readFileSync(join(tmp, 'npm-calls'), 'utf8')).toBe(
      [`@impact/cli@${VERSION}`, '@impact/cli@0.3.0', './dist/impact-cli-0.1.0.tgz']
        .map((s) => `npm install ${flags} ${s}\n`)
        .join(''),
    );
  });
});
