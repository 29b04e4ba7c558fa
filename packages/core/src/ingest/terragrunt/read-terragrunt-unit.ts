import { type Diagnostic, diagnostic } from '../../model/diagnostic.js';
import type { TerragruntDependency, TerragruntInput } from '../../model/terragrunt.js';
import type { Value } from '../../model/workspace.js';
import { loadHcl2json } from '../hcl-expression.js';
import { identityLiterals } from '../identity-literals.js';
import { isObject, type Json, type JsonObject } from '../raw-types.js';
import { type EvalScope, evaluate, localsOf, type TerragruntFiles } from './evaluate-terragrunt.js';
import { firstUnknown, isRecord, type TgValue, type Unknown } from './terragrunt-value.js';
import { dirOf, ESTATE_ROOT, estatePath } from './tg-path.js';

/** What a static read of one unit finds: its dependencies and inputs, its backend, its Terraform. */
export interface UnitRead {
  /** The files it includes. */
  includes: string[];
  dependencies: TerragruntDependency[];
  inputs: TerragruntInput[];
  /** The backend (`type` and the settings that locate the state), when it can be evaluated. */
  backend?: Record<string, Value>;
  /** `terraform { source }` as evaluated, when it is known. */
  source?: string;
  /** The Terraform it runs, when it is on disk in the estate: its source, or the unit's own directory. */
  configDir?: string;
}

/** Backend settings that locate a state; credentials are never read. */
const LOCATION = new Set([
  'bucket',
  'key',
  'region',
  'prefix',
  'workspace_key_prefix',
  'storage_account_name',
  'container_name',
  'organization',
  'hostname',
  'workspaces',
  'path',
]);

/** A Terraform source Terragrunt downloads rather than reads from disk. */
const REMOTE_SOURCE = /^(git::|git@|hg::|s3::|gcs::|tfr:|https?:\/\/|github\.com\/|bitbucket\.org\/)/;

interface Part {
  file: string;
  json: JsonObject;
  scope: EvalScope;
}

/**
 * Reads one Terragrunt unit (`terragrunt.hcl`) with the files it includes, as Terragrunt would
 * evaluate them for it (path functions relative to the unit, each file its own locals, exposed
 * includes as `include.<name>`): the `dependency` blocks (`mock_outputs` are placeholders, not
 * read), which `inputs` carry which dependency outputs, the `remote_state` (or a generated
 * `backend` block) that locates its state, and its `terraform { source }`. What cannot be
 * evaluated statically is said in a diagnostic naming the file, and the rest is kept.
 */
export async function readTerragruntUnit(
  unitFile: string,
  files: TerragruntFiles,
  diagnostics: Diagnostic[],
): Promise<UnitRead> {
  const read: UnitRead = { includes: [], dependencies: [], inputs: [] };
  const unitDir = dirOf(unitFile);
  const assumed = new Set<string>();
  const unknown = (file: string, what: string, why: Unknown | string) =>
    diagnostics.push(
      diagnostic(
        'warning',
        'terragrunt.unevaluated',
        `${what} cannot be evaluated statically (${typeof why === 'string' ? why : why.why}); the rest of the unit is kept`,
        { file },
      ),
    );
  const unit = await parseFile(unitFile, files, diagnostics);
  if (!unit) return read;
  const scopeOf = (file: string, json: JsonObject, include?: string): EvalScope => {
    const locals = localsOf(json);
    const scope: EvalScope = {
      files,
      file,
      configPath: unitFile,
      original: unitFile,
      ...(include !== undefined ? { include } : {}),
      includes: {},
      locals,
      exposed: {},
      assumed,
      depth: 0,
    };
    locals.scope = scope;
    return scope;
  };
  const own: Part = { file: unitFile, json: unit, scope: scopeOf(unitFile, unit) };
  const parts: Part[] = [];
  for (const [name, body] of labelled(unit.include)) {
    const path = await evaluate(body.path, own.scope);
    const file = typeof path === 'string' ? estatePath(path, unitDir) : null;
    if (file === null || files.read(file) === undefined) {
      unknown(
        unitFile,
        `include "${name}"`,
        typeof path === 'string' ? `${path} is not in the estate` : (firstUnknown(path) ?? 'no path'),
      );
      continue;
    }
    const json = await parseFile(file, files, diagnostics);
    if (!json) continue;
    own.scope.includes[name] = file;
    read.includes.push(file);
    const part: Part = { file, json, scope: scopeOf(file, json, file) };
    part.scope.includes = own.scope.includes;
    parts.push(part);
    if (body.expose === true) {
      own.scope.exposed[name] = {
        locals: await part.scope.locals.all(),
        inputs: await evaluate(part.json.inputs, part.scope),
      };
    }
  }
  // The unit's own blocks win over its includes'; the last include over the ones before.
  const ordered = [...parts, own];
  await readBackend(ordered, read, unknown, files);
  await readSource(ordered, read, unitDir, files, unknown);
  await readDependencies(ordered, read, unitDir, unknown);
  await readInputs(ordered, read, diagnostics);
  if (assumed.size > 0)
    diagnostics.push(
      diagnostic(
        'info',
        'terragrunt.env-default',
        `read with the defaults of get_env for ${[...assumed].sort().join(', ')}: set in the environment, they may name another backend`,
        { file: unitFile },
      ),
    );
  return read;
}

type Report = (file: string, what: string, why: Unknown | string) => void;

async function parseFile(
  file: string,
  files: TerragruntFiles,
  diagnostics: Diagnostic[],
): Promise<JsonObject | null> {
  const text = files.read(file);
  if (text === undefined) return null;
  try {
    return await files.parse(file, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^parse config: /, '') : String(error);
    diagnostics.push(diagnostic('error', 'hcl.syntax', `HCL could not be parsed: ${reason}`, { file }));
    return null;
  }
}

/** A block's bodies by label: `include "root" {}` → `root`; a bare `include {}` → `''`. */
function labelled(value: Json | undefined): [string, JsonObject][] {
  if (Array.isArray(value)) return value.filter(isObject).map((b) => ['', b]);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([name, bodies]) =>
    (Array.isArray(bodies) ? bodies : [bodies])
      .filter(isObject)
      .map((b) => [name, b] as [string, JsonObject]),
  );
}

function bodies(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : [];
}

async function readBackend(
  parts: Part[],
  read: UnitRead,
  unknown: Report,
  files: TerragruntFiles,
): Promise<void> {
  const owner = [...parts].reverse().find((p) => bodies(p.json.remote_state).length > 0);
  if (owner) {
    const body = bodies(owner.json.remote_state)[0] as JsonObject;
    const type = await evaluate(body.backend, owner.scope);
    const config = await evaluate(body.config, owner.scope);
    if (typeof type !== 'string')
      return unknown(owner.file, 'remote_state.backend', firstUnknown(type) ?? 'no backend');
    read.backend = locationOf(type, config, owner.file, unknown, dirOf(owner.scope.configPath));
    return;
  }
  // No remote_state: a `generate` block may write the backend (`terraform { backend "s3" { … } }`).
  for (const part of [...parts].reverse()) {
    for (const [name, body] of labelled(part.json.generate)) {
      const contents = await evaluate(body.contents, part.scope);
      if (typeof contents !== 'string') {
        if (typeof body.contents === 'string' && body.contents.includes('backend'))
          unknown(part.file, `generate "${name}"`, firstUnknown(contents) ?? 'no contents');
        continue;
      }
      if (!/\bbackend\s+"/.test(contents)) continue;
      let json: JsonObject;
      try {
        json = await files.parse(`${part.file}#generate.${name}`, contents);
      } catch {
        continue;
      }
      for (const terraform of bodies(json.terraform)) {
        const [type, settings] =
          Object.entries(isObject(terraform.backend) ? terraform.backend : {})[0] ?? [];
        if (type === undefined) continue;
        read.backend = locationOf(
          type,
          bodies(settings)[0] ?? {},
          part.file,
          unknown,
          dirOf(part.scope.configPath),
        );
        return;
      }
    }
  }
}

function locationOf(
  type: string,
  config: TgValue | JsonObject,
  file: string,
  unknown: Report,
  unitDir: string,
): Record<string, Value> | undefined {
  const out: Record<string, Value> = { type };
  if (!isRecord(config as TgValue)) return out;
  for (const [k, v] of Object.entries(config as Record<string, TgValue>)) {
    if (!LOCATION.has(k)) continue;
    const u = firstUnknown(v);
    if (u) {
      unknown(file, `remote_state.config.${k}`, u);
      return undefined;
    }
    // A path Terragrunt's functions made, or a local backend's relative to the unit: relative to the estate.
    if (typeof v === 'string' && (v.startsWith(ESTATE_ROOT) || (type === 'local' && k === 'path')))
      out[k] = estatePath(v, unitDir) ?? v;
    else out[k] = v as Value;
  }
  return out;
}

async function readSource(
  parts: Part[],
  read: UnitRead,
  unitDir: string,
  files: TerragruntFiles,
  unknown: Report,
): Promise<void> {
  const owner = [...parts]
    .reverse()
    .find((p) => bodies(p.json.terraform).some((t) => t.source !== undefined));
  if (!owner) {
    // Without a source, Terragrunt runs Terraform in the unit's own directory.
    if (files.hasTerraform(unitDir)) read.configDir = unitDir;
    return;
  }
  const body = bodies(owner.json.terraform).find((t) => t.source !== undefined) as JsonObject;
  const source = await evaluate(body.source, owner.scope);
  if (typeof source !== 'string')
    return unknown(owner.file, 'terraform.source', firstUnknown(source) ?? 'not a string');
  if (REMOTE_SOURCE.test(source)) {
    read.source = source;
    return;
  }
  // A local source: `../../modules//app` is the directory `../../modules/app`; `?ref=` is for remote ones.
  const path = source.replace(/\?.*$/, '').replace(/\/\/+/g, '/');
  const dir = estatePath(path, unitDir);
  read.source = dir ?? source;
  if (dir !== null && files.hasTerraform(dir)) read.configDir = dir;
}

async function readDependencies(
  parts: Part[],
  read: UnitRead,
  unitDir: string,
  unknown: Report,
): Promise<void> {
  const seen = new Map<string, TerragruntDependency>();
  for (const part of parts) {
    const text = part.scope.files.read(part.file) ?? '';
    for (const [name, body] of labelled(part.json.dependency)) {
      const path = await evaluate(body.config_path, part.scope);
      const dependency: TerragruntDependency = { name, file: part.file, line: lineOf(text, name) };
      const dir = typeof path === 'string' ? estatePath(path, unitDir) : null;
      if (dir !== null) dependency.configPath = dir;
      else
        unknown(
          part.file,
          `dependency "${name}" config_path`,
          typeof path === 'string' ? `${path} is outside the estate` : (firstUnknown(path) ?? 'none'),
        );
      seen.set(name, dependency);
    }
  }
  read.dependencies = [...seen.values()];
}

function lineOf(text: string, name: string): number {
  const lines = text.split('\n');
  const at = lines.findIndex((l) =>
    new RegExp(`^\\s*dependency\\s+"${name.replace(/[^\w-]/g, '')}"`).test(l),
  );
  return at < 0 ? 1 : at + 1;
}

const DEPENDENCY_OUTPUT = /^dependency\.([^.]+)\.outputs\.([^.[]+)/;

/**
 * Each input and the dependency outputs its expression reads, from the includes' inputs and the
 * unit's (which win). An `inputs` built by a function (`merge(…)`) is read as a whole: its
 * dependency outputs are the unit's, not any one input's.
 */
async function readInputs(parts: Part[], read: UnitRead, diagnostics: Diagnostic[]): Promise<void> {
  const inputs = new Map<string, TerragruntInput>();
  const { getReferencesInExpression } = await loadHcl2json();
  const refsOf = async (file: string, value: Json): Promise<string[]> => {
    const out: string[] = [];
    const walk = async (v: Json): Promise<void> => {
      if (typeof v === 'string' && v.includes('${')) {
        try {
          for (const r of await getReferencesInExpression(file, v)) out.push(r.value);
        } catch {
          // An expression hcl2json cannot take apart reads nothing we can trust.
        }
      } else if (Array.isArray(v)) for (const x of v) await walk(x);
      else if (isObject(v)) for (const x of Object.values(v)) await walk(x);
    };
    await walk(value);
    return out;
  };
  for (const part of parts) {
    const raw = part.json.inputs;
    const entries: [string, Json][] = isObject(raw)
      ? Object.entries(raw)
      : raw === undefined
        ? []
        : [['', raw]];
    if (!isObject(raw) && raw !== undefined) {
      // Built by a function (`merge(…)`): its keys, and their literal identities, when it evaluates.
      const value = await evaluate(raw, part.scope);
      const why = firstUnknown(value);
      if (why && !why.dependency)
        diagnostics.push(
          diagnostic(
            'warning',
            'terragrunt.unevaluated',
            `inputs cannot be evaluated statically (${why.why}); the rest of the unit is kept`,
            { file: part.file },
          ),
        );
      if (isRecord(value))
        for (const [k, v] of Object.entries(value)) if (!firstUnknown(v)) entries.push([k, v as Json]);
    }
    for (const [name, value] of entries) {
      const reads: TerragruntInput['reads'] = [];
      for (const ref of await refsOf(part.file, value)) {
        const m = DEPENDENCY_OUTPUT.exec(ref);
        if (m) reads.push({ dependency: m[1] as string, output: (m[2] as string).replace(/^"|"$/g, '') });
        else if (/\.dependency\.[^.]+\.outputs\b/.test(ref))
          diagnostics.push(
            diagnostic(
              'warning',
              'terragrunt.unevaluated',
              `${ref} reads a dependency declared in a file read by read_terragrunt_config: not followed statically`,
              { file: part.file },
            ),
          );
      }
      if (name === '' && reads.length > 0)
        diagnostics.push(
          diagnostic(
            'info',
            'terragrunt.inputs-not-literal',
            'inputs is built by a function: the dependency outputs it reads are the unit’s, not any one input’s',
            { file: part.file },
          ),
        );
      if (name === '' && reads.length === 0) continue;
      const literals = name === '' ? [] : Object.values(identityLiterals(name, value));
      inputs.set(name, { name, reads: dedupe(reads), literals });
    }
  }
  read.inputs = [...inputs.values()];
}

function dedupe(reads: TerragruntInput['reads']): TerragruntInput['reads'] {
  const seen = new Set<string>();
  return reads.filter((r) => {
    const key = `${r.dependency}.${r.output}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
