import { addEvidence } from '../graph/estate-graph.js';
import type { Value } from '../model/workspace.js';
import type { LinkContext } from './link-context.js';
import { walkStrings } from './walk-strings.js';

/**
 * Schedules → what they start: an EventBridge rule through its `aws_cloudwatch_event_target`s
 * (target `arn`, `batch_target.job_definition`, `ecs_target.task_definition_arn`), and a
 * Scheduler schedule through its own `target`. The edge lets impact say when a consumer runs.
 */
export function linkSchedules(ctx: LinkContext): void {
  const rules = new Map<string, string>();
  const jobDefinitions = new Map<string, string>();
  for (const { id, workspace, resource } of ctx.instances) {
    if (resource.type === 'aws_batch_job_definition' && typeof resource.attributes.name === 'string') {
      jobDefinitions.set(`${workspace.name}|${resource.attributes.name}`, id);
    }
  }
  for (const { id, workspace, resource } of ctx.instances) {
    if (resource.type === 'aws_cloudwatch_event_rule' && typeof resource.attributes.name === 'string') {
      rules.set(`${workspace.name}|${resource.attributes.name}`, id);
    }
  }
  for (const { id, workspace, resource } of ctx.instances) {
    if (resource.mode !== 'managed') continue;
    if (resource.type === 'aws_cloudwatch_event_target') {
      const rule = rules.get(`${workspace.name}|${String(resource.attributes.rule ?? '')}`);
      if (!rule) {
        ctx.stats.unresolved.schedule_target = (ctx.stats.unresolved.schedule_target ?? 0) + 1;
        continue;
      }
      // The target is plumbing of its rule: it is noticed when the rule next fires.
      addEvidence(ctx.graph, id, rule, {
        kind: 'depends_on',
        attribute: 'rule',
        confidence: 'name',
        evidence: String(resource.attributes.rule),
      });
      const { arn, batch_target, ecs_target, input } = resource.attributes;
      link(
        ctx,
        rule,
        {
          arn: arn ?? null,
          batch_target: batch_target ?? null,
          ecs_target: ecs_target ?? null,
          input: input ?? null,
        },
        resource.address,
        workspace.name,
        jobDefinitions,
      );
    } else if (resource.type === 'aws_scheduler_schedule') {
      link(
        ctx,
        id,
        { target: resource.attributes.target ?? null },
        resource.address,
        workspace.name,
        jobDefinitions,
      );
    }
  }
}

function link(
  ctx: LinkContext,
  schedule: string,
  attrs: Record<string, Value>,
  via: string,
  workspace: string,
  jobDefinitions: Map<string, string>,
): void {
  walkStrings(attrs, '', (s, pathOf) => {
    const path = pathOf();
    let matches = ctx.index.match(s);
    if (matches.length === 0 && path.endsWith('job_definition')) {
      // Batch accepts a bare job definition name; look for it in the same configuration.
      const byName = jobDefinitions.get(`${workspace}|${s}`);
      matches = byName ? [{ id: byName, confidence: 'name' as const, matched: s }] : [];
    }
    for (const m of matches) {
      const node = ctx.graph.getNodeAttributes(m.id);
      if (node.type === 'aws_iam_role') continue;
      if (
        addEvidence(ctx.graph, schedule, m.id, {
          kind: 'schedules',
          attribute: `${via}.${path.replace(/^\./, '')}`,
          confidence: m.confidence,
          evidence: m.matched,
        })
      ) {
        ctx.stats.edges.schedules = (ctx.stats.edges.schedules ?? 0) + 1;
      }
    }
  });
}
