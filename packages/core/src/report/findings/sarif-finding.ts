import { RULES } from '../../rules/registry.js';
import type { Finding } from '../../rules/rule-types.js';

export const SARIF_LEVEL = { error: 'error', warn: 'warning', info: 'note' } as const;
const SRCROOT = '%SRCROOT%';

/** The SARIF rule of every findings rule, with its doc page. */
export function findingRules() {
  return RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    helpUri: `https://github.com/impact/impact/blob/main/docs/rules/${r.id}.md`,
    defaultConfiguration: { level: SARIF_LEVEL[r.level] },
  }));
}

/** One finding as a SARIF result; `offset` is where the findings rules start in the driver's rules. */
export function findingResult(f: Finding, offset = 0) {
  const index = RULES.findIndex((r) => r.id === f.rule);
  return {
    ruleId: f.rule,
    ruleIndex: offset + Math.max(0, index),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        ...(f.source
          ? {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.source.file), uriBaseId: SRCROOT },
                region: { startLine: f.source.line },
              },
            }
          : {}),
        logicalLocations: [{ fullyQualifiedName: f.id, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'impactFinding/v1': `${f.rule}|${f.id}` },
  };
}
