import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';
import { type EvalScope, evaluate, evaluateAst, localsOf } from './evaluate-terragrunt.js';
import { firstUnknown, isRecord, isUnknown, type TgValue, Unknown } from './terragrunt-value.js';
import { absolute, dirOf, estatePath, relativePath } from './tg-path.js';

type Ast = TFExpressionSyntaxTree.ExpressionType;

/** Parent folders searched at most, as Terragrunt bounds it. */
const MAX_FOLDERS = 100;
/** `read_terragrunt_config` of a file that reads another…: deeper than this is a cycle. */
const MAX_READ_DEPTH = 8;

/** Functions that run a command, call AWS or read the plan: never known statically. */
const RUNTIME = new Set([
  'run_cmd',
  'sops_decrypt_file',
  'get_aws_account_id',
  'get_aws_account_alias',
  'get_aws_caller_identity_arn',
  'get_aws_caller_identity_user_id',
  'get_terraform_command',
  'get_terraform_cli_args',
  'get_working_dir',
  'get_repo_root',
  'get_path_from_repo_root',
  'get_path_to_repo_root',
  'file',
  'templatefile',
  'fileexists',
  'timestamp',
  'uuid',
]);

/**
 * Terragrunt's and Terraform's functions, as far as a static read can know them: path functions
 * relative to the configuration being processed (as Terragrunt evaluates an included file in the
 * including unit's context), `read_terragrunt_config`, `get_env` with its default, and the string
 * and collection functions configurations use to build names. Anything else is unknown, with why.
 */
export async function callFunction(name: string, args: readonly Ast[], scope: EvalScope): Promise<TgValue> {
  if (RUNTIME.has(name)) return new Unknown(`${name}() runs when Terragrunt does`);
  if (name === 'try') {
    for (const arg of args) {
      const v = await evaluateAst(arg, scope);
      if (!firstUnknown(v)) return v;
    }
    return new Unknown('try() with no argument known statically');
  }
  const values = await Promise.all(args.map((a) => evaluateAst(a, scope)));
  if (name !== 'get_env' && name !== 'read_terragrunt_config' && name !== 'merge' && name !== 'coalesce') {
    const unknown = values.find((v) => firstUnknown(v) !== undefined);
    if (unknown !== undefined) return firstUnknown(unknown) as Unknown;
  }
  const str = (i: number): string =>
    typeof values[i] === 'string' ? (values[i] as string) : String(values[i] ?? '');
  const configDir = dirOf(scope.configPath);
  switch (name) {
    case 'find_in_parent_folders':
      return findInParentFolders(scope, values[0] === undefined ? 'terragrunt.hcl' : str(0), values[1]);
    case 'path_relative_to_include':
    case 'path_relative_from_include': {
      const include = includeOf(scope, values[0] === undefined ? undefined : str(0));
      if (include === undefined) return '.';
      const from = dirOf(include);
      return name === 'path_relative_to_include'
        ? relativePath(from, configDir)
        : relativePath(configDir, from);
    }
    case 'get_terragrunt_dir':
      return absolute(configDir);
    case 'get_original_terragrunt_dir':
      return absolute(dirOf(scope.original));
    case 'get_parent_terragrunt_dir': {
      const include = includeOf(scope, values[0] === undefined ? undefined : str(0));
      return absolute(include === undefined ? configDir : dirOf(include));
    }
    case 'get_env': {
      const variable = str(0);
      if (values.length < 2) return new Unknown(`get_env("${variable}") has no default`);
      scope.assumed.add(variable);
      return values[1] as TgValue;
    }
    case 'read_terragrunt_config':
      return readTerragruntConfig(scope, str(0), values[1]);
    case 'dirname': {
      const p = str(0);
      const i = p.lastIndexOf('/');
      return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
    }
    case 'basename':
      return str(0).slice(str(0).lastIndexOf('/') + 1);
    case 'abspath':
      return str(0);
    case 'lower':
      return str(0).toLowerCase();
    case 'upper':
      return str(0).toUpperCase();
    case 'trimspace':
      return str(0).trim();
    case 'trimprefix':
      return str(0).startsWith(str(1)) ? str(0).slice(str(1).length) : str(0);
    case 'trimsuffix':
      return str(1) !== '' && str(0).endsWith(str(1)) ? str(0).slice(0, -str(1).length) : str(0);
    case 'replace': {
      const [s, what, by] = [str(0), str(1), str(2)];
      const re = /^\/(.*)\/$/.exec(what);
      return re ? s.replace(new RegExp(goRegex(re[1] ?? ''), 'g'), by) : s.split(what).join(by);
    }
    case 'format':
      return format(str(0), values.slice(1));
    case 'join':
      return Array.isArray(values[1])
        ? values[1].map((v) => String(v)).join(str(0))
        : new Unknown('join of a non-list');
    case 'split':
      return str(1).split(str(0));
    case 'element':
    case 'index': {
      const list = values[0];
      const i = values[1];
      if (!Array.isArray(list) || typeof i !== 'number' || list.length === 0)
        return new Unknown(`${name}() out of range`);
      return list[i % list.length] as TgValue;
    }
    case 'lookup': {
      const map = values[0];
      if (isRecord(map) && str(1) in map) return map[str(1)] as TgValue;
      return values.length > 2 ? (values[2] as TgValue) : new Unknown(`lookup of a missing key ${str(1)}`);
    }
    case 'merge': {
      const out: Record<string, TgValue> = {};
      for (const v of values) {
        if (isUnknown(v)) return v;
        if (isRecord(v)) Object.assign(out, v);
      }
      return out;
    }
    case 'concat':
      return values.flatMap((v) => (Array.isArray(v) ? v : []));
    case 'coalesce':
      return (
        values.find((v) => v !== null && v !== '' && !isUnknown(v)) ??
        new Unknown('coalesce() of nothing known')
      );
    case 'length':
      return Array.isArray(values[0])
        ? values[0].length
        : isRecord(values[0])
          ? Object.keys(values[0]).length
          : str(0).length;
    case 'tostring':
      return str(0);
    case 'tonumber':
      return Number(str(0));
    case 'contains':
      return (
        Array.isArray(values[0]) && values[0].some((v) => JSON.stringify(v) === JSON.stringify(values[1]))
      );
    case 'keys':
      return isRecord(values[0]) ? Object.keys(values[0]).sort() : new Unknown('keys() of a non-object');
    case 'regex': {
      const m = new RegExp(goRegex(str(0))).exec(str(1));
      if (!m) return new Unknown('regex() that does not match');
      if (m.groups) return { ...m.groups } as Record<string, TgValue>;
      return m.length > 1 ? m.slice(1) : m[0];
    }
    default:
      return new Unknown(`${name}() is not evaluated statically`);
  }
}

/** Terraform's RE2 named groups (`(?P<env>…)`) in JavaScript's spelling. */
function goRegex(pattern: string): string {
  return pattern.replace(/\(\?P</g, '(?<');
}

function format(spec: string, args: TgValue[]): string {
  let i = 0;
  return spec.replace(/%([%sdvq])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    return verb === 'q' ? JSON.stringify(String(v)) : String(v);
  });
}

/** The include a path function means: the one being evaluated, else the named one, else the only or first. */
function includeOf(scope: EvalScope, name: string | undefined): string | undefined {
  if (scope.include !== undefined) return scope.include;
  if (name !== undefined) return scope.includes[name];
  const all = Object.values(scope.includes);
  return all[0];
}

/**
 * Terragrunt searches from the parent folder of the configuration it processes upwards, for a file
 * or folder of that name (a path, even: `modules/secrets`).
 */
function findInParentFolders(scope: EvalScope, name: string, fallback: TgValue | undefined): TgValue {
  let dir = dirOf(scope.configPath);
  for (let i = 0; i < MAX_FOLDERS; i++) {
    if (dir === '') break;
    dir = dirOf(dir);
    const candidate = dir === '' ? name : `${dir}/${name}`;
    if (scope.files.exists(candidate)) return absolute(candidate);
  }
  return fallback ?? new Unknown(`find_in_parent_folders("${name}") finds nothing in the estate`);
}

/**
 * `read_terragrunt_config(path)`: that file's locals and inputs, evaluated with path functions
 * relative to it (as Terragrunt does); its `dependency` blocks' outputs are unknown.
 */
async function readTerragruntConfig(
  scope: EvalScope,
  path: string,
  fallback: TgValue | undefined,
): Promise<TgValue> {
  if (scope.depth >= MAX_READ_DEPTH) return new Unknown('read_terragrunt_config nested too deep');
  let target = estatePath(path, dirOf(scope.configPath));
  if (target !== null && scope.files.read(target) === undefined && scope.files.exists(target))
    target = target === '' ? 'terragrunt.hcl' : `${target}/terragrunt.hcl`;
  const text = target === null ? undefined : scope.files.read(target);
  if (target === null || text === undefined)
    return (
      fallback ?? new Unknown(`read_terragrunt_config("${path}") reads a file that is not in the estate`)
    );
  let json: Awaited<ReturnType<EvalScope['files']['parse']>>;
  try {
    json = await scope.files.parse(target, text);
  } catch {
    return new Unknown(`${target} cannot be parsed`);
  }
  const locals = localsOf(json);
  const inner: EvalScope = {
    files: scope.files,
    file: target,
    configPath: target,
    original: scope.original,
    includes: {},
    locals,
    exposed: {},
    assumed: scope.assumed,
    depth: scope.depth + 1,
  };
  locals.scope = inner;
  const dependency: Record<string, TgValue> = {};
  const blocks = json.dependency;
  if (blocks && typeof blocks === 'object' && !Array.isArray(blocks))
    for (const dep of Object.keys(blocks))
      dependency[dep] = {
        outputs: new Unknown(`dependency.${dep} read through read_terragrunt_config (${target})`),
      };
  return { locals: await locals.all(), inputs: await evaluate(json.inputs, inner), dependency };
}
