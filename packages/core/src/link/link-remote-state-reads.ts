import { unwrapDynamic } from '../graph/extract-workspace.js';
import { BORROWED_ARN, NAME_ATTRIBUTE } from '../graph/node-facts.js';
import { configAddress } from '../ingest/resource-address.js';
import type { Confidence } from '../model/graph-types.js';
import { REDACTED } from '../model/workspace.js';
import type { EvidenceSink } from './evidence-sink.js';
import type { IdentityIndex } from './identity-index.js';
import type { FileInstance, WorkspaceUnit } from './link-context.js';
import { walkStrings } from './walk-strings.js';

/** What a reader's copy of one output holds: its strings, and the producers they denote. */
interface OutputCopy {
  name: string;
  strings: Set<string>;
  ids: Set<string>;
}

const OWN_IDENTITY = new Set(['id', 'arn', 'name', 'name_prefix']);

/**
 * Without HCL, Terraform's state says only that a resource depends on a
 * `data "terraform_remote_state"`, not which of its outputs it reads. It reads the outputs
 * whose values (or the secret, parameter or key those values denote) appear in its own
 * attributes; when none does, it is linked to the reader as a guess ("which output is unknown"),
 * which impact reports as at most degraded. With HCL the references decide (config-references).
 */
export function linkRemoteStateReads(unit: WorkspaceUnit, index: IdentityIndex, sink: EvidenceSink): void {
  if (unit.hasConfig) return;
  const readers = new Map<string, { instance: FileInstance; outputs: OutputCopy[] }[]>();
  for (const instance of unit.instances) {
    const r = instance.resource;
    if (r.mode !== 'data' || r.type !== 'terraform_remote_state') continue;
    const key = `${r.module ? `${r.module}.` : ''}${configAddress(r.address)}`;
    const outputs: OutputCopy[] = [];
    for (const [name, value] of Object.entries(unwrapDynamic(r.attributes.outputs))) {
      const copy: OutputCopy = { name, strings: new Set(), ids: new Set() };
      walkStrings(value, '', (s) => {
        if (!meaningful(s)) return;
        copy.strings.add(s);
        for (const m of index.match(s, instance.scope)) if (m.id !== '' && !m.candidates) copy.ids.add(m.id);
      });
      outputs.push(copy);
    }
    const list = readers.get(key);
    if (list) list.push({ instance, outputs });
    else readers.set(key, [{ instance, outputs }]);
  }
  if (readers.size === 0) return;
  for (const instance of unit.instances) {
    const deps = instance.resource.dependencies;
    if (deps.length === 0 || instance.resource.type === 'terraform_remote_state') continue;
    for (const dep of deps) {
      for (const reader of readers.get(dep) ?? []) readsOf(instance, reader, index, sink);
    }
  }
}

function readsOf(
  instance: FileInstance,
  reader: { instance: FileInstance; outputs: OutputCopy[] },
  index: IdentityIndex,
  sink: EvidenceSink,
): void {
  const r = instance.resource;
  const own = r.mode === 'managed' ? (NAME_ATTRIBUTE[r.type] ?? 'name') : '';
  const found = new Map<string, { attribute: string; confidence: Confidence }>();
  for (const key in r.attributes) {
    if (
      own !== '' &&
      (key === own || (OWN_IDENTITY.has(key) && !(BORROWED_ARN.has(r.type) && key === 'arn')))
    )
      continue;
    const value = r.attributes[key];
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
      continue;
    walkStrings(value, key, (s, pathOf) => {
      if (!meaningful(s)) return;
      let ids: { id: string; confidence: Confidence }[] | null = null;
      for (const out of reader.outputs) {
        if (found.has(out.name)) continue;
        if (out.strings.has(s)) {
          found.set(out.name, { attribute: pathOf(), confidence: 'exact' });
          continue;
        }
        if (out.ids.size === 0) continue;
        ids ??= index.match(s, instance.scope).filter((m) => m.id !== '' && !m.candidates);
        const hit = ids.find((m) => out.ids.has(m.id));
        if (hit) found.set(out.name, { attribute: pathOf(), confidence: hit.confidence });
      }
    });
  }
  if (found.size === 0) {
    sink.edge(instance.id, reader.instance.id, {
      kind: 'depends_on',
      attribute: 'dependencies',
      confidence: 'guess',
      evidence: 'depends on the remote state; which output is unknown',
    });
    return;
  }
  for (const [name, { attribute, confidence }] of [...found].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    sink.readsOutput(instance.id, reader.instance.id, name, attribute, confidence);
}

/**
 * A string specific enough to say which output it came from: not a flag, a number, a short
 * token or a redacted value (an output `enabled = "true"` would match half an estate).
 */
function meaningful(s: string): boolean {
  return s.length >= 4 && s !== REDACTED && s !== 'true' && s !== 'false' && !/^-?\d+(\.\d+)?$/.test(s);
}
