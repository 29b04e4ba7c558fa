import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { REPORTERS, type ReportFormat, type RuleLevel, SEVERITY_ORDER, type Severity } from '@impact/core';
import { MAX_WORKERS } from '@impact/core/node';
import { UsageError } from './exit-codes.js';

export type Command = 'plan' | 'query' | 'ingest' | 'findings' | 'serve' | 'diff' | 'help' | 'version';

/** One report of a run: a format, and the file it goes to (stdout when absent). */
export interface ReportTarget {
  format: ReportFormat;
  file?: string;
}

export interface CliArgs {
  command: Command;
  positionals: string[];
  estate?: string;
  workspace?: string;
  action: 'delete' | 'replace';
  recoveryWindow?: number;
  now: Date;
  /** Every report of the run; at most one goes to stdout. */
  reports: ReportTarget[];
  failOn: Severity | 'never';
  /** Impacts listed at most, worst first (as the API's `limit`); the summary counts them all. */
  limit?: number;
  depth?: number;
  out?: string;
  quiet: boolean;
  /** Ingest worker threads for an estate directory (`--workers`, default 0). */
  workers: number;
  /** findings: per-rule levels from `--rule id=off|warn|error|info`. */
  rules: Record<string, RuleLevel>;
  /** serve: where to listen. */
  host: string;
  port: number;
  /** serve: more Host names to answer for (`--allowed-host`, repeatable, and `$IMPACT_ALLOWED_HOSTS`). */
  allowedHosts: string[];
  /** An estate directory without manifest mirrors this S3 bucket (`--bucket`). */
  bucket?: string;
  /** serve: poll the estate's sources this often, in milliseconds (`--watch 30s`; default off). */
  watchMs?: number;
  /** diff: exit 1 when the two estates differ (default: 0 whenever they were compared). */
  failOnChange: boolean;
  /**
   * serve and ingest: the history store (`--store <dir|postgres://…>`, `$IMPACT_STORE`); serve
   * defaults to `.impact/`, ingest records only when it is given; `--no-store` turns it off.
   */
  store?: string;
  noStore: boolean;
  /** serve: URLs each deletion alert is POSTed to (`--alert-webhook`, repeatable; `$IMPACT_ALERT_WEBHOOK`, comma-separated). */
  alertWebhooks: string[];
}

const COMMANDS = new Set(['plan', 'query', 'ingest', 'findings', 'serve', 'diff']);
/** Commands that take no positional argument. */
const NO_POSITIONALS = new Set(['findings', 'serve']);
const FINDINGS_FORMATS = new Set(['text', 'json', 'markdown', 'sarif']);
const DIFF_FORMATS = new Set(['text', 'json', 'markdown']);
const LEVELS = new Set(['off', 'warn', 'error', 'info']);
const FORMATS = Object.keys(REPORTERS) as ReportFormat[];
/** The API's bounds for `limit` and `depth` (docs/api.md), the same here. */
const MAX_LIST = 5000;
/** Other names people give formats. */
const FORMAT_ALIASES: Record<string, ReportFormat> = { md: 'markdown', txt: 'text', gh: 'github' };

/** The options impact takes, for "did you mean" (kept in step with {@link parse}). */
const OPTION_NAMES = [
  'estate',
  'workspace',
  'action',
  'recovery-window',
  'now',
  'format',
  'output',
  'out',
  'fail-on',
  'limit',
  'depth',
  'quiet',
  'workers',
  'rule',
  'host',
  'port',
  'allowed-host',
  'bucket',
  'watch',
  'fail-on-change',
  'store',
  'no-store',
  'alert-webhook',
  'help',
  'version',
];

/** ` — did you mean X?` for the closest of `choices` within a few edits, else ''. */
function suggest(given: string, choices: readonly string[], lead: string, prefix = ''): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(given.length / 3)) + 1;
  for (const c of choices) {
    const d = distance(given, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : `${lead}${prefix}${best}?`;
}

/** Levenshtein distance (short strings only: flags and command names). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(
        Math.min(
          (previous[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        ),
      );
    previous = row;
  }
  return previous[b.length] as number;
}

/** Node's parseArgs errors, in impact's words, with a suggestion for a mistyped flag. */
function flagError(error: Error & { code?: string }): string {
  const flag = /'(--?[\w-]+)/.exec(error.message)?.[1] ?? '';
  const name = flag.replace(/^-+/, '');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}${suggest(name, OPTION_NAMES, ' — did you mean ', '--')}; see impact --help`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? `${flag} takes no value`
        : `${flag} needs a value; see impact --help`;
    default:
      return `${error.message.split('\n')[0]}; see impact --help`;
  }
}

/**
 * `--depth -1` as `--depth=-1`: a negative number is a value, not a flag, and is then refused by
 * the option's own check in impact's words.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (a.startsWith('--') && !a.includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** A word that is no file and no plan name is a mistyped command, not a plan (`impact qurey x`). */
function looksLikeCommand(word: string): boolean {
  return /^[a-z][a-z-]*$/.test(word) && !existsSync(word);
}

function unknownCommand(word: string): string {
  const commands = [...COMMANDS];
  const hint = suggest(word, commands, ' — did you mean ');
  return `unknown command '${word}'${hint ? hint.replace(/ ([a-z]+)\?$/, " '$1'?") : ''} (the commands are ${commands.join(', ')}; a plan is given as its .json file)`;
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(joinNegativeValues(argv));
  } catch (error) {
    throw new UsageError(flagError(error as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.help) return defaults('help');
  if (values.version) return defaults('version');
  let command: Command = 'plan';
  let rest = positionals;
  if (positionals[0] && COMMANDS.has(positionals[0])) {
    command = positionals[0] as Command;
    rest = positionals.slice(1);
  } else if (positionals[0] === 'help') return defaults('help');
  else if (positionals[0] && looksLikeCommand(positionals[0]))
    throw new UsageError(unknownCommand(positionals[0]));
  if (NO_POSITIONALS.has(command) && rest.length > 0)
    throw new UsageError(`${command} takes no argument (got ${rest[0]}); the estate is --estate`);
  if (command === 'diff' && rest.length !== 2)
    throw new UsageError(
      `diff needs two estates, <old> and <new> (snapshot files or estate directories); got ${rest.length}`,
    );
  if (rest.length === 0 && !NO_POSITIONALS.has(command))
    throw new UsageError(
      `${command} needs ${command === 'query' ? 'a node id, name or ARN' : command === 'ingest' ? 'an estate directory' : 'a plan JSON file'}; see impact --help`,
    );
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now} is not an ISO 8601 time`);
  const reports = reportTargets(values.format ?? [], values.output);
  if (values['recovery-window'] !== undefined) {
    const w = Number(values['recovery-window']);
    if (!Number.isInteger(w) || (w !== 0 && (w < 7 || w > 30)))
      throw new UsageError(
        `--recovery-window ${values['recovery-window']}: Secrets Manager keeps a deleted secret 0 days or 7 to 30 days`,
      );
  }
  if (command === 'ingest' && reports.some((r) => r.format !== 'text' && r.format !== 'json'))
    throw new UsageError('ingest writes text or json only');
  if (command === 'findings' && reports.some((r) => !FINDINGS_FORMATS.has(r.format)))
    throw new UsageError('findings writes text, json, markdown or sarif');
  if (command === 'diff' && reports.some((r) => !DIFF_FORMATS.has(r.format)))
    throw new UsageError('diff writes text, markdown or json');
  if (values['fail-on-change'] && command !== 'diff')
    throw new UsageError('--fail-on-change is for impact diff');
  const rules: Record<string, RuleLevel> = {};
  for (const flag of values.rule ?? []) {
    const [id, level] = flag.split('=');
    if (!id || !level || !LEVELS.has(level))
      throw new UsageError(`--rule ${flag} is not <rule-id>=off|warn|error|info`);
    rules[id] = level as RuleLevel;
  }
  const port = values.port === undefined ? 7300 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port} is not a port number`);
  const failOn = (values['fail-on'] ?? 'breaks') as Severity | 'never';
  if (failOn !== 'never' && !SEVERITY_ORDER.includes(failOn)) {
    throw new UsageError(`--fail-on ${failOn} is not one of ${SEVERITY_ORDER.join(', ')}, never`);
  }
  const action = values.action ?? 'delete';
  if (action !== 'delete' && action !== 'replace')
    throw new UsageError(`--action ${action} is not one of delete, replace`);
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new UsageError(`--${name} ${v} must be a whole number ≥ ${min}`);
    return n;
  };
  const estate = values.estate ?? env.IMPACT_ESTATE;
  const recoveryWindow = int('recovery-window', values['recovery-window'], 0);
  const depth = int('depth', values.depth, 1);
  if (depth !== undefined && depth > 100) throw new UsageError(`--depth ${depth} is more than 100 hops`);
  const limit = int('limit', values.limit, 1);
  if (limit !== undefined && limit > MAX_LIST)
    throw new UsageError(`--limit ${limit} is more than ${MAX_LIST} impacts listed`);
  const workers = int('workers', values.workers, 0) ?? 0;
  const watchMs = values.watch === undefined ? undefined : parseInterval(values.watch);
  if (watchMs !== undefined && command !== 'serve') throw new UsageError('--watch is for impact serve');
  if (values.bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(values.bucket))
    throw new UsageError(`--bucket ${values.bucket} is not an S3 bucket name`);
  if (workers > MAX_WORKERS) throw new UsageError(`--workers ${workers} is more than ${MAX_WORKERS}`);
  const store = values.store ?? (env.IMPACT_STORE || undefined);
  const noStore = values['no-store'] ?? false;
  if (values.store !== undefined && noStore)
    throw new UsageError('--store and --no-store contradict each other');
  if ((values.store !== undefined || noStore) && command !== 'serve' && command !== 'ingest')
    throw new UsageError('--store is for impact serve and impact ingest');
  if (values.store === '') throw new UsageError('--store needs a directory or a postgres:// URL');
  const alertWebhooks = [...(env.IMPACT_ALERT_WEBHOOK ?? '').split(','), ...(values['alert-webhook'] ?? [])]
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if ((values['alert-webhook'] ?? []).length > 0 && command !== 'serve')
    throw new UsageError('--alert-webhook is for impact serve');
  for (const url of alertWebhooks) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {}
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
      throw new UsageError(
        'an alert webhook is not an http(s) URL (--alert-webhook or IMPACT_ALERT_WEBHOOK)',
      );
  }
  if (alertWebhooks.length > 0 && noStore && command === 'serve')
    throw new UsageError('--alert-webhook needs a store: each alert is recorded there so it is sent once');
  return {
    command,
    positionals: rest,
    ...(estate ? { estate } : {}),
    ...(values.workspace ? { workspace: values.workspace } : {}),
    action,
    ...(recoveryWindow !== undefined ? { recoveryWindow } : {}),
    now,
    reports,
    failOn,
    ...(limit !== undefined ? { limit } : {}),
    ...(depth !== undefined ? { depth } : {}),
    ...(values.out ? { out: values.out } : {}),
    quiet: values.quiet ?? false,
    workers,
    rules,
    host: values.host ?? '127.0.0.1',
    port,
    ...(values.bucket !== undefined ? { bucket: values.bucket } : {}),
    ...(watchMs !== undefined ? { watchMs } : {}),
    failOnChange: values['fail-on-change'] ?? false,
    ...(store !== undefined && !noStore ? { store } : {}),
    noStore,
    alertWebhooks,
    allowedHosts: [...(env.IMPACT_ALLOWED_HOSTS ?? '').split(','), ...(values['allowed-host'] ?? [])]
      .map((h) => h.trim())
      .filter((h) => h !== ''),
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--watch 30s` (also `500ms`, `5m`, `1h`, or bare seconds): at least one second, at most a day. */
function parseInterval(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (UNITS[m[2] ?? 's'] as number) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1000 || ms > 86_400_000)
    throw new UsageError(`--watch ${text} is not an interval from 1s to 24h (e.g. 30s, 5m)`);
  return Math.round(ms);
}

/**
 * `--format markdown --format sarif=impact.sarif --format json=impact.json`: each `X=FILE`
 * goes to its file; the one plain format goes to `--output` or stdout (default text).
 */
function reportTargets(formats: string[], output: string | undefined): ReportTarget[] {
  const targets: ReportTarget[] = formats.map((flag) => {
    const at = flag.indexOf('=');
    const given = at < 0 ? flag : flag.slice(0, at);
    const file = at < 0 ? undefined : flag.slice(at + 1);
    const lower = given.toLowerCase();
    const format = FORMAT_ALIASES[lower] ?? lower;
    if (!FORMATS.includes(format as ReportFormat))
      throw new UsageError(
        `--format ${given} is not one of ${FORMATS.join(', ')}${suggest(lower, FORMATS, ' — did you mean ')}`,
      );
    if (file === '') throw new UsageError(`--format ${flag} names no file`);
    return { format: format as ReportFormat, ...(file ? { file } : {}) };
  });
  const plain = targets.filter((t) => !t.file);
  if (plain.length > 1)
    throw new UsageError(
      `only one report can go to ${output ? '--output' : 'stdout'}; write the others with --format <format>=<file>`,
    );
  // With every report in a file, the CI log still gets the text summary.
  if (plain.length === 0) targets.unshift({ format: 'text' });
  const main = targets.find((t) => !t.file);
  if (main && output) main.file = output;
  return targets;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      estate: { type: 'string' },
      workspace: { type: 'string' },
      action: { type: 'string' },
      'recovery-window': { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', multiple: true },
      output: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      limit: { type: 'string' },
      depth: { type: 'string' },
      quiet: { type: 'boolean' },
      workers: { type: 'string' },
      rule: { type: 'string', multiple: true },
      host: { type: 'string' },
      port: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      bucket: { type: 'string' },
      watch: { type: 'string' },
      'fail-on-change': { type: 'boolean' },
      store: { type: 'string' },
      'no-store': { type: 'boolean' },
      'alert-webhook': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function defaults(command: Command): CliArgs {
  return {
    command,
    positionals: [],
    action: 'delete',
    now: new Date(),
    reports: [{ format: 'text' }],
    failOn: 'breaks',
    quiet: true,
    workers: 0,
    rules: {},
    host: '127.0.0.1',
    port: 7300,
    allowedHosts: [],
    failOnChange: false,
    noStore: false,
    alertWebhooks: [],
  };
}
