import { RULES } from '../../rules/registry.js';
import type { FindingsResult } from './findings-result.js';

const LEVEL = { error: 'error', warn: 'warning', info: 'note' } as const;
const SRCROOT = '%SRCROOT%';

/** SARIF 2.1.0: one rule per finding rule (with its doc page), results at the resource's `.tf` line. */
export function renderFindingsSarif(result: FindingsResult): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'impact',
            version: result.tool.version,
            informationUri: 'https://github.com/impact/impact',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              helpUri: `https://github.com/impact/impact/blob/main/docs/rules/${r.id}.md`,
              defaultConfiguration: { level: LEVEL[r.level] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The estate root' } } },
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? 0,
          level: LEVEL[f.severity],
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
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
