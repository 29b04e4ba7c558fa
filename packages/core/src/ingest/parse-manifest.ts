import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { TerragruntUnit } from '../model/terragrunt.js';
import type { Value } from '../model/workspace.js';

/** One workspace of `impact.yaml`. */
export interface ManifestEntry {
  name: string;
  state?: string;
  config?: string;
  backend?: Record<string, Value>;
  /** Where the workspace is deployed, for nodes whose ARNs do not say (optional). */
  account?: string;
  region?: string;
  /** Set by discovery, never by the manifest: the workspace is this Terragrunt unit. */
  terragrunt?: TerragruntUnit;
}

/** An entry with where it stands in the manifest, so that later checks can point at it. */
export interface PlacedEntry {
  entry: ManifestEntry;
  /** `workspaces[i]`. */
  index: number;
  line: number;
}

export const MANIFEST = 'impact.yaml';
const KEYS = new Set(['name', 'state', 'config', 'backend', 'account', 'region']);
type TextKey = 'name' | 'state' | 'config' | 'account' | 'region';

/**
 * What YAML's error codes mean, in words of our own: the parser's messages quote the offending
 * line, and that line may hold a credential (`secret_key: "…` with its closing quote missing).
 */
const YAML_PROBLEMS: Record<string, string> = {
  MISSING_CHAR: 'a closing quote or bracket is missing',
  BAD_INDENT: 'the indentation is wrong',
  TAB_AS_INDENT: 'a tab is used for indentation',
  DUPLICATE_KEY: 'a key is repeated',
  UNEXPECTED_TOKEN: 'unexpected character',
  BLOCK_AS_IMPLICIT_KEY: 'a key spans several lines',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
  BAD_DQ_ESCAPE: 'a bad escape in a double-quoted string',
  MULTIPLE_DOCS: 'more than one YAML document',
  BAD_ALIAS: 'an alias names no anchor',
  RESOURCE_EXHAUSTION: 'too many aliases',
};

/**
 * Reads `impact.yaml`: a `workspaces:` list of `{ name, state?, config?, backend? }`. Every
 * problem is an error diagnostic with its line and column and never the text there, so a value
 * on a broken line cannot reach a report, a snapshot or the API. Any error makes the manifest
 * unusable as a whole (`ok: false`): a manifest is not silently replaced by discovery.
 */
export function parseManifest(text: string): {
  ok: boolean;
  entries: PlacedEntry[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineCounter();
  const problem = (offset: number | undefined, message: string) => {
    const { line, col } = lines.linePos(offset ?? 0);
    diagnostics.push(
      diagnostic('error', 'manifest.invalid', `line ${line}, column ${col}: ${message}`, {
        file: MANIFEST,
      }),
    );
  };
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  } catch {
    // The parser's own failure (e.g. nesting too deep for its stack): no position to give.
    return { ok: false, entries: [], diagnostics: [invalid('not valid YAML: it cannot be parsed')] };
  }
  // One error a place: a broken line often trips the parser twice (a quote, then the indentation).
  const places = new Set<string>();
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    if (places.has(`${line}:${col}`)) continue;
    places.add(`${line}:${col}`);
    problem(
      e.pos[0],
      `not valid YAML: ${YAML_PROBLEMS[e.code] ?? e.code.toLowerCase().replaceAll('_', ' ')}`,
    );
  }
  if (diagnostics.length > 0) return { ok: false, entries: [], diagnostics };
  const root = doc.contents;
  const list = isMap(root) ? root.get('workspaces', true) : undefined;
  if (!isSeq(list)) {
    problem(rangeOf(list ?? root), 'needs a `workspaces:` list');
    return { ok: false, entries: [], diagnostics };
  }
  const entries: PlacedEntry[] = [];
  list.items.forEach((item, index) => {
    const where = `workspaces[${index}]`;
    const at = rangeOf(item);
    if (!isMap(item)) {
      problem(at, `${where} is not a mapping of name, state, config and backend`);
      return;
    }
    const entry = readEntry(item, where, problem);
    if (entry) entries.push({ entry, index, line: lines.linePos(at ?? 0).line });
  });
  return { ok: diagnostics.length === 0, entries, diagnostics };
}

function readEntry(
  item: YAMLMap,
  where: string,
  problem: (offset: number | undefined, message: string) => void,
): ManifestEntry | null {
  let fine = true;
  const fail = (node: unknown, message: string) => {
    fine = false;
    problem(rangeOf(node), `${where} ${message}`);
  };
  const entry: Partial<ManifestEntry> = {};
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !KEYS.has(key)) {
      fail(pair.key, 'has an unknown key (the keys are name, state, config, backend, account and region)');
      continue;
    }
    const value = pair.value;
    if (key === 'backend') {
      if (isMap(value)) entry.backend = value.toJSON() as Record<string, Value>;
      else fail(value ?? pair.key, 'has a backend that is not a mapping');
    } else if (isScalar(value) && typeof value.value === 'string' && value.value !== '') {
      entry[key as TextKey] = value.value;
    } else if (key === 'account' && isScalar(value) && typeof value.value === 'number') {
      // YAML reads 012345678901 as a number, and drops its leading zero.
      fail(value, 'has an account id written as a number: quote it (account: "012345678901")');
    } else fail(value ?? pair.key, `has a ${key} that is not a non-empty string`);
  }
  if (entry.name?.includes('::')) fail(item, 'has a name with "::" (node ids use it)');
  if (entry.name === undefined) fail(item, 'needs a name');
  if (entry.state === undefined && entry.config === undefined) fail(item, 'needs a state or a config');
  return fine ? (entry as ManifestEntry) : null;
}

function rangeOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function invalid(reason: string): Diagnostic {
  return diagnostic('error', 'manifest.invalid', reason, { file: MANIFEST });
}
