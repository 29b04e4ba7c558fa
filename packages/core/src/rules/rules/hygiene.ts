import { secretIds } from '../consumers.js';
import { forEachNodeInScope } from '../nodes-in-scope.js';
import type { Rule } from '../rule-types.js';

export const noCmk: Rule = {
  id: 'no-cmk',
  title: 'Encrypted with the default AWS-managed key',
  level: 'info',
  check({ graph, focus }) {
    return secretIds(graph, 'secretsmanager', focus)
      .filter((id) => {
        const k = graph.getNodeAttributes(id).secret?.kmsKeyId;
        return !k || k === 'alias/aws/secretsmanager';
      })
      .map((id) => ({
        id,
        message: `${graph.getNodeAttributes(id).name ?? id} uses the AWS-managed key aws/secretsmanager: its key policy cannot be scoped and it cannot be shared across accounts; use a customer managed key`,
        evidence: [graph.getNodeAttributes(id).arn ?? id],
      }));
  },
};

export const unusedSecret: Rule = {
  id: 'unused-secret',
  title: 'A secret no one consumes',
  level: 'info',
  check(ctx) {
    return secretIds(ctx.graph, undefined, ctx.focus)
      .filter(
        // A consumer that may be another account's (an ambiguous name) still counts: "unused" must be sure.
        (id) => ctx.graph.getNodeAttributes(id).secret?.service !== 'kms' && ctx.consumersOf(id).length === 0,
      )
      .map((id) => ({
        id,
        message: `no consumer of ${ctx.graph.getNodeAttributes(id).name ?? id} anywhere in the estate: delete it (after checking consumers outside the estate) or document who reads it`,
        evidence: [ctx.graph.getNodeAttributes(id).arn ?? id],
      }));
  },
};

export const consumerOfMissing: Rule = {
  id: 'consumer-of-missing',
  title: 'A consumer references a secret no workspace produces',
  level: 'error',
  check({ graph, focus }) {
    const out: ReturnType<Rule['check']> = [];
    forEachNodeInScope(graph, focus, (id, a) => {
      if (a.missingRefs && a.missingRefs.length > 0) {
        out.push({
          id,
          message: `${a.address} refers to ${a.missingRefs.join(', ')}, which no workspace of the estate produces: it breaks when it next reads it (or the producer is missing from the estate)`,
          evidence: a.missingRefs,
        });
      }
    });
    return out;
  },
};

/** Evaluated on plans (see analysePlans), listed here so that it has an id, a level and a doc page. */
export const nameReuseBlocked: Rule = {
  id: 'name-reuse-blocked',
  title: 'A plan re-creates a secret name inside its recovery window',
  level: 'error',
  check() {
    return [];
  },
};
