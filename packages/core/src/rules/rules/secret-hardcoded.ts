import { forEachNodeInScope } from '../nodes-in-scope.js';
import type { Rule } from '../rule-types.js';

export const secretHardcoded: Rule = {
  id: 'secret-hardcoded',
  title: 'A literal secret value in HCL',
  level: 'error',
  check({ graph, focus }) {
    const out: ReturnType<Rule['check']> = [];
    forEachNodeInScope(graph, focus, (id, a) => {
      if (a.hardcodedSecrets && a.hardcodedSecrets.length > 0) {
        out.push({
          id,
          message: `${a.address} sets ${a.hardcodedSecrets.join(', ')} to a literal in its configuration; take it from an ephemeral variable or generate it (random_password + write-only argument)`,
          evidence: a.source ? [`${a.source.file}:${a.source.line}`] : a.hardcodedSecrets,
        });
      }
    });
    return out;
  },
};
