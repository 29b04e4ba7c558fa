import { addEvidence } from '../graph/estate-graph.js';
import { backendAddress, normalisePath } from '../model/backend.js';
import { diagnostic } from '../model/diagnostic.js';
import type { WorkspaceModel } from '../model/estate.js';
import { nodeId } from '../model/node-id.js';
import { type Attributes, type ConfigBlock, REDACTED, type Value } from '../model/workspace.js';
import type { LinkContext } from './link-context.js';

/**
 * `data "terraform_remote_state"` → the workspace whose state it reads, by canonical backend
 * address (s3, gcs, azurerm, remote/cloud, local). Then → the outputs it reads. Unresolved
 * readers are reported, never dropped. Sensitive outputs of the producer are redacted from
 * the reader's copy here too.
 */
export function linkRemoteState(ctx: LinkContext): Map<string, string> {
  const byBackend = new Map<string, string>();
  for (const ws of ctx.estate.workspaces) if (ws.backend) byBackend.set(ws.backend, ws.name);
  const byName = new Map(ctx.estate.workspaces.map((w) => [w.name, w] as const));
  const resolved = new Map<string, string>();
  for (const { id, workspace, resource } of ctx.instances) {
    if (resource.type !== 'terraform_remote_state' || resource.mode !== 'data') continue;
    const a = resource.attributes;
    const type = typeof a.backend === 'string' ? a.backend : '';
    const config = unwrapDynamic(a.config);
    const selected = typeof a.workspace === 'string' ? a.workspace : null;
    let address = backendAddress(type, config, selected);
    if (type === 'local' && typeof config.path === 'string') {
      const base = workspace.configDir ?? (workspace.stateFile ? dirOf(workspace.stateFile) : '');
      address = `local://${normalisePath(`${base}/${config.path}`)}`;
    }
    const producer = address ? byBackend.get(address) : undefined;
    if (!producer) {
      ctx.stats.unresolved.remote_state = (ctx.stats.unresolved.remote_state ?? 0) + 1;
      ctx.diagnostics.push(
        diagnostic(
          'warning',
          'link.unresolved-remote-state',
          `${resource.address} reads ${address ?? `a ${type || 'unknown'} backend with incomplete config`}, which is not in the estate`,
          { workspace: workspace.name, ...(workspace.stateFile ? { file: workspace.stateFile } : {}) },
        ),
      );
      continue;
    }
    resolved.set(id, producer);
    addEvidence(ctx.graph, id, producer, {
      kind: 'remote_state',
      attribute: 'config',
      confidence: 'exact',
      evidence: address ?? undefined,
    });
    redactSensitiveCopies(byName.get(producer), a);
    // Which outputs are read: those the configuration references when it is known, else every
    // output present in the reader's copy.
    const referenced = workspace.config ? referencedOutputs(workspace.config.blocks, resource.address) : null;
    const copy = unwrapDynamic(a.outputs);
    const names =
      referenced ??
      (Object.keys(copy).length > 0
        ? Object.keys(copy)
        : (byName.get(producer)?.state?.outputs.map((o) => o.name) ?? []));
    for (const name of names) {
      const out = nodeId(producer, `output.${name}`);
      const confidence = referenced ? 'reference' : 'name';
      if (
        addEvidence(ctx.graph, id, out, { kind: 'reads_output', attribute: `outputs.${name}`, confidence })
      ) {
        ctx.stats.edges.reads_output = (ctx.stats.edges.reads_output ?? 0) + 1;
      }
    }
  }
  return resolved;
}

function redactSensitiveCopies(ws: WorkspaceModel | undefined, attributes: Attributes): void {
  const outputs = attributes.outputs;
  if (!ws?.state || !outputs || typeof outputs !== 'object' || Array.isArray(outputs)) return;
  const target = (isDynamic(outputs) ? outputs.value : outputs) as Record<string, Value>;
  if (!target || typeof target !== 'object') return;
  for (const out of ws.state.outputs) {
    if (out.sensitive && out.name in target && target[out.name] !== null) target[out.name] = REDACTED;
  }
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

function isDynamic(v: Value): v is { value: Value; type: Value } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'value' in v && 'type' in v;
}

/** Dynamic-typed attributes (`config`, `outputs`) are stored as `{value, type}` in state v4. */
export function unwrapDynamic(v: Value | undefined): Record<string, Value> {
  const inner = v && isDynamic(v) ? v.value : v;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, Value>) : {};
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
