import type { Change, Impact, Severity } from '../impact/result-types.js';
import { mermaidLabel } from './mermaid-label.js';

const CLASSES: Record<Severity | 'changed', string> = {
  changed: 'fill:#1f2937,color:#ffffff,stroke:#111827',
  irrecoverable: 'fill:#7f1d1d,color:#ffffff,stroke:#450a0a',
  breaks: 'fill:#fecaca,color:#7f1d1d,stroke:#b91c1c',
  degraded: 'fill:#fef3c7,color:#78350f,stroke:#b45309',
  info: 'fill:#f3f4f6,color:#374151,stroke:#9ca3af',
};

/**
 * The blast radius as a Mermaid flowchart: the changed nodes, every listed impact and the
 * edges of their "why" paths (consumer → producer, as in the graph), coloured by severity.
 * Node ids are numbered (`n0`…) and the real ids go in escaped labels, so no id can break
 * the syntax.
 */
export function renderMermaid(changes: readonly Change[], impacts: readonly Impact[]): string {
  const ids = new Map<string, string>();
  const klass = new Map<string, Severity | 'changed'>();
  const key = (id: string) => {
    let k = ids.get(id);
    if (!k) {
      k = `n${ids.size}`;
      ids.set(id, k);
    }
    return k;
  };
  for (const c of changes) {
    if (!c.id || !impacts.some((i) => i.causeId === c.id)) continue;
    key(c.id);
    klass.set(c.id, 'changed');
  }
  for (const i of impacts) {
    key(i.id);
    klass.set(i.id, i.severity);
  }
  const edges = new Set<string>();
  for (const i of impacts) {
    for (const step of i.path) edges.add(`  ${key(step.from)} -->|${step.kind}| ${key(step.to)}`);
  }
  const lines = ['flowchart RL'];
  for (const [id, k] of ids) lines.push(`  ${k}["${mermaidLabel(id)}"]`);
  lines.push(...edges);
  for (const [name, style] of Object.entries(CLASSES)) {
    const members = [...klass].filter(([, c]) => c === name).map(([id]) => ids.get(id));
    if (members.length === 0) continue;
    lines.push(`  classDef ${name} ${style}`);
    lines.push(`  class ${members.join(',')} ${name}`);
  }
  return lines.join('\n');
}
