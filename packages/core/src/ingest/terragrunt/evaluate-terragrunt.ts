import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';
import { expressionAst } from '../hcl-expression.js';
import { isObject, type Json, type JsonObject } from '../raw-types.js';
import { callFunction } from './terragrunt-functions.js';
import { asText, isRecord, isUnknown, type TgValue, Unknown } from './terragrunt-value.js';

type Ast = TFExpressionSyntaxTree.ExpressionType;

/** The files of the tree a static read sees: `.hcl` texts, and which paths exist. */
export interface TerragruntFiles {
  /** The text of an estate-relative `.hcl` file; undefined when there is none. */
  read(path: string): string | undefined;
  /** Whether an estate-relative file or directory exists. */
  exists(path: string): boolean;
  /** Whether an estate-relative directory holds `.tf` files. */
  hasTerraform(dir: string): boolean;
  /** Parses an HCL file to hcl2json's JSON (cached by the caller); throws on a syntax error. */
  parse(path: string, text: string): Promise<JsonObject>;
}

/**
 * Where an expression is evaluated: its file, the configuration Terragrunt is processing (path
 * functions are relative to it: the unit's, even in a file it includes), the include being
 * evaluated, the file's own locals and the includes the unit exposes.
 */
export interface EvalScope {
  files: TerragruntFiles;
  file: string;
  configPath: string;
  /** The unit Terragrunt was asked to process (`get_original_terragrunt_dir()`), even inside a read config. */
  original: string;
  /** The included file being evaluated for the unit, if any (for `path_relative_to_include()`). */
  include?: string;
  /** The unit's includes, name → file (`''` for a bare `include`). */
  includes: Record<string, string>;
  locals: Locals;
  /** `include.<name>` of an exposed include: its locals and inputs. */
  exposed: Record<string, TgValue>;
  /** Environment variables read through `get_env` with their default assumed. */
  assumed: Set<string>;
  depth: number;
}

/** A file's `locals`, evaluated on first use; a cycle is unknown, not a hang. */
export class Locals {
  private readonly values = new Map<string, Promise<TgValue>>();
  scope: EvalScope | undefined;

  constructor(private readonly raw: JsonObject) {}

  get(name: string): Promise<TgValue> {
    const known = this.values.get(name);
    if (known) return known;
    if (!(name in this.raw) || !this.scope)
      return Promise.resolve(new Unknown(`local.${name} is not defined`));
    this.values.set(name, Promise.resolve(new Unknown(`local.${name} refers to itself`)));
    const value = evaluate(this.raw[name] as Json, this.scope);
    this.values.set(name, value);
    return value;
  }

  async all(): Promise<Record<string, TgValue>> {
    const out: Record<string, TgValue> = {};
    for (const name of Object.keys(this.raw)) out[name] = await this.get(name);
    return out;
  }
}

/** Every `locals` block of a parsed file, as one. */
export function localsOf(json: JsonObject): Locals {
  const raw: JsonObject = {};
  const blocks = Array.isArray(json.locals) ? json.locals : isObject(json.locals) ? [json.locals] : [];
  for (const block of blocks) if (isObject(block)) Object.assign(raw, block);
  return new Locals(raw);
}

/** A value of hcl2json's JSON: literals as they are, `${…}` strings evaluated. */
export async function evaluate(value: Json | undefined, scope: EvalScope): Promise<TgValue> {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const ast = await expressionAst(scope.file, value);
    return ast ? evaluateAst(ast, scope) : new Unknown('an expression that cannot be parsed');
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => evaluate(v, scope)));
  if (isObject(value)) {
    const out: Record<string, TgValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluate(v, scope);
    return out;
  }
  return value;
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };

export async function evaluateAst(ast: Ast, scope: EvalScope): Promise<TgValue> {
  switch (ast.type) {
    case 'literalValue': {
      const { type, value } = ast.meta;
      if (type === 'string') return value;
      if (type === 'number') return Number(value);
      if (type === 'bool') return value === 'true';
      return value === 'null' ? null : new Unknown(`a ${type} literal`);
    }
    case 'template': {
      let out = '';
      for (const part of ast.children) {
        const text = asText(await evaluateAst(part, scope));
        if (isUnknown(text)) return text;
        out += text;
      }
      return out;
    }
    case 'templateWrap':
      return ast.children[0] ? evaluateAst(ast.children[0], scope) : null;
    case 'tuple':
      return Promise.all(ast.children.map((c) => evaluateAst(c, scope)));
    case 'object': {
      const out: Record<string, TgValue> = {};
      for (const [key, source] of Object.entries(ast.meta.items)) {
        const value = await expressionAst(scope.file, `\${${source}}`);
        out[key.replace(/^"(.*)"$/, '$1')] = value
          ? await evaluateAst(value, scope)
          : new Unknown('an object value that cannot be parsed');
      }
      return out;
    }
    case 'scopeTraversal':
      return traverseScope(ast.meta.traversal, scope);
    case 'relativeTraversal': {
      const base = ast.children[0] ? await evaluateAst(ast.children[0], scope) : null;
      return traverse(base, ast.meta.traversal.map(segmentOf));
    }
    case 'index': {
      const [collection, key] = ast.children;
      if (!collection || !key) return new Unknown('an index without a key');
      const k = await evaluateAst(key, scope);
      if (isUnknown(k)) return k;
      const collected = await evaluateAst(collection, scope);
      const found = traverse(collected, [k as string | number]);
      // An index is a computed value (it may be anything, a secret too): the reason never quotes it.
      return isUnknown(found) && !isUnknown(collected) ? new Unknown('an index that is not there') : found;
    }
    case 'function':
      return callFunction(ast.meta.name, ast.children, scope);
    case 'conditional': {
      const [cond, yes, no] = ast.children;
      const c = cond ? await evaluateAst(cond, scope) : null;
      if (typeof c !== 'boolean') return isUnknown(c) ? c : new Unknown('a condition that is not a boolean');
      const branch = c ? yes : no;
      return branch ? evaluateAst(branch, scope) : null;
    }
    case 'binaryOp': {
      const [l, r] = ast.children;
      const a = l ? await evaluateAst(l, scope) : null;
      const b = r ? await evaluateAst(r, scope) : null;
      return binary(ast.meta.operator, a, b);
    }
    case 'unaryOp': {
      const v = ast.children[0] ? await evaluateAst(ast.children[0], scope) : null;
      if (isUnknown(v)) return v;
      if (ast.meta.operator === 'logicalNot' && typeof v === 'boolean') return !v;
      if (ast.meta.operator === 'negate' && typeof v === 'number') return -v;
      return new Unknown(`${ast.meta.operator} of a ${typeof v}`);
    }
    default:
      return new Unknown(`a ${ast.type || 'complex'} expression`);
  }
}

function segmentOf(part: { type: string; segment: string }): string | number {
  if (part.type !== 'indexTraversal') return part.segment;
  const s = part.segment;
  if (s.startsWith('"')) return s.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => STRING_ESCAPES[c] ?? c);
  return Number.isNaN(Number(s)) ? s : Number(s);
}

async function traverseScope(
  parts: readonly { type: string; segment: string }[],
  scope: EvalScope,
): Promise<TgValue> {
  const path = parts.map(segmentOf);
  const [root, name] = path;
  switch (root) {
    case 'local':
      return typeof name === 'string'
        ? traverse(await scope.locals.get(name), path.slice(2))
        : new Unknown('local');
    case 'include': {
      // A named include (`include.root.locals.x`), or the bare one (`include.locals.x`).
      if (typeof name === 'string' && name in scope.exposed)
        return traverse(scope.exposed[name] ?? null, path.slice(2));
      if ('' in scope.exposed) return traverse(scope.exposed[''] ?? null, path.slice(1));
      return new Unknown(`include.${name} is not exposed (expose = true)`);
    }
    case 'dependency':
      return new Unknown(`dependency.${name} outputs are read from its state at plan time`, true);
    case 'values':
      return new Unknown('a stack value (`values`), known once the stack is generated');
    default:
      return new Unknown(`${String(root)} is not known statically`);
  }
}

function traverse(value: TgValue, path: readonly (string | number)[]): TgValue {
  let v = value;
  for (const step of path) {
    if (isUnknown(v)) return v;
    if (Array.isArray(v) && typeof step === 'number')
      v = v[step] ?? new Unknown(`index ${step} out of range`);
    else if (isRecord(v) && String(step) in v) v = v[String(step)] as TgValue;
    else return new Unknown(`no ${String(step)} here`);
  }
  return v;
}

function binary(op: string, a: TgValue, b: TgValue): TgValue {
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  switch (op) {
    case 'equal':
      return JSON.stringify(a) === JSON.stringify(b);
    case 'notEqual':
      return JSON.stringify(a) !== JSON.stringify(b);
    case 'logicalAnd':
      return a === true && b === true;
    case 'logicalOr':
      return a === true || b === true;
    default:
      break;
  }
  if (typeof a !== 'number' || typeof b !== 'number') return new Unknown(`${op} of non-numbers`);
  switch (op) {
    case 'add':
      return a + b;
    case 'subtract':
      return a - b;
    case 'multiply':
      return a * b;
    case 'divide':
      return a / b;
    case 'modulo':
      return a % b;
    case 'greaterThan':
      return a > b;
    case 'greaterThanOrEqual':
      return a >= b;
    case 'lessThan':
      return a < b;
    case 'lessThanOrEqual':
      return a <= b;
    default:
      return new Unknown(`the ${op} operator`);
  }
}
