import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { TerragruntUnit } from '../model/terragrunt.js';
import type { Value } from '../model/workspace.js';
import { parseSourceUrl, type SourceLocation } from '../source/source-url.js';

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

/** A state of a source, as the manifest names it (by its key in the source): what to call it, and its configuration. */
export interface SourceWorkspace {
  key: string;
  name?: string;
  config?: string;
  backend?: Record<string, Value>;
  account?: string;
  region?: string;
}

/** One of `impact.yaml`'s `sources:`: a bucket or an HCP Terraform organization to read states from. */
export interface ManifestSource {
  url: string;
  location: SourceLocation;
  /** A directory (relative to the estate) whose `<workspace>/` sub-directory holds each workspace's `.tf` files. */
  config?: string;
  /** S3: where Terraform keeps other workspaces' states (the backend's `workspace_key_prefix`, default `env:`). */
  workspaceKeyPrefix?: string;
  /** S3: the bucket's region, when the standard chain does not give one. */
  region?: string;
  workspaces: SourceWorkspace[];
  index: number;
  line: number;
}

/** An entry with where it stands in the manifest, so that later checks can point at it. */
export interface PlacedEntry {
  entry: ManifestEntry;
  /** `workspaces[i]`. */
  index: number;
  line: number;
}

export const MANIFEST = 'impact.yaml';
const SOURCE_KEYS = new Set(['url', 'config', 'workspace_key_prefix', 'region', 'workspaces']);
const SOURCE_WORKSPACE_KEYS = new Set(['key', 'name', 'config', 'backend', 'account', 'region']);
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
  sources: ManifestSource[];
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
    return {
      ok: false,
      entries: [],
      sources: [],
      diagnostics: [invalid('not valid YAML: it cannot be parsed')],
    };
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
  if (diagnostics.length > 0) return { ok: false, entries: [], sources: [], diagnostics };
  const root = doc.contents;
  const list = isMap(root) ? root.get('workspaces', true) : undefined;
  const sourceList = isMap(root) ? root.get('sources', true) : undefined;
  if (!isSeq(list) && !isSeq(sourceList)) {
    problem(rangeOf(list ?? sourceList ?? root), 'needs a `workspaces:` or a `sources:` list');
    return { ok: false, entries: [], sources: [], diagnostics };
  }
  if (list !== undefined && !isSeq(list)) problem(rangeOf(list), '`workspaces:` is not a list');
  if (sourceList !== undefined && !isSeq(sourceList))
    problem(rangeOf(sourceList), '`sources:` is not a list');
  const sources: ManifestSource[] = [];
  if (isSeq(sourceList)) {
    sourceList.items.forEach((item, index) => {
      const source = readSource(item, index, problem);
      if (source) sources.push({ ...source, line: lines.linePos(rangeOf(item) ?? 0).line });
    });
  }
  const entries: PlacedEntry[] = [];
  (isSeq(list) ? list.items : []).forEach((item, index) => {
    const where = `workspaces[${index}]`;
    const at = rangeOf(item);
    if (!isMap(item)) {
      problem(at, `${where} is not a mapping of name, state, config and backend`);
      return;
    }
    const entry = readEntry(item, where, problem);
    if (entry) entries.push({ entry, index, line: lines.linePos(at ?? 0).line });
  });
  return { ok: diagnostics.length === 0, entries, sources, diagnostics };
}

type Problem = (offset: number | undefined, message: string) => void;

function readSource(item: unknown, index: number, problem: Problem): Omit<ManifestSource, 'line'> | null {
  const where = `sources[${index}]`;
  if (!isMap(item)) {
    problem(
      rangeOf(item),
      `${where} is not a mapping of url, config, workspace_key_prefix, region and workspaces`,
    );
    return null;
  }
  let fine = true;
  const fail = (node: unknown, message: string) => {
    fine = false;
    problem(rangeOf(node), `${where} ${message}`);
  };
  const text: Record<string, string> = {};
  let workspaces: SourceWorkspace[] = [];
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !SOURCE_KEYS.has(key)) {
      fail(
        pair.key,
        'has an unknown key (the keys are url, config, workspace_key_prefix, region and workspaces)',
      );
      continue;
    }
    const value = pair.value;
    if (key === 'workspaces') {
      if (!isSeq(value)) fail(value ?? pair.key, 'has workspaces that are not a list');
      else
        workspaces = value.items.flatMap((w, i) => {
          const read = readSourceWorkspace(w, `${where}.workspaces[${i}]`, problem);
          if (!read) fine = false;
          return read ? [read] : [];
        });
    } else if (isScalar(value) && typeof value.value === 'string' && value.value !== '')
      text[key] = value.value;
    else fail(value ?? pair.key, `has a ${key} that is not a non-empty string`);
  }
  const url = text.url;
  if (url === undefined) {
    fail(item, 'needs a url (s3://, gs://, azblob://, tfc:// or tfe://)');
    return null;
  }
  const parsed = parseSourceUrl(url);
  if (!parsed.ok) {
    fail(item.get('url', true), `has a url that cannot be used: ${parsed.reason}`);
    return null;
  }
  if (!fine) return null;
  return {
    url,
    location: parsed.location,
    ...(text.config !== undefined ? { config: text.config } : {}),
    ...(text.workspace_key_prefix !== undefined ? { workspaceKeyPrefix: text.workspace_key_prefix } : {}),
    ...(text.region !== undefined ? { region: text.region } : {}),
    workspaces,
    index,
  };
}

function readSourceWorkspace(item: unknown, where: string, problem: Problem): SourceWorkspace | null {
  if (!isMap(item)) {
    problem(rangeOf(item), `${where} is not a mapping of key, name, config, backend, account and region`);
    return null;
  }
  let fine = true;
  const out: Partial<SourceWorkspace> = {};
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = pair.value;
    if (typeof key !== 'string' || !SOURCE_WORKSPACE_KEYS.has(key)) {
      fine = false;
      problem(
        rangeOf(pair.key),
        `${where} has an unknown key (the keys are key, name, config, backend, account and region)`,
      );
    } else if (key === 'backend') {
      if (isMap(value)) out.backend = value.toJSON() as Record<string, Value>;
      else {
        fine = false;
        problem(rangeOf(value ?? pair.key), `${where} has a backend that is not a mapping`);
      }
    } else if (isScalar(value) && typeof value.value === 'string' && value.value !== '') {
      out[key as 'key' | 'name' | 'config' | 'account' | 'region'] = value.value;
    } else {
      fine = false;
      problem(rangeOf(value ?? pair.key), `${where} has a ${key} that is not a non-empty string`);
    }
  }
  if (out.key === undefined) {
    fine = false;
    problem(rangeOf(item), `${where} needs a key (the state's key in the source, or its workspace name)`);
  }
  if (out.name?.includes('::')) {
    fine = false;
    problem(rangeOf(item), `${where} has a name with "::" (node ids use it)`);
  }
  return fine ? (out as SourceWorkspace) : null;
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
