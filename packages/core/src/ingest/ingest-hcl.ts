import { createHash } from 'node:crypto';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { BackendConfig, ConfigBlock, ConfigModel, ConfigReference, Value } from '../model/workspace.js';
import { loadHcl2json } from './hcl-expression.js';
import { identityLiterals } from './identity-literals.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-too-deep.js';
import { KUBERNETES_TYPES, kubernetesFacts } from './kubernetes-facts.js';
import { isObject, type Json, type JsonObject } from './raw-types.js';
import { secretAttributesOf } from './secret-attributes.js';

export interface SourceFile {
  path: string;
  text: string;
}

/** Literal attributes worth keeping: identities and remote-state/backend settings, never values. */
const KEPT_LITERALS = new Set(['name', 'name_prefix', 'secret_id', 'arn', 'backend', 'workspace', 'key_id']);

/** Largest `.tf` file read: configuration is hand-written text, far below this. */
export const MAX_HCL_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Parsed files by the SHA-256 of their text: a re-ingest parses only what changed. Keyed by a
 * cryptographic digest, so two texts never share an entry; bounded, oldest dropped first.
 */
const parseCache = new Map<string, JsonObject>();
const PARSE_CACHE_SIZE = 2000;

/**
 * Reads one configuration directory's `.tf` files through @cdktf/hcl2json. A file with a
 * syntax error is reported and left out; the others still count.
 */
export async function ingestHclFiles(
  dir: string,
  files: SourceFile[],
  diagnostics: Diagnostic[],
): Promise<ConfigModel> {
  const model: ConfigModel = { dir, files: [], blocks: [] };
  for (const file of files) {
    let json: JsonObject;
    try {
      json = await parseCached(file);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^parse config: /, '') : String(error);
      diagnostics.push(
        diagnostic('error', 'hcl.syntax', `HCL could not be parsed: ${reason}`, { file: file.path }),
      );
      continue;
    }
    if (jsonTooDeep(json)) {
      diagnostics.push(
        diagnostic(
          'error',
          'hcl.too-deep',
          `the configuration is nested deeper than ${MAX_JSON_DEPTH} levels`,
          {
            file: file.path,
          },
        ),
      );
      continue;
    }
    model.files.push(file.path);
    await readFile(json, file, model);
  }
  return model;
}

/** One HCL file as hcl2json's JSON, from the cache when the same text was parsed before; throws on a syntax error. */
export function parseHcl(path: string, text: string): Promise<JsonObject> {
  return parseCached({ path, text });
}

async function parseCached(file: SourceFile): Promise<JsonObject> {
  const key = createHash('sha256').update(file.text).digest('base64');
  const hit = parseCache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the one dropped.
    parseCache.delete(key);
    parseCache.set(key, hit);
    return hit;
  }
  const { parse } = await loadHcl2json();
  const json = (await parse(file.path, file.text)) as JsonObject;
  parseCache.set(key, json);
  if (parseCache.size > PARSE_CACHE_SIZE) parseCache.delete(parseCache.keys().next().value as string);
  return json;
}

const BLOCK =
  /^\s*(resource|data|ephemeral|output|variable|module|provider)\s+"?([^"\s{]+)"?(?:\s+"?([^"\s{]+)"?)?/;
const ASSIGNMENT = /^\s*"?([^"\s=]+)"?\s*=/;

/**
 * The first line of every block header (`resource "type" "name"`, `output "name"` …) and of every
 * `name =` line, found in one pass: looking each block up by scanning the file was quadratic in
 * the blocks of a file (20k blocks: 50 s).
 */
function lineIndex(text: string): (key: string) => number {
  const index = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const block = BLOCK.exec(line);
    const key = block
      ? `${block[1]} ${block[2]}${block[3] === undefined ? '' : ` ${block[3]}`}`
      : `= ${ASSIGNMENT.exec(line)?.[1] ?? ''}`;
    if (!index.has(key)) index.set(key, i + 1);
  }
  return (key) => index.get(key) ?? 1;
}

async function readFile(json: JsonObject, file: SourceFile, model: ConfigModel): Promise<void> {
  const lineOf = lineIndex(file.text);
  for (const terraform of asList(json.terraform)) {
    const backend = readBackend(terraform);
    if (backend) model.backend = backend;
    readProviderTypes(terraform, model);
  }
  for (const kind of ['resource', 'data', 'ephemeral'] as const) {
    if (!isObject(json[kind])) continue;
    for (const [type, byName] of Object.entries(json[kind] as JsonObject)) {
      if (!isObject(byName)) continue;
      for (const [name, bodies] of Object.entries(byName)) {
        const body = asList(bodies)[0] ?? {};
        const address = `${kind === 'resource' ? '' : `${kind}.`}${type}.${name}`;
        const secretAttrs = new Set(
          kind === 'ephemeral' ? [] : secretAttributesOf(kind === 'data' ? 'data' : 'managed', type),
        );
        const block: ConfigBlock = {
          address,
          kind,
          type,
          name,
          file: file.path,
          line: lineOf(`${kind} ${type} ${name}`),
          references: await references(file.path, body, ''),
          literals: literals(body, secretAttrs),
        };
        // A write-only argument (`password_wo`, in a nested block too) keeps its value out of state by
        // design; a literal there is still one in the code.
        const writeOnly = writeOnlyArguments(body);
        if (kind === 'resource' && writeOnly.size > 0) block.writeOnly = [...writeOnly.keys()].sort();
        const hardcoded = [
          ...[...secretAttrs].filter((a) => typeof body[a] === 'string' && !String(body[a]).includes('${')),
          ...[...writeOnly].filter(([, literal]) => literal).map(([path]) => path),
        ];
        if (hardcoded.length > 0) block.hardcodedSecrets = hardcoded;
        if (kind === 'resource' && KUBERNETES_TYPES[type] !== undefined) {
          const facts = await kubernetesFacts(file.path, type, body);
          if (facts) block.kubernetes = facts;
        }
        model.blocks.push(block);
      }
    }
  }
  for (const [name, bodies] of Object.entries(isObject(json.provider) ? json.provider : {})) {
    for (const body of asList(bodies)) {
      const alias = typeof body.alias === 'string' && !body.alias.includes('${') ? body.alias : '';
      const { alias: _alias, ...settings } = body;
      model.blocks.push({
        address: `provider.${name}${alias ? `.${alias}` : ''}`,
        kind: 'provider',
        type: name,
        name: alias || name,
        file: file.path,
        line: lineOf(`provider ${name}`),
        references: await references(file.path, settings, ''),
        literals: {},
      });
    }
  }
  for (const [name, bodies] of Object.entries(isObject(json.output) ? json.output : {})) {
    const body = asList(bodies)[0] ?? {};
    model.blocks.push({
      address: `output.${name}`,
      kind: 'output',
      name,
      file: file.path,
      line: lineOf(`output ${name}`),
      references: await references(file.path, { value: body.value ?? null }, ''),
      literals: {},
      ...(body.sensitive === true ? { sensitive: true } : {}),
    });
  }
  for (const [name, bodies] of Object.entries(isObject(json.variable) ? json.variable : {})) {
    const body = asList(bodies)[0] ?? {};
    model.blocks.push({
      address: `var.${name}`,
      kind: 'variable',
      name,
      file: file.path,
      line: lineOf(`variable ${name}`),
      references: [],
      literals: {},
      ...(body.sensitive === true ? { sensitive: true } : {}),
      ...(body.ephemeral === true ? { ephemeral: true } : {}),
    });
  }
  for (const locals of asList(json.locals)) {
    for (const [name, value] of Object.entries(locals)) {
      const identities = identityLiterals(name, value);
      model.blocks.push({
        address: `local.${name}`,
        kind: 'local',
        name,
        file: file.path,
        line: lineOf(`= ${name}`),
        references: await references(file.path, { value }, ''),
        // A local's identity (`secret_name = "prod/orders/db"`), keyed `value`; never any other literal.
        literals: Object.fromEntries(
          Object.entries(identities).map(([k, v]) => [`value${k.slice(name.length)}`, v]),
        ),
      });
    }
  }
  for (const [name, bodies] of Object.entries(isObject(json.module) ? json.module : {})) {
    const body = asList(bodies)[0] ?? {};
    const inputs: Record<string, string> = {};
    for (const [input, value] of Object.entries(body)) {
      if (!META_ARGUMENTS.has(input)) identityLiterals(input, value, inputs);
    }
    model.blocks.push({
      address: `module.${name}`,
      kind: 'module',
      name,
      file: file.path,
      line: lineOf(`module ${name}`),
      references: await references(file.path, body, ''),
      literals: inputs,
      ...(typeof body.source === 'string' ? { source: body.source } : {}),
    });
  }
}

/** Write-only arguments of a body and its nested blocks, by path, and whether each is a literal. */
function writeOnlyArguments(
  body: JsonObject,
  path = '',
  out = new Map<string, boolean>(),
): Map<string, boolean> {
  for (const [key, value] of Object.entries(body)) {
    const at = path ? `${path}.${key}` : key;
    if (key.endsWith('_wo')) out.set(at, typeof value === 'string' && !value.includes('${'));
    else for (const nested of asList(value)) writeOnlyArguments(nested, at, out);
  }
  return out;
}

/** A module call's arguments that are not inputs. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** `required_providers` local names whose source type differs (`pg = { source = "cyrilgdn/postgresql" }`). */
function readProviderTypes(terraform: JsonObject, model: ConfigModel): void {
  for (const required of asList(terraform.required_providers)) {
    for (const [local, spec] of Object.entries(required)) {
      const source = isObject(spec) && typeof spec.source === 'string' ? spec.source : undefined;
      const type = source?.slice(source.lastIndexOf('/') + 1).toLowerCase();
      if (type && type !== local) model.providerTypes = { ...model.providerTypes, [local]: type };
    }
  }
}

function asList(value: Json | undefined): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

function readBackend(terraform: JsonObject): BackendConfig | undefined {
  if (isObject(terraform.backend)) {
    for (const [type, bodies] of Object.entries(terraform.backend)) {
      return { type, config: literalTree(asList(bodies)[0] ?? {}) };
    }
  }
  const cloud = asList(terraform.cloud)[0];
  if (cloud) {
    const ws = asList(cloud.workspaces)[0] ?? {};
    return {
      type: 'remote',
      config: literalTree({
        organization: cloud.organization ?? null,
        workspaces: ws,
        hostname: cloud.hostname ?? null,
      }),
    };
  }
  return undefined;
}

/** Keeps only literal values (an expression is not a value we know). */
function literalTree(body: JsonObject): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' && v.includes('${')) continue;
    if (isObject(v)) out[k] = literalTree(v);
    else if (Array.isArray(v)) out[k] = v.filter(isObject).map(literalTree);
    else out[k] = v as Value;
  }
  return out;
}

function literals(body: JsonObject, secretAttrs: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (secretAttrs.has(k) || !KEPT_LITERALS.has(k)) continue;
    if (typeof v === 'string' && !v.includes('${')) out[k] = v;
  }
  const config = body.config;
  if (isObject(config)) {
    for (const [k, v] of Object.entries(literalTree(config))) {
      if (typeof v === 'string') out[`config.${k}`] = v;
    }
  }
  return out;
}

async function references(file: string, body: Json, path: string): Promise<ConfigReference[]> {
  const out: ConfigReference[] = [];
  const walk = async (node: Json, at: string): Promise<void> => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return;
      try {
        const { getReferencesInExpression } = await loadHcl2json();
        for (const ref of await getReferencesInExpression(file, node))
          out.push({ attribute: at, ref: ref.value });
      } catch {
        // An expression hcl2json cannot take apart has no references we can trust; the block still counts.
      }
    } else if (Array.isArray(node)) {
      for (const item of node) await walk(item, at);
    } else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) await walk(v, at ? `${at}.${k}` : k);
    }
  };
  await walk(body, path);
  return out;
}
