import { unwrapDynamic } from '../graph/extract-workspace.js';
import { backendAddress, normalisePath } from '../model/backend.js';
import { diagnostic } from '../model/diagnostic.js';
import { nodeId } from '../model/node-id.js';
import { type Attributes, type ConfigBlock, REDACTED, type Value } from '../model/workspace.js';
import type { LinkContext } from './link-context.js';

/**
 * `data "terraform_remote_state"` → the workspace whose state it reads, by canonical backend
 * address (s3, gcs, azurerm, remote/cloud, local). Then → the outputs it reads. Unresolved
 * readers are reported, never dropped. Sensitive outputs of the producer are redacted from
 * the reader's copy here too.
 */
export function linkRemoteState(ctx: LinkContext): void {
  const byBackend = new Map<string, string>();
  for (const { model } of ctx.workspaces) if (model.backend) byBackend.set(model.backend, model.name);
  const byName = new Map(ctx.workspaces.map((w) => [w.model.name, w] as const));
  for (const { model: workspace, facts, ids } of ctx.units) {
    for (const reader of facts.remoteStates) {
      const id = ids[reader.index];
      if (!id) continue;
      const { backend: type, config, workspace: selected } = reader;
      let address = backendAddress(type, config, selected);
      if (type === 'local' && typeof config.path === 'string') {
        const base = workspace.configDir ?? (workspace.stateFile ? dirOf(workspace.stateFile) : '');
        address = `local://${normalisePath(`${base}/${config.path}`)}`;
      }
      const producer = address ? byBackend.get(address) : undefined;
      const address_ = ctx.graph.getNodeAttribute(id, 'address') ?? id;
      if (!producer) {
        ctx.stats.unresolved.remote_state = (ctx.stats.unresolved.remote_state ?? 0) + 1;
        ctx.diagnostics.push(
          diagnostic(
            'warning',
            'link.unresolved-remote-state',
            `${address_} reads ${address ?? `a ${type || 'unknown'} backend with incomplete config`}, which is not in the estate`,
            { workspace: workspace.name, ...(workspace.stateFile ? { file: workspace.stateFile } : {}) },
          ),
        );
        continue;
      }
      ctx.remoteStates.set(id, producer);
      ctx.sink.edge(id, producer, {
        kind: 'remote_state',
        attribute: 'config',
        confidence: 'exact',
        ...(address ? { evidence: address } : {}),
      });
      const source = byName.get(producer);
      const sensitive = (source?.facts.outputs ?? []).filter((o) => o.sensitive).map((o) => o.name);
      if (sensitive.length > 0) {
        ctx.sensitiveCopies.set(id, sensitive);
        for (const copy of reader.outputs) if (sensitive.includes(copy.name)) copy.strings = [];
        const attributes = workspace.state?.resources[reader.index]?.attributes;
        if (attributes) redactSensitiveCopies(attributes, sensitive);
      }
      // Which outputs the reader holds: those the configuration references when it is known, else
      // every output present in its copy (its own consumers are narrowed by remote-state-reads).
      const referenced = workspace.config ? referencedOutputs(workspace.config.blocks, address_) : null;
      const names =
        referenced ??
        (reader.outputs.length > 0
          ? reader.outputs.map((o) => o.name)
          : (source?.facts.outputs.map((o) => o.name) ?? []));
      for (const name of names) {
        ctx.sink.edge(id, nodeId(producer, `output.${name}`), {
          kind: 'reads_output',
          attribute: `outputs.${name}`,
          confidence: referenced ? 'reference' : 'name',
        });
      }
    }
  }
}

/**
 * A producer's sensitive outputs, copied in clear into a reader's state by older Terraform:
 * dropped from the reader's copy too (where its state was parsed: here, or in an ingest worker).
 */
export function redactSensitiveCopies(attributes: Attributes, sensitive: readonly string[]): void {
  const outputs = attributes.outputs;
  if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return;
  const target: Record<string, Value> = unwrapDynamic(outputs);
  for (const name of sensitive) if (name in target && target[name] !== null) target[name] = REDACTED;
}

function referencedOutputs(blocks: ConfigBlock[], address: string): string[] {
  const prefix = `${address.replace(/\[.*\]$/, '')}.outputs.`;
  const names = new Set<string>();
  for (const b of blocks) {
    for (const r of b.references)
      if (r.ref.startsWith(prefix)) names.add(r.ref.slice(prefix.length).split('.')[0] as string);
  }
  return [...names].sort();
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
