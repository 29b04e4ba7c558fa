import { type Impact, type ImpactResult, SEVERITY_ORDER, type Severity } from '../impact/result-types.js';
import { describePath } from './describe-path.js';
import { displayName } from './display-name.js';
import { findingResult, findingRules } from './findings/sarif-finding.js';
import { noticeSentence } from './notice-sentence.js';

const RULES: Record<Severity, { id: string; name: string; text: string; level: string; score: string }> = {
  irrecoverable: {
    id: 'impact/irrecoverable',
    name: 'IrrecoverableImpact',
    text: 'A consumer first notices the change after the value is gone for good',
    level: 'error',
    score: '9.0',
  },
  breaks: {
    id: 'impact/breaks',
    name: 'BreakingImpact',
    text: 'A consumer in the estate breaks when the change lands',
    level: 'error',
    score: '7.0',
  },
  degraded: {
    id: 'impact/degraded',
    name: 'DegradedImpact',
    text: 'A consumer may stop working or needs checking after the change',
    level: 'warning',
    score: '4.0',
  },
  info: {
    id: 'impact/info',
    name: 'InformationalImpact',
    text: 'A node passes the change on or is touched without breaking',
    level: 'note',
    score: '1.0',
  },
};
const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0: one rule per impact severity, one result per impacted node, located at the
 * consumer's `.tf` file and line when its configuration was ingested, else at its state file
 * (paths relative to the estate root, resolved against `%SRCROOT%`).
 */
export function renderSarif(result: ImpactResult): string {
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
            rules: [
              ...SEVERITY_ORDER.map((s) => ({
                id: RULES[s].id,
                name: RULES[s].name,
                shortDescription: { text: RULES[s].text },
                defaultConfiguration: { level: RULES[s].level },
                properties: { 'security-severity': RULES[s].score, tags: ['terraform', 'impact'] },
              })),
              // The findings on what the change touches: their own rules, after the impact ones.
              ...findingRules(),
            ],
          },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The estate root' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.diagnostics
              .filter((d) => d.severity !== 'info')
              .map((d) => ({
                level: d.severity === 'error' ? 'error' : 'warning',
                message: { text: `${d.file ? `${d.file}: ` : ''}${d.message}` },
                descriptor: { id: d.code },
              })),
          },
        ],
        results: [
          ...result.impacts.map(sarifResult),
          ...(result.findings ?? []).map((f) => findingResult(f, SEVERITY_ORDER.length)),
        ],
        properties: { now: result.now, resultFormatVersion: result.formatVersion, summary: result.summary },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function sarifResult(i: Impact) {
  const file = i.source?.file ?? i.stateFile;
  return {
    ruleId: RULES[i.severity].id,
    ruleIndex: SEVERITY_ORDER.indexOf(i.severity),
    level: RULES[i.severity].level,
    message: {
      text: `${displayName(i)} (${i.workspace}) ${i.reason}. Noticed: ${noticeSentence(i)}. Why: ${describePath(i.path)}`,
    },
    locations: [
      {
        ...(file
          ? {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(file), uriBaseId: SRCROOT },
                ...(i.source ? { region: { startLine: i.source.line } } : {}),
              },
            }
          : {}),
        logicalLocations: [{ fullyQualifiedName: i.id, kind: i.kind === 'output' ? 'variable' : 'resource' }],
      },
    ],
    partialFingerprints: { 'impactNode/v1': `${i.id}|${i.causeId}` },
    properties: {
      severity: i.severity,
      cause: i.causeId,
      action: i.action,
      noticedAt: i.noticedAt,
      ...(i.alsoChangedBy ? { alsoChangedBy: i.alsoChangedBy } : {}),
    },
  };
}
