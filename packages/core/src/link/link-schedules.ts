import type { Mention } from '../graph/workspace-facts.js';
import type { IdentityMatch } from './identity-index.js';
import type { LinkContext } from './link-context.js';
import { type Scope, scopeOf } from './scope.js';

/**
 * Schedules → what they start: an EventBridge rule through its `aws_cloudwatch_event_target`s
 * (target `arn`, `batch_target.job_definition`, `ecs_target.task_definition_arn`), and a
 * Scheduler schedule through its own `target`. The edge lets impact say when a consumer runs.
 */
export function linkSchedules(ctx: LinkContext): void {
  for (const { facts, ids } of ctx.units) {
    const { rules, jobDefinitions, targets, schedulers } = facts.schedules;
    const ruleByName = new Map<string, string>();
    for (const r of rules) {
      const id = ids[r.index];
      if (id) ruleByName.set(r.name, id);
    }
    const jobByName = new Map<string, string>();
    for (const j of jobDefinitions) {
      const id = ids[j.index];
      if (id) jobByName.set(j.name, id);
    }
    for (const t of targets) {
      const id = ids[t.index];
      if (!id) continue;
      const rule = ruleByName.get(t.rule);
      if (!rule) {
        ctx.stats.unresolved.schedule_target = (ctx.stats.unresolved.schedule_target ?? 0) + 1;
        continue;
      }
      // The target is plumbing of its rule: it is noticed when the rule next fires.
      ctx.sink.edge(id, rule, {
        kind: 'depends_on',
        attribute: 'rule',
        confidence: 'name',
        evidence: t.rule,
      });
      const node = facts.resources[t.index]?.node;
      link(ctx, rule, t.mentions, node?.address ?? id, node ? scopeOf(node) : scopeOf({}), jobByName);
    }
    for (const s of schedulers) {
      const id = ids[s.index];
      const node = facts.resources[s.index]?.node;
      if (!id || !node) continue;
      link(ctx, id, s.mentions, node.address ?? id, scopeOf(node), jobByName);
    }
  }
}

function link(
  ctx: LinkContext,
  schedule: string,
  mentions: readonly Mention[],
  via: string,
  scope: Scope,
  jobByName: Map<string, string>,
): void {
  for (const { path, value } of mentions) {
    let matches: IdentityMatch[] = ctx.index.match(value, scope);
    if (matches.length === 0 && path.endsWith('job_definition')) {
      // Batch accepts a bare job definition name; look for it in the same configuration.
      const byName = jobByName.get(value);
      matches = byName ? [{ id: byName, confidence: 'name', matched: value }] : [];
    }
    for (const m of matches) {
      if (m.id === '' || ctx.graph.getNodeAttribute(m.id, 'type') === 'aws_iam_role') continue;
      ctx.sink.edge(schedule, m.id, {
        kind: 'schedules',
        attribute: `${via}.${path.replace(/^\./, '')}`,
        confidence: m.confidence,
        evidence: m.matched,
        ...(m.candidates ? { candidates: m.candidates } : {}),
      });
    }
  }
}
