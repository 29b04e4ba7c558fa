import type { EstateGraph } from '../graph/estate-graph.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { KUBERNETES_RESOURCE_TYPES } from './consumer-kind.js';
import type { NoticedBy } from './result-types.js';
import { isValidTimeZone } from './schedule/is-valid-time-zone.js';
import { nextRuns } from './schedule/next-runs.js';
import { parseScheduleExpression } from './schedule/parse-schedule-expression.js';
import type { ScheduledRun } from './schedule/schedule-types.js';

/** Types that read a secret when they start or run, not only when their configuration is applied. */
export const RUNTIME_TYPES = new Set([
  'aws_ecs_task_definition',
  'aws_ecs_service',
  'aws_lambda_function',
  'aws_batch_job_definition',
  'aws_glue_job',
  'aws_sfn_state_machine',
  'aws_apprunner_service',
  'aws_instance',
  'aws_launch_template',
  'aws_codebuild_project',
  'aws_elastic_beanstalk_environment',
  'aws_mwaa_environment',
  'aws_db_proxy',
  'aws_secretsmanager_secret_rotation',
  // Kubernetes objects declared in Terraform read secrets in the cluster: an ExternalSecret at its
  // next refresh, a SecretProviderClass or a chart's pods when they start.
  ...KUBERNETES_RESOURCE_TYPES,
]);

/** Next runs by expression, zone and time: thousands of consumers share a handful of schedules. */
const runCache = new Map<string, ScheduledRun | null>();

function nextRun(expression: string, timezone: string | undefined, now: Date): ScheduledRun | null {
  const key = `${expression}|${timezone ?? ''}|${now.getTime()}`;
  const hit = runCache.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseScheduleExpression(expression);
  // An unknown zone is reported by the findings; here the schedule is read in UTC rather than lost.
  const zone = timezone && isValidTimeZone(timezone) ? timezone : undefined;
  const run = parsed.kind === 'error' ? null : (nextRuns(parsed, now, 1, zone)[0] ?? null);
  if (runCache.size > 10_000) runCache.clear();
  runCache.set(key, run);
  return run;
}

export interface Notice {
  by: NoticedBy;
  at: Date | null;
}

/**
 * When will `id` notice a change made at `now`? At the next run of a schedule that starts it
 * (or of itself, for a schedule), at runtime for things that read values when they run, else
 * at the next apply of its configuration.
 */
export function noticeOf(
  graph: EstateGraph,
  id: string,
  causeWorkspace: string,
  now: Date,
  sameApply: boolean,
): Notice {
  const node = graph.getNodeAttributes(id);
  if (node.kind === 'external') return { by: { kind: 'external' }, at: null };
  if (sameApply && node.workspace === causeWorkspace) {
    return { by: { kind: 'same-apply', workspace: node.workspace }, at: now };
  }
  let best: Notice | null = null;
  const consider = (scheduleId: string, s: NodeAttributes['schedule'], name?: string): void => {
    if (!s || s.enabled === false) return;
    const run = nextRun(s.expression, s.timezone, now);
    if (!run) return;
    if (!best || (best.at && run.at < best.at)) {
      best = {
        by: {
          kind: 'schedule',
          scheduleId,
          expression: s.expression,
          ...(s.timezone ? { timezone: s.timezone } : {}),
          ...(run.latest ? { latest: true } : {}),
          ...(name ? { name } : {}),
        },
        at: run.at,
      };
    }
  };
  if (node.kind === 'schedule') consider(id, node.schedule, node.name);
  graph.forEachInEdge(id, (_e, attrs, source, _t, sourceAttrs) => {
    if (attrs.kind === 'schedules') consider(source, sourceAttrs.schedule, sourceAttrs.name);
  });
  if (node.type === 'aws_cloudwatch_event_target') {
    graph.forEachOutEdge(id, (_e, _a, _s, target, _sa, targetAttrs) => {
      if (targetAttrs.kind === 'schedule') consider(target, targetAttrs.schedule, targetAttrs.name);
    });
  }
  if (best) return best;
  if (node.type && RUNTIME_TYPES.has(node.type)) return { by: { kind: 'runtime' }, at: now };
  return { by: { kind: 'next-apply', workspace: node.workspace }, at: null };
}
