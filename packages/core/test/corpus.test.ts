import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../src/graph/build-graph.js';
import { toSnapshot } from '../src/graph/snapshot.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import type { Diagnostic } from '../src/model/diagnostic.js';
import type { WorkspaceModel } from '../src/model/estate.js';

// The shared corpus of real public Terraform JSON (read-only, beside the repository).
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const files = ['state', 'plan']
  .flatMap((dir) => readdirSync(join(CORPUS, dir)).map((f) => `${dir}/${f}`))
  .sort();

const SECRET_KEYS = new Set([
  'secret_string',
  'password',
  'master_password',
  'secret',
  'private_key_pem',
  'result',
]);

/** Raw values of attributes that hold secrets, straight from the file, to prove none survives. */
function secretValues(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) secretValues(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (SECRET_KEYS.has(k) && typeof v === 'string' && v.length >= 8 && !v.startsWith('arn:')) out.push(v);
      else secretValues(v, out);
    }
  }
  return out;
}

describe('the shared corpus', () => {
  it('holds the files the manifest lists', () => {
    expect(files.length).toBeGreaterThan(250);
  });

  it.each(files)('%s ingests or is refused with a reason', (file) => {
    const bytes = readFileSync(join(CORPUS, file));
    const diagnostics: Diagnostic[] = [];
    const doc = readTerraformJson(bytes, file, diagnostics);
    if (doc.kind === 'invalid') {
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.file).toBe(file);
        expect(e.message.length).toBeGreaterThan(10);
      }
      return;
    }
    const state = doc.kind === 'state' ? doc.state : (doc.plan.priorState ?? null);
    const ws: WorkspaceModel = { name: 'corpus', backend: null, state, config: null };
    const built = buildGraph({
      source: file,
      workspaces: [ws],
      diagnostics,
      ingestedAt: '2026-01-01T00:00:00Z',
    });
    const snapshot = JSON.stringify(toSnapshot(built, file));
    let raw: unknown;
    try {
      raw = JSON.parse(
        new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-8').decode(bytes).replace(/^\uFEFF/, ''),
      );
    } catch {
      raw = null;
    }
    for (const value of secretValues(raw)) expect(snapshot).not.toContain(value);
  });

  it('refuses the version 1 states and reads the UTF-16 plan', () => {
    const kinds = new Map<string, string>();
    for (const file of files) {
      const d: Diagnostic[] = [];
      kinds.set(file, readTerraformJson(readFileSync(join(CORPUS, file)), file, d).kind);
    }
    const v1 = files.filter((f) => /\.v1\.tfstate$|v1-simple/.test(f));
    expect(v1.length).toBeGreaterThan(0);
    for (const f of v1) expect(kinds.get(f)).toBe('invalid');
    const ingested = [...kinds.values()].filter((k) => k !== 'invalid').length;
    expect(ingested).toBeGreaterThan(240);
  });
});
