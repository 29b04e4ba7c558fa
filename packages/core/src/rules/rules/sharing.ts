import type { EstateGraph } from '../../graph/estate-graph.js';
import { graphRevision } from '../../graph/graph-revision.js';
import { secretIds, sureConsumers } from '../consumers.js';
import type { Rule } from '../rule-types.js';

/** Members a shared-value finding names; the message counts the rest. */
export const SHARED_VALUE_LISTED = 20;

/**
 * One finding per group of secrets holding one value (by keyed digest), not one per member
 * naming every other: 10,000 parameters holding `"true"` made 10,000 findings of 10,000 names
 * each (an out-of-memory abort). The finding sits on the group's first member by id — with a
 * focus (a plan), on its first focused member — and lists up to {@link SHARED_VALUE_LISTED}
 * members with a count of the rest; its message and evidence do not depend on where it sits.
 */
export const sharedValue: Rule = {
  id: 'shared-value',
  title: 'The same value in several secrets',
  level: 'warn',
  check({ graph, focus }) {
    const groups = digestGroups(graph);
    const anchors = new Map<string[], string>();
    if (focus) {
      for (const id of [...focus].sort()) {
        const digest = graph.hasNode(id) ? graph.getNodeAttributes(id).secret?.valueDigest : undefined;
        const ids = digest === undefined ? undefined : groups.get(digest);
        if (ids && !anchors.has(ids)) anchors.set(ids, id);
      }
    } else for (const ids of groups.values()) anchors.set(ids, ids[0] as string);
    const out: ReturnType<Rule['check']> = [];
    for (const [ids, id] of anchors) {
      const listed = ids.slice(0, SHARED_VALUE_LISTED);
      const names = listed.map((x) => graph.getNodeAttributes(x).name ?? x);
      const more = ids.length - listed.length;
      out.push({
        id,
        message: `${ids.length} secrets hold the same value (${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}): rotating one leaves the others exposed`,
        evidence: listed,
      });
    }
    return out;
  },
};

const groupsOf = new WeakMap<
  EstateGraph,
  { revision: number; order: number; groups: Map<string, string[]> }
>();

/**
 * Secrets by value digest, groups of two or more, each sorted by id: one pass per graph content.
 * Kept with the graph's revision, and made again when it differs: an incremental ingest patches
 * the graph in place, and may change a digest while keeping the node count. Kept with the node
 * count too, and made again when it differs: a plan's analysis joins nodes to the graph for its
 * time without a new revision (and removes them after), and a group must never name a node
 * that is not there.
 */
function digestGroups(graph: EstateGraph): Map<string, string[]> {
  const revision = graphRevision(graph);
  const known = groupsOf.get(graph);
  if (known?.revision === revision && known.order === graph.order) return known.groups;
  const all = new Map<string, string[]>();
  graph.forEachNode((id, a) => {
    const digest = a.secret?.valueDigest;
    if (digest === undefined) return;
    const ids = all.get(digest);
    if (ids) ids.push(id);
    else all.set(digest, [id]);
  });
  const groups = new Map<string, string[]>();
  for (const [digest, ids] of all) if (ids.length > 1) groups.set(digest, ids.sort());
  groupsOf.set(graph, { revision, order: graph.order, groups });
  return groups;
}

export const multiConsumer: Rule = {
  id: 'multi-consumer',
  title: 'One secret consumed by several workspaces',
  level: 'info',
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    for (const id of [
      ...secretIds(ctx.graph, 'secretsmanager', ctx.focus),
      ...secretIds(ctx.graph, 'ssm', ctx.focus),
    ]) {
      const own = ctx.graph.getNodeAttributes(id).workspace;
      const workspaces = [...new Set(sureConsumers(ctx.consumersOf(id)).map((c) => c.workspace))].filter(
        (w) => w !== own && w !== 'external',
      );
      if (workspaces.length < 2) continue;
      out.push({
        id,
        message: `${ctx.graph.getNodeAttributes(id).name ?? id} is consumed by ${workspaces.length} workspaces (${workspaces.sort().join(', ')}): a rotation or replacement needs every one of them to cope`,
        evidence: workspaces,
      });
    }
    return out;
  },
};
