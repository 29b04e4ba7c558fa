import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { loadEstate } from '../src/node/load-estate.js';

/** The fixture estate, its producer's state, its orders database secret and the values never to print. */
export const FIXTURE = new URL('../../../fixtures/estate', import.meta.url).pathname;
export const STATE = 'acme-tfstate/platform/secrets.tfstate';
export const ORDERS = 'platform/secrets::aws_secretsmanager_secret.orders_db';
export const ORDERS_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/orders/db-AbC123';
export const canaries = readFileSync(join(FIXTURE, 'canaries.txt'), 'utf8').split('\n').filter(Boolean);

export interface StateJson {
  resources: {
    mode: string;
    type: string;
    name: string;
    instances: { attributes: Record<string, unknown> }[];
  }[];
}

export async function load(dir: string): Promise<BuiltGraph> {
  const loaded = await loadEstate(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.built;
}

/** Copies of the fixture estate with one state edited, removed by `cleanup()`. */
export function editedEstates(prefix: string) {
  const dirs: string[] = [];
  return {
    /** A copy of the fixture estate (to edit by hand). */
    copy(): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      cpSync(FIXTURE, dir, { recursive: true });
      return dir;
    },
    /** The fixture estate with `file` edited (as parsed JSON, or as text), loaded. */
    async changed(edit: (state: StateJson) => StateJson | string, file = STATE): Promise<BuiltGraph> {
      const dir = this.copy();
      const path = join(dir, file);
      const edited = edit(JSON.parse(readFileSync(path, 'utf8')) as StateJson);
      writeFileSync(path, typeof edited === 'string' ? edited : JSON.stringify(edited));
      return load(dir);
    },
    cleanup(): void {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
