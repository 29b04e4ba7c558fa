import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { snapshotLines } from '../src/graph/snapshot.js';
import { directoryProvider } from '../src/node/directory-provider.js';
import { createEstateIngest } from '../src/node/estate-ingest.js';
import { loadEstate } from '../src/node/load-estate.js';

/**
 * The live graph patched in place (node/live-build.ts) against a build of the same files, after
 * each of a seeded run of edits an estate sees: attributes touched, resources and outputs gone or
 * added, secrets replaced (new ARNs), outputs turning sensitive, grants to other accounts, remote
 * states pointed elsewhere, states deleted and put back. Node for node and edge for edge.
 */

const FIXTURES = new URL('../../../fixtures/', import.meta.url).pathname;
const AT = new Date('2026-01-01T00:00:00Z');

interface Instance {
  attributes: Record<string, unknown>;
}
interface Resource {
  mode: string;
  type: string;
  name: string;
  instances: Instance[];
}
interface State {
  serial: number;
  outputs?: Record<string, { value: unknown; type?: unknown; sensitive?: boolean }>;
  resources: Resource[];
}

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(xs.length)] : undefined),
  };
}
type Rng = ReturnType<typeof rng>;

function sorted(built: BuiltGraph): string[] {
  const [header, ...rest] = snapshotLines(built, 'estate', AT);
  return [header as string, ...rest.sort()];
}

async function fullIngest(dir: string): Promise<BuiltGraph> {
  const loaded = await loadEstate(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.built;
}

function statesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tfstate'))
    .sort()
    .map((f) => join(dir, f));
}

const arnsOf = (s: State) =>
  s.resources.flatMap((r) =>
    r.instances.map((i) => i.attributes.arn).filter((a): a is string => typeof a === 'string'),
  );
const secretsOf = (s: State) => s.resources.filter((x) => x.type === 'aws_secretsmanager_secret');
const readersOf = (s: State) => s.resources.filter((x) => x.type === 'terraform_remote_state');
const grantsOf = (s: State) =>
  s.resources.filter((x) => x.type.endsWith('_policy') && JSON.stringify(x).includes(':root'));

interface Edit {
  /** Which states it can edit. */
  fits(s: State): boolean;
  /** Edits the state; says what it did. */
  apply(s: State, r: Rng, others: State[]): string;
}

/** The edits an estate sees, each on a state it fits. */
const EDITS: Edit[] = [
  {
    fits: (s) => s.resources.some((x) => x.mode === 'managed'),
    apply(s, r) {
      const res = r.pick(s.resources.filter((x) => x.mode === 'managed' && x.instances[0]));
      if (res?.instances[0]) res.instances[0].attributes.description = `touched ${r.int(1e6)}`;
      return `touch ${res?.type}.${res?.name}`;
    },
  },
  {
    fits: (s) => s.resources.length > 0,
    apply(s, r) {
      const res = r.pick(s.resources);
      s.resources = s.resources.filter((x) => x !== res);
      return `drop ${res?.type}.${res?.name}`;
    },
  },
  {
    fits: (s) => secretsOf(s).length > 0,
    apply(s, r) {
      const res = r.pick(secretsOf(s));
      for (const i of res?.instances ?? []) {
        const arn = String(i.attributes.arn ?? '').replace(
          /-[A-Za-z0-9]{6}$/,
          `-Rp${String(r.int(1e4)).padStart(4, '0')}`,
        );
        i.attributes.arn = arn;
        i.attributes.id = arn;
      }
      return `replace ${res?.name}`;
    },
  },
  {
    fits: (s) => Object.keys(s.outputs ?? {}).length > 0,
    apply(s, r) {
      const name = r.pick(Object.keys(s.outputs ?? {}));
      if (name && s.outputs) delete s.outputs[name];
      return `drop output ${name}`;
    },
  },
  {
    fits: () => true,
    apply(s, r, others) {
      const arn = r.pick(others.flatMap(arnsOf));
      const name = r.pick(['extra', 'db_secret_arn', 'secret_arn', 'api_token_arn', 'ledger_token_arn']);
      s.outputs = { ...(s.outputs ?? {}), [name as string]: { value: arn ?? 'x', type: 'string' } };
      return `add output ${name} = ${arn}`;
    },
  },
  {
    fits: (s) => Object.keys(s.outputs ?? {}).length > 0,
    apply(s, r) {
      const name = r.pick(Object.keys(s.outputs ?? {}));
      const out = name ? s.outputs?.[name] : undefined;
      if (out) out.sensitive = !out.sensitive;
      return `sensitive ${name}`;
    },
  },
  {
    fits: (s) => secretsOf(s).length > 0,
    apply(s, r) {
      const arn = r.pick(secretsOf(s))?.instances[0]?.attributes.arn;
      const account = r.pick(['999999999999', '888888888888']);
      s.resources.push({
        mode: 'managed',
        type: 'aws_secretsmanager_secret_policy',
        name: `grant_${r.int(1000)}`,
        instances: [
          {
            attributes: {
              secret_arn: arn,
              policy: JSON.stringify({
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { AWS: `arn:aws:iam::${account}:root` },
                    Action: 'secretsmanager:GetSecretValue',
                    Resource: '*',
                  },
                ],
              }),
            },
          },
        ],
      });
      return `grant ${arn} to ${account}`;
    },
  },
  {
    fits: (s) => grantsOf(s).length > 0,
    apply(s, r) {
      const grant = r.pick(grantsOf(s));
      s.resources = s.resources.filter((x) => x !== grant);
      return `drop grant ${grant?.name}`;
    },
  },
  {
    fits: (s) => readersOf(s).length > 0,
    apply(s, r) {
      const reader = r.pick(readersOf(s));
      const config = reader?.instances[0]?.attributes.config as { value?: { key?: string } } | undefined;
      const key = r.pick(['platform/secrets.tfstate', 'apps/checkout.tfstate', 'nowhere.tfstate']);
      if (config?.value && typeof config.value === 'object') config.value.key = key;
      return `point ${reader?.name} at ${key}`;
    },
  },
  {
    fits: (s) => s.resources.some((x) => x.mode === 'managed'),
    apply(s, r, others) {
      // A consumer pastes another state's ARN into an attribute.
      const arn = r.pick(others.flatMap(arnsOf));
      const res = r.pick(s.resources.filter((x) => x.mode === 'managed' && x.instances[0]));
      if (res?.instances[0]) res.instances[0].attributes.tags = { reads: arn ?? '' };
      return `paste ${arn} into ${res?.name}`;
    },
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function run(
  fixture: string,
  seed: number,
  steps: number,
): Promise<{ patched: number; log: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'impact-live-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  const r = rng(seed);
  const ingest = createEstateIngest({ name: dir, providers: [directoryProvider(dir)] });
  const first = await ingest.ingest();
  expect(first.ok).toBe(true);
  const files = statesIn(dir);
  const removed = new Map<string, Buffer>();
  const log: string[] = [];
  let patched = 0;
  for (let step = 0; step < steps; step++) {
    const present = files.filter((f) => !removed.has(f));
    const gone = [...removed.keys()];
    if (gone.length > 0 && r.next() < 0.3) {
      const file = r.pick(gone) as string;
      writeFileSync(file, removed.get(file) as Buffer);
      removed.delete(file);
      log.push(`restore ${file.slice(dir.length)}`);
    } else if (present.length > 1 && r.next() < 0.06) {
      // Never the last: a source that lists nothing where it held states is refused, not taken as empty.
      const file = r.pick(present) as string;
      removed.set(file, readFileSync(file));
      unlinkSync(file);
      log.push(`delete ${file.slice(dir.length)}`);
    } else {
      const states = new Map(present.map((f) => [f, JSON.parse(readFileSync(f, 'utf8')) as State] as const));
      const edit = EDITS[r.int(EDITS.length)] as Edit;
      const file =
        r.pick(present.filter((f) => edit.fits(states.get(f) as State))) ?? (r.pick(present) as string);
      const state = states.get(file) as State;
      const others = present.filter((f) => f !== file).map((f) => states.get(f) as State);
      log.push(`${file.slice(dir.length)}: ${edit.apply(state, r, others)}`);
      state.serial++;
      writeFileSync(file, JSON.stringify(state));
    }
    const outcome = await ingest.ingest();
    if (!outcome.ok) {
      // A manifest naming a state that is gone fails the ingest, as it fails a build: put it back.
      expect((await loadEstate(dir)).ok, log.join('\n')).toBe(false);
      const last = [...removed.keys()].at(-1) as string;
      if (!last) throw new Error(`refused, nothing deleted:\n${log.join('\n')}`);
      writeFileSync(last, removed.get(last) as Buffer);
      removed.delete(last);
      log.push(`(refused; restored ${last.slice(dir.length)})`);
      continue;
    }
    if (outcome.summary.patched) patched++;
    const expected = sorted(await fullIngest(dir));
    const actual = sorted(outcome.built);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      // Said with the edits that led here, then shown line by line.
      expect({ log, graph: actual }).toEqual({ log, graph: expected });
    }
  }
  return { patched, log };
}

describe('the live graph, patched in place', () => {
  for (const [fixture, seeds] of [
    ['estate', [1, 2, 3]],
    ['org', [4, 5]],
    ['no-manifest', [6]],
  ] as const) {
    for (const seed of seeds) {
      it(`gives the graph a build gives, after each of 25 seeded edits of fixtures/${fixture} (seed ${seed})`, async () => {
        const { patched } = await run(fixture, seed, 25);
        // Most edits are taken in place; some (an output turned sensitive, the estate's accounts changing) build anew.
        expect(patched).toBeGreaterThan(12);
      });
    }
  }
});
