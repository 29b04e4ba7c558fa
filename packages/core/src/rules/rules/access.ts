import type { EdgeAttributes, NodeAttributes } from '../../model/graph-types.js';
import { forEachNodeInScope } from '../nodes-in-scope.js';
import type { Rule } from '../rule-types.js';

export const crossAccountAccess: Rule = {
  id: 'cross-account-access',
  title: 'A policy grants principals outside the estate',
  level: 'warn',
  check({ graph, focus }) {
    const out: ReturnType<Rule['check']> = [];
    const grant = (edge: EdgeAttributes, a: NodeAttributes, target: string, t: NodeAttributes) => {
      if (a.kind !== 'external' || edge.kind !== 'policy_grants' || !t.secret) return;
      out.push({
        id: target,
        message: `${t.name ?? target} is readable by ${a.label}, outside the estate: deleting or rotating it breaks a consumer impact cannot see`,
        evidence: [a.label, edge.attribute],
      });
    };
    // With a focus (a plan), only the grants on the focused nodes are looked at.
    if (focus)
      forEachNodeInScope(graph, focus, (target) => {
        graph.forEachInEdge(target, (_e, edge, _s, _t, a, t) => grant(edge, a, target, t));
      });
    else
      graph.forEachNode((ext, a) => {
        if (a.kind !== 'external') return;
        graph.forEachOutEdge(ext, (_e, edge, _s, target, _sa, t) => grant(edge, a, target, t));
      });
    return out;
  },
};

export const wildcardAccess: Rule = {
  id: 'wildcard-access',
  title: 'A policy grants more secrets or actions than it needs',
  level: 'warn',
  check({ graph, focus }) {
    const out: ReturnType<Rule['check']> = [];
    forEachNodeInScope(graph, focus, (id, a) => {
      const grants: { target: string; evidence: string }[] = [];
      graph.forEachOutEdge(id, (_e, edge, _s, target) => {
        if (edge.kind === 'iam_grant') grants.push({ target, evidence: edge.evidence ?? '' });
      });
      if (grants.length === 0) return;
      const broadActions = grants.filter((g) => /(^|,)(secretsmanager:\*|\*)( |,|$)/.test(g.evidence));
      const patterns = new Set(grants.map((g) => g.evidence.replace(/^.* on /, '')));
      const broadPatterns = [...patterns].filter(
        (p) =>
          p === '*' ||
          /^arn:[^:]*:secretsmanager:\*/.test(p) ||
          /:secret:\*$/.test(p) ||
          grants.filter((g) => g.evidence.endsWith(` on ${p}`)).length > 1,
      );
      if (broadActions.length === 0 && broadPatterns.length === 0) return;
      out.push({
        id,
        message:
          `${a.address} grants ${broadActions.length > 0 ? 'secretsmanager:* ' : ''}${broadPatterns.length > 0 ? `on ${broadPatterns.join(', ')} (${grants.length} secrets/keys)` : ''}; scope it to the secret ARNs and actions it needs`.replace(
            '  ',
            ' ',
          ),
        evidence: [
          ...new Set(
            [...broadActions, ...grants.filter((g) => broadPatterns.some((p) => g.evidence.endsWith(p)))].map(
              (g) => g.evidence,
            ),
          ),
        ],
      });
    });
    return out;
  },
};
