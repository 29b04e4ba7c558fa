import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { type ResourceFacts, resourceFacts } from '../graph/build-graph.js';
import { useDigestKey } from '../ingest/value-digest.js';
import { slimResource } from '../link/estate-wide-attributes.js';
import { RecordingSink } from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import { linkAttributeReferences } from '../link/link-attribute-references.js';
import type { FileInstance } from '../link/link-context.js';
import { linkPolicies } from '../link/link-policies.js';
import { nodeId } from '../model/node-id.js';
import type { StateModel } from '../model/workspace.js';
import type { FromWorker, ToWorker } from './ingest-messages.js';
import { readStatePart } from './read-estate.js';

/**
 * An ingest worker. For each state file it is given: read, parse, redact, compute the node facts,
 * keep the full model here and send the main thread a slim copy. Then, given the estate's identity
 * index, link each kept file's attribute references and policies and send the evidence back.
 */
const port = parentPort;
if (!port) throw new Error('ingest-worker runs in a worker thread');
const { root, digestKey } = workerData as { root: string; digestKey: Uint8Array };
useDigestKey(digestKey);
const kept = new Map<number, { name: string; state: StateModel }>();

port.on('message', (message: ToWorker) => {
  void handle(message).catch((error: unknown) => {
    const reply: FromWorker = {
      type: 'failed',
      // The message, not the stack: it ends up in a diagnostic line the user reads.
      reason: error instanceof Error ? error.message : String(error),
    };
    port.postMessage(reply);
  });
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'read') {
    const part = await readStatePart(root, message.entry);
    const facts: ResourceFacts[] = [];
    let slim: StateModel | null = null;
    if (part.state) {
      kept.set(message.file, { name: message.entry.name, state: part.state });
      for (const r of part.state.resources) facts.push(resourceFacts(message.entry.name, r));
      slim = { ...part.state, resources: part.state.resources.map(slimResource) };
    }
    // One JSON string crosses faster than a structured clone of the same objects (measured: the
    // main thread parses it in half the time it takes to deserialize them).
    const reply: FromWorker = {
      type: 'read',
      file: message.file,
      json: JSON.stringify({ part: { ...part, state: slim }, facts }),
    };
    port?.postMessage(reply);
    return;
  }
  const index = new IdentityIndex(deserialize(message.index));
  const linked: (FromWorker & { type: 'linked' })['files'] = [];
  for (const { file, skipped } of message.files) {
    const entry = kept.get(file);
    if (!entry) continue;
    kept.delete(file);
    const skip = new Set(skipped);
    const instances: FileInstance[] = [];
    const workspace = { name: entry.name };
    entry.state.resources.forEach((resource, i) => {
      if (!skip.has(i)) instances.push({ id: nodeId(entry.name, resource.address), workspace, resource });
    });
    const references = new RecordingSink();
    linkAttributeReferences(instances, index, references);
    const policies = new RecordingSink();
    linkPolicies(instances, index, policies);
    linked.push({ file, json: JSON.stringify({ references: references.ops, policies: policies.ops }) });
  }
  kept.clear();
  const reply: FromWorker = { type: 'linked', files: linked };
  port?.postMessage(reply);
}
