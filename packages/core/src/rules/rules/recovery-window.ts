import { isValidTimeZone } from '../../impact/schedule/is-valid-time-zone.js';
import { longestGap } from '../../impact/schedule/longest-gap.js';
import { parseScheduleExpression } from '../../impact/schedule/parse-schedule-expression.js';
import { secretIds, sureConsumers } from '../consumers.js';
import type { Rule } from '../rule-types.js';

const DAY = 86_400_000;

export const zeroRecoveryWindow: Rule = {
  id: 'zero-recovery-window',
  title: 'A consumed secret is deleted without a recovery window',
  level: 'error',
  check(ctx) {
    return secretIds(ctx.graph, 'secretsmanager', ctx.focus)
      .filter(
        (id) =>
          ctx.graph.getNodeAttributes(id).secret?.recoveryWindowDays === 0 &&
          sureConsumers(ctx.consumersOf(id)).length > 0,
      )
      .map((id) => {
        const consumers = sureConsumers(ctx.consumersOf(id));
        return {
          id,
          message: `${ctx.graph.getNodeAttributes(id).name ?? id} has recovery_window_in_days = 0 and ${consumers.length} consumer(s): a delete loses the value at once; use 7–30 days`,
          evidence: consumers.slice(0, 5).map((c) => c.id),
        };
      });
  },
};

export const recoveryWindowVsSchedule: Rule = {
  id: 'recovery-window-vs-schedule',
  title: 'A consumer runs less often than the recovery window is long',
  level: 'warn',
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    // Estates repeat a few schedules across thousands of consumers: each gap is worked out once
    // (at 100k resources this rule took 5.7 s, recomputing a year of fire times per consumer).
    const gaps = new Map<string, number>();
    const gapOf = (expression: string, zone: string | undefined): number => {
      const key = `${zone ?? ''} ${expression}`;
      let gap = gaps.get(key);
      if (gap === undefined) {
        const parsed = parseScheduleExpression(expression);
        gap = parsed.kind === 'error' ? Number.NaN : longestGap(parsed, ctx.now, 400, zone);
        gaps.set(key, gap);
      }
      return gap;
    };
    for (const id of secretIds(ctx.graph, undefined, ctx.focus)) {
      const secret = ctx.graph.getNodeAttributes(id).secret;
      const window = secret?.recoveryWindowDays;
      if (window === undefined || secret?.service !== 'secretsmanager') continue;
      for (const c of sureConsumers(ctx.consumersOf(id))) {
        const node = ctx.graph.getNodeAttributes(c.id);
        if (node.kind !== 'schedule' || !node.schedule) continue;
        const zone =
          node.schedule.timezone && isValidTimeZone(node.schedule.timezone)
            ? node.schedule.timezone
            : undefined;
        const gap = gapOf(node.schedule.expression, zone);
        if (window === 0) {
          // No window at all: whatever its schedule, the run after a delete finds nothing.
          out.push({
            id,
            message: `${c.id} (${node.schedule.expression}) reads ${ctx.graph.getNodeAttributes(id).name ?? id}, which has no recovery window: every run after a deletion finds the value gone for good; use 7–30 days`,
            evidence: [c.id, node.schedule.expression],
          });
          continue;
        }
        if (!Number.isFinite(gap) || gap <= window * DAY) continue;
        out.push({
          id,
          message: `${c.id} (${node.schedule.expression}) can go ${Math.round(gap / DAY)} days between runs, longer than the ${window}-day recovery window of ${ctx.graph.getNodeAttributes(id).name ?? id}: a deletion right after a run is noticed only when the value is gone for good`,
          evidence: [c.id, node.schedule.expression],
        });
      }
    }
    return out;
  },
};
