import type { NoticedBy } from '../impact/result-types.js';

/** How a consumer notices a change, without the time: "on the next run of … (cron(…))". */
export function describeNotice(by: NoticedBy): string {
  switch (by.kind) {
    case 'schedule':
      return `${by.latest ? 'at the latest ' : ''}on the next run of ${by.scheduleId} (${by.expression}${by.timezone ? ` ${by.timezone}` : ''})`;
    case 'runtime':
      return 'at runtime (next start or invocation)';
    case 'next-apply':
      return `at the next apply of ${by.workspace}`;
    case 'same-apply':
      return `in the same apply of ${by.workspace}`;
    case 'external':
      return 'when the outside principal next uses it';
  }
}
