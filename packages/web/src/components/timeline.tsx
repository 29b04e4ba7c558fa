import type { Impact, Severity } from '@impact/core';
import { SEVERITY_COLOR, SEVERITY_RANK } from './colors.js';
import { formatDate, formatDay } from './format.js';

const DAY = 86_400_000;
const WIDTH = 900;
const LABEL = 300;
const ROW = 24;
const TOP = 40;

export interface TimelineProps {
  /** When the delete happens (the result's `now`). */
  now: string;
  /** End of the recovery window, when there is one. */
  windowEndsAt: string | null;
  impacts: Impact[];
}

/** Time axis from the delete through the recovery window's end, with each scheduled consumer's notice. */
export function Timeline({ now, windowEndsAt, impacts }: TimelineProps) {
  const start = Date.parse(now);
  const scheduled = impacts
    .filter(
      (i): i is Impact & { noticedAt: string } => i.noticedAt !== null && i.noticedBy.kind === 'schedule',
    )
    .sort((a, b) => Date.parse(a.noticedAt) - Date.parse(b.noticedAt) || a.id.localeCompare(b.id));
  const atOnce = impacts.filter((i) => i.noticedAt !== null && i.noticedBy.kind !== 'schedule');
  const undated = impacts.filter((i) => i.noticedAt === null).length;
  const dated: Row[] = [
    ...(atOnce.length > 0 ? [aggregate(atOnce, now)] : []),
    ...scheduled.map((i) => ({ ...i, key: `${i.causeId}|${i.id}`, title: i.label, workspace: i.workspace })),
  ];
  const windowEnd = windowEndsAt ? Date.parse(windowEndsAt) : null;
  const last = Math.max(start + DAY, windowEnd ?? 0, ...dated.map((i) => Date.parse(i.noticedAt)));
  const end = last + Math.max(DAY, (last - start) * 0.08);
  const x = (t: number) => LABEL + ((t - start) / (end - start)) * (WIDTH - LABEL - 20);
  const height = TOP + Math.max(1, dated.length) * ROW + 30;
  const step = tickStep(end - start);
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  const irrecoverable = impacts.filter((i) => i.severity === 'irrecoverable').length;

  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Timeline: ${scheduled.length} scheduled consumers, ${irrecoverable} irrecoverable`}
      >
        {windowEnd !== null && (
          <rect
            className="tl-window"
            x={x(start)}
            y={TOP - 14}
            width={Math.max(1, x(windowEnd) - x(start))}
            height={height - TOP - 2}
          />
        )}
        {ticks.map((t) => (
          <g key={t} className="tl-tick">
            <line x1={x(t)} x2={x(t)} y1={TOP - 14} y2={height - 16} />
            <text x={x(t)} y={height - 4} textAnchor="middle">
              {formatDay(new Date(t).toISOString()).slice(5)}
            </text>
          </g>
        ))}
        <g className="tl-now">
          <line x1={x(start)} x2={x(start)} y1={10} y2={height - 16} />
          <text x={x(start)} y={10} dy="0.8em" dx={-6} textAnchor="end">
            delete {formatDay(now)}
          </text>
        </g>
        {windowEnd !== null && (
          <g className="tl-window-end" data-testid="window-end">
            <line x1={x(windowEnd)} x2={x(windowEnd)} y1={10} y2={height - 16} />
            <text
              x={x(windowEnd)}
              y={10}
              dy="0.8em"
              dx={x(windowEnd) > WIDTH * 0.7 ? -4 : 4}
              textAnchor={x(windowEnd) > WIDTH * 0.7 ? 'end' : 'start'}
            >
              recovery window ends {formatDay(new Date(windowEnd).toISOString())}
            </text>
          </g>
        )}
        {dated.map((impact, row) => {
          const y = TOP + row * ROW + ROW / 2;
          const cx = x(Date.parse(impact.noticedAt));
          const lost = impact.severity === 'irrecoverable';
          return (
            <g key={impact.key} className="tl-mark" data-irrecoverable={lost} data-id={impact.id}>
              <title>{`${impact.title}${impact.workspace ? ` in ${impact.workspace}` : ''}: noticed ${formatDate(impact.noticedAt)}${lost ? ' — irrecoverable' : ''}`}</title>
              <text className="tl-label" x={LABEL - 10} y={y} dy="0.35em" textAnchor="end">
                {impact.workspace && (
                  <tspan className="tl-workspace">{`${shorten(impact.workspace, 18)} · `}</tspan>
                )}
                {shorten(impact.title, impact.workspace ? 24 : 42)}
              </text>
              <line className="tl-guide" x1={LABEL} x2={cx} y1={y} y2={y} />
              {lost ? (
                <path
                  d={`M${cx - 6},${y - 6}L${cx + 6},${y + 6}M${cx - 6},${y + 6}L${cx + 6},${y - 6}`}
                  stroke={SEVERITY_COLOR.irrecoverable}
                  strokeWidth={3}
                />
              ) : (
                <circle cx={cx} cy={y} r={6} fill={SEVERITY_COLOR[impact.severity]} />
              )}
            </g>
          );
        })}
        {scheduled.length === 0 && atOnce.length === 0 && (
          <text x={LABEL} y={TOP + ROW / 2} className="muted-text">
            no scheduled consumer
          </text>
        )}
      </svg>
      <figcaption>
        ✕ = noticed after the recovery window ends: the value is gone for good ({irrecoverable}). Shaded: the
        recovery window.{' '}
        {undated > 0 &&
          `${undated} other consumer${undated === 1 ? '' : 's'} notice at their next apply (no date).`}
      </figcaption>
    </figure>
  );
}

interface Row {
  key: string;
  id: string;
  title: string;
  /** The consumer's workspace (none for the row that groups consumers noticing at once). */
  workspace?: string;
  noticedAt: string;
  severity: Severity;
}

/** Consumers that notice at once (runtime, same apply) share one row instead of crowding the axis. */
function aggregate(impacts: Impact[], now: string): Row {
  const worst = [...impacts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
  return {
    key: 'at-once',
    id: 'at-once',
    title: `${impacts.length} at once (runtime, same apply)`,
    noticedAt: now,
    severity: worst?.severity ?? 'info',
  };
}

function tickStep(span: number): number {
  for (const days of [1, 2, 7, 14, 30, 90]) if (span / (days * DAY) <= 12) return days * DAY;
  return 180 * DAY;
}

function shorten(s: string, n: number): string {
  return s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}
