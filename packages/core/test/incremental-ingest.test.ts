import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { snapshotLines } from '../src/graph/snapshot.js';
import type { Linker } from '../src/link/link-context.js';
import { LINKERS } from '../src/link/linkers.js';
import { directoryProvider } from '../src/node/directory-provider.js';
import { createEstateIngest, type IngestOutcome } from '../src/node/estate-ingest.js';
import { loadEstate } from '../src/node/load-estate.js';

const FIXTURE = new URL('../../../fixtures/estate', import.meta.url).pathname;
const TERRAGRUNT = new URL('../../../fixtures/terragrunt', import.meta.url).pathname;
const AT = new Date('2026-01-01T00:00:00Z');

/** The graph as a snapshot writes it, in order (the header's source and time fixed). */
function lines(built: BuiltGraph): string[] {
  return [...snapshotLines(built, 'estate', AT)];
}

/**
 * The graph as a snapshot writes it, nodes and edges sorted: a graph patched in place holds what a
 * build holds, in another order (the header — counts and diagnostics — is compared as it is).
 */
function sorted(built: BuiltGraph): string[] {
  const [header, ...rest] = lines(built);
  return [header as string, ...rest.sort()];
}

function graphOf(outcome: IngestOutcome): BuiltGraph {
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome.built;
}

async function fullIngest(dir: string): Promise<BuiltGraph> {
  const loaded = await loadEstate(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.built;
}

type StateJson = {
  serial: number;
  resources: {
    mode: string;
    type: string;
    name: string;
    instances: { attributes: Record<string, unknown> }[];
  }[];
};

function edit(file: string, change: (state: StateJson) => void): void {
  const state = JSON.parse(readFileSync(file, 'utf8')) as StateJson;
  change(state);
  state.serial++;
  writeFileSync(file, JSON.stringify(state));
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'impact-incremental-'));
  dirs.push(dir);
  cpSync(FIXTURE, join(dir, 'estate'), { recursive: true });
  return join(dir, 'estate');
}

describe('incremental ingest', () => {
  it('builds the fixture estate edge for edge as a full ingest does', async () => {
    const ingest = createEstateIngest({ name: FIXTURE, providers: [directoryProvider(FIXTURE)] });
    const first = await ingest.ingest();
    expect(lines(graphOf(first))).toEqual(lines(await fullIngest(FIXTURE)));
    const again = await ingest.ingest();
    expect(again.ok && again.changed).toBe(false);
    expect(again.ok && again.built).toBe(graphOf(first));
    expect(first.ok && first.summary.patched).toBe(false);
  });

  it('after each change reads only what changed and gives the graph a full ingest gives', async () => {
    const dir = copyOfFixture();
    const states = join(dir, 'acme-tfstate');
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    graphOf(await ingest.ingest());
    const step = async (expectFetched: number) => {
      const outcome = await ingest.ingest();
      expect(sorted(graphOf(outcome))).toEqual(sorted(await fullIngest(dir)));
      expect(outcome.ok && outcome.summary.fetched).toBe(expectFetched);
      expect(outcome.ok && outcome.summary.patched).toBe(true);
      return outcome.ok ? outcome.summary : null;
    };
    // A consumer starts naming a secret in an attribute: its identities do not change.
    edit(join(states, 'apps/orders-worker.tfstate'), (s) => {
      const role = s.resources.find((r) => r.type === 'aws_iam_role');
      const attributes = role?.instances[0]?.attributes ?? {};
      attributes.description =
        'reads arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token-LdG7x2';
    });
    const local = await step(1);
    expect(local?.relinked).toBe(1);
    // The producer deletes a secret others name: those consumers are linked again.
    edit(join(states, 'platform/secrets.tfstate'), (s) => {
      s.resources = s.resources.filter((r) => r.name !== 'ledger_token');
    });
    const deleted = await step(1);
    expect(deleted?.reread).toBeGreaterThan(0);
    expect(deleted?.relinked).toBeLessThan(deleted?.workspaces ?? 0);
    // And creates it again under a new suffix.
    edit(join(states, 'platform/secrets.tfstate'), (s) => {
      s.resources.push({
        mode: 'managed',
        type: 'aws_secretsmanager_secret',
        name: 'ledger_token',
        instances: [
          {
            attributes: {
              arn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/ledger/token-New123',
              name: 'prod/ledger/token',
              recovery_window_in_days: 7,
            },
          },
        ],
      });
    });
    await step(1);
    // A state that no longer parses stays a diagnostic, as in a full ingest.
    writeFileSync(join(states, 'shared/network.tfstate'), '{ "version": 4, ');
    await step(1);
  });

  it('follows states added and removed in a directory without manifest', async () => {
    const dir = copyOfFixture();
    unlinkSync(join(dir, 'impact.yaml'));
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    graphOf(await ingest.ingest());
    cpSync(
      join(dir, 'acme-tfstate/apps/checkout.tfstate'),
      join(dir, 'acme-tfstate/apps/checkout-eu.tfstate'),
    );
    const added = await ingest.ingest();
    expect(sorted(graphOf(added))).toEqual(sorted(await fullIngest(dir)));
    unlinkSync(join(dir, 'acme-tfstate/platform/secrets.tfstate'));
    const removed = await ingest.ingest();
    expect(sorted(graphOf(removed))).toEqual(sorted(await fullIngest(dir)));
    expect(removed.ok && removed.summary.removed).toBe(1);
    const held = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.tfstate')).length;
    // A listing that suddenly holds nothing is not taken as the estate.
    rmSync(join(dir, 'acme-tfstate'), { recursive: true, force: true });
    rmSync(join(dir, 'tfc'), { recursive: true, force: true });
    const empty = await ingest.ingest();
    expect(!empty.ok && empty.diagnostics.map((d) => d.code)).toEqual(['source.partial']);
    expect(!empty.ok && empty.diagnostics[0]?.message).toContain(`listed no state where it held ${held}:`);
  });

  it('re-reads a Terragrunt unit whose terragrunt.hcl changed, though its Terraform and state did not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-incremental-tg-'));
    dirs.push(dir);
    cpSync(TERRAGRUNT, dir, { recursive: true });
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    graphOf(await ingest.ingest());
    // The worker runs Terraform from git (no configuration on disk): only its terragrunt.hcl says
    // it reads the secrets unit.
    const unit = join(dir, 'prod/eu-west-1/worker/terragrunt.hcl');
    writeFileSync(
      unit,
      readFileSync(unit, 'utf8').replace('dependency.secrets.outputs.api_token_arn', '"x"'),
    );
    const outcome = await ingest.ingest();
    expect(sorted(graphOf(outcome))).toEqual(sorted(await fullIngest(dir)));
    expect(outcome.ok && outcome.summary.fetched).toBe(1);
    expect(outcome.ok && outcome.summary.patched).toBe(true);
  });

  it('undoes a patch that fails half-way, and builds the graph anew', async () => {
    const dir = copyOfFixture();
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    const first = graphOf(await ingest.ingest());
    const before = sorted(first);
    edit(join(dir, 'acme-tfstate/apps/checkout.tfstate'), (s) => {
      s.resources = s.resources.slice(1);
    });
    // A linker that fails after the patch has taken the workspace out and linked part of it again.
    const linkers = LINKERS as Linker[];
    let calls = 0;
    linkers.push({
      name: 'fails',
      unit: 'estate',
      run: () => {
        // Fails where the patch runs it (first), not where the graph is then built anew.
        if (++calls === 1) throw new Error('a linker failed');
      },
    });
    let outcome: Awaited<ReturnType<typeof ingest.ingest>>;
    try {
      outcome = await ingest.ingest();
    } finally {
      linkers.pop();
    }
    expect(calls).toBeGreaterThan(1);
    // The patch was undone (the graph a reader held is whole), then the graph was built anew.
    expect(outcome.ok && outcome.summary.patched).toBe(false);
    expect(sorted(graphOf(outcome))).toEqual(sorted(await fullIngest(dir)));
    expect(sorted(graphOf(outcome))).not.toEqual(before);
    expect(graphOf(outcome).graph).not.toBe(first.graph);
    expect(sorted(first)).toEqual(before);
  });

  it('keeps the last good graph out of a directory that vanished, naming it', async () => {
    const dir = copyOfFixture();
    const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
    graphOf(await ingest.ingest());
    rmSync(dir, { recursive: true, force: true });
    const gone = await ingest.ingest();
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.diagnostics[0]?.message).toContain(dir);
    expect(ingest.sources()[0]?.lastError).toContain('no such directory');
  });
});
