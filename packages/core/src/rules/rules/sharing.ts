import { secretIds, sureConsumers } from '../consumers.js';
import type { Rule } from '../rule-types.js';

export const sharedValue: Rule = {
  id: 'shared-value',
  title: 'The same value in several secrets',
  level: 'warn',
  check({ graph }) {
    const groups = new Map<string, string[]>();
    for (const id of secretIds(graph)) {
      const digest = graph.getNodeAttributes(id).secret?.valueDigest;
      if (digest) groups.set(digest, [...(groups.get(digest) ?? []), id]);
    }
    const out: ReturnType<Rule['check']> = [];
    for (const ids of groups.values()) {
      if (ids.length < 2) continue;
      for (const id of ids) {
        out.push({
          id,
          message: `${graph.getNodeAttributes(id).name ?? id} holds the same value as ${ids
            .filter((x) => x !== id)
            .map((x) => graph.getNodeAttributes(x).name ?? x)
            .join(', ')}: rotating one leaves the others exposed`,
          evidence: ids.filter((x) => x !== id),
        });
      }
    }
    return out;
  },
};

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
