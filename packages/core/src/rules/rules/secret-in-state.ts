import { forEachNodeInScope } from '../nodes-in-scope.js';
import type { Rule } from '../rule-types.js';

const VALUE_ATTRIBUTES = new Set(['secret_string', 'secret_binary', 'value']);
const TYPES = new Set(['aws_secretsmanager_secret_version', 'aws_ssm_parameter']);

export const secretInState: Rule = {
  id: 'secret-in-state',
  title: 'A secret value is persisted in state',
  level: 'warn',
  check({ graph, focus }) {
    const out: ReturnType<Rule['check']> = [];
    forEachNodeInScope(graph, focus, (id, a) => {
      if (a.kind === 'output' && a.sensitive) {
        out.push({
          id,
          message: `sensitive output ${a.address} is stored in clear in the state of ${a.workspace} (and in every reader's remote state copy); pass an ARN or name instead of the value`,
          evidence: [a.address ?? id],
        });
      } else if (a.type && TYPES.has(a.type)) {
        const attrs = (a.valuesInState ?? []).filter((p) => VALUE_ATTRIBUTES.has(p));
        if (attrs.length === 0) return;
        const fix =
          a.type === 'aws_ssm_parameter'
            ? 'use value_wo with value_wo_version and an ephemeral variable'
            : a.kind === 'data'
              ? 'read it at runtime (ECS secrets, Lambda extension) or through an ephemeral resource instead of a data source'
              : 'use secret_string_wo with secret_string_wo_version and an ephemeral variable';
        out.push({
          id,
          message: `${a.address} keeps ${attrs.join(', ')} in state in clear; ${fix}`,
          evidence: attrs,
        });
      }
    });
    return out;
  },
};
