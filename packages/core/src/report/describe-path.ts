import type { PathStep } from '../impact/result-types.js';

/**
 * The "why" of an impact as one line, consumer first:
 * `billing::aws_ecs_task_definition.api —lookup(secret_id)→ platform::aws_secretsmanager_secret.db`.
 * Confidence is spelled out when it is weaker than an exact reference.
 */
export function describePath(path: readonly PathStep[]): string {
  if (path.length === 0) return '(the changed node itself)';
  const parts = [path[0]?.from ?? ''];
  for (const step of path) {
    const weak = step.confidence === 'reference' || step.confidence === 'exact' ? '' : `, ${step.confidence}`;
    parts.push(`—${step.kind}(${step.attribute}${weak})→ ${step.to}`);
  }
  return parts.join(' ');
}
