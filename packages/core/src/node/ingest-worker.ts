import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { workspaceUnit } from '../graph/build-graph.js';
import { extractWorkspace } from '../graph/extract-workspace.js';
import type { WorkspaceFacts } from '../graph/workspace-facts.js';
import { useDigestKey } from '../ingest/value-digest.js';
import { RecordingSink } from '../link/evidence-sink.js';
import { IdentityIndex } from '../link/identity-index.js';
import { redactSensitiveCopies } from '../link/link-remote-state.js';
import { LINKERS } from '../link/linkers.js';
import { nodeId } from '../model/node-id.js';
import type { StateModel } from '../model/workspace.js';
import type { FromWorker, LinkResult, ToWorker } from './ingest-messages.js';
import { readStatePart } from './read-estate.js';

/**
 * An ingest worker. For each state file it is given: read, parse, redact, extract the
 * workspace's facts, keep the model here and send the main thread the facts. Then, given the
 * estate's identity index, run the per-workspace linkers of {@link LINKERS} over each kept file
 * and send the evidence back, by linker.
 */
const port = parentPort;
if (!port) throw new Error('ingest-worker runs in a worker thread');
const { root, digestKey } = workerData as { root: string; digestKey: Uint8Array };
useDigestKey(digestKey);
const kept = new Map<number, { name: string; state: StateModel; facts: WorkspaceFacts }>();

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
    const { entry } = message;
    const part = await readStatePart(root, entry);
    let facts: WorkspaceFacts | null = null;
    let slim: StateModel | null = null;
    if (part.state) {
      facts = extractWorkspace(entry.name, part.state, { account: entry.account, region: entry.region });
      kept.set(message.file, { name: entry.name, state: part.state, facts });
      slim = { ...part.state, resources: [], outputs: [] };
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
  for (const { file, skipped, hasConfig, sensitiveCopies } of message.files) {
    const entry = kept.get(file);
    if (!entry) continue;
    kept.delete(file);
    const skip = new Set(skipped);
    const ids = entry.state.resources.map((r, i) => (skip.has(i) ? null : nodeId(entry.name, r.address)));
    const copies = new Map(sensitiveCopies);
    entry.state.resources.forEach((r, i) => {
      const names = copies.get(ids[i] ?? '');
      if (names) redactSensitiveCopies(r.attributes, names);
    });
    const unit = workspaceUnit(entry.name, entry.state, entry.facts, ids, hasConfig);
    const result: LinkResult = {};
    for (const linker of LINKERS) {
      if (linker.unit !== 'workspace') continue;
      const sink = new RecordingSink();
      linker.run(unit, index, sink);
      result[linker.name] = sink.ops;
    }
    linked.push({ file, json: JSON.stringify(result) });
  }
  kept.clear();
  const reply: FromWorker = { type: 'linked', files: linked };
  port?.postMessage(reply);
}
