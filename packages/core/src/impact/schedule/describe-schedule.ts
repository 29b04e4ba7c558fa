import type { CronFields, ParsedSchedule } from './schedule-types.js';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const ALL_YEARS = 2199 - 1970 + 1;

const pad = (n: number): string => String(n).padStart(2, '0');
const weekdayName = (aws: number): string => WEEKDAY_NAMES[aws - 1] ?? String(aws);

/** Step when `values` are evenly spaced from below `step` and cover the whole cycle evenly, else undefined. */
function evenStep(values: readonly number[], cycle: number): number | undefined {
  const [first, second] = values;
  if (first === undefined || second === undefined) return undefined;
  const step = second - first;
  if (cycle % step !== 0 || first >= step || values.length !== cycle / step) return undefined;
  return values.every((value, i) => value === first + i * step) ? step : undefined;
}

type TimePhrase = { kind: 'at' | 'recurring'; text: string };

function timePhrase(fields: CronFields): TimePhrase | undefined {
  const { minutes, hours } = fields;
  const allHours = hours.length === 24;
  if (minutes.length === 60 && allHours) return { kind: 'recurring', text: 'every minute' };
  const minuteStep = evenStep(minutes, 60);
  if (minuteStep !== undefined && allHours) return { kind: 'recurring', text: `every ${minuteStep} minutes` };
  const [minute] = minutes;
  if (minutes.length === 1 && minute !== undefined) {
    if (allHours) return { kind: 'recurring', text: minute === 0 ? 'hourly' : `hourly at minute ${minute}` };
    const hourStep = evenStep(hours, 24);
    const [firstHour = 0] = hours;
    if (hourStep !== undefined && hours.length > 2) {
      const text =
        firstHour === 0 && minute === 0
          ? `every ${hourStep} hours`
          : firstHour === 0
            ? `every ${hourStep} hours at minute ${minute}`
            : `every ${hourStep} hours from ${pad(firstHour)}:${pad(minute)}`;
      return { kind: 'recurring', text };
    }
  }
  if (minutes.length * hours.length <= 4) {
    const times = hours.flatMap((hour) => minutes.map((m) => `${pad(hour)}:${pad(m)}`));
    return { kind: 'at', text: `at ${times.join(', ')}` };
  }
  return undefined;
}

function monthList(fields: CronFields): string | undefined {
  return fields.months.length === 12 ? undefined : fields.months.map((m) => MONTH_NAMES[m - 1]).join(', ');
}

function describeCron(fields: CronFields, expression: string): string {
  const time = timePhrase(fields);
  if (time === undefined) return expression;
  const months = monthList(fields);
  const yearSuffix = fields.years.length === ALL_YEARS ? '' : ` in ${fields.raw.year}`;
  const day = fields.day;
  let text: string;
  if (day.kind === 'day-of-month') {
    const parts = [
      ...day.days.map((d) => `day ${d}`),
      ...day.lastDayOffsets.map((offset) =>
        offset === 0 ? 'the last day' : `${offset} day${offset === 1 ? '' : 's'} before the last day`,
      ),
      ...day.nearestWeekdays.map((d) => `the weekday nearest day ${d}`),
      ...(day.lastWeekday ? ['the last weekday'] : []),
    ];
    const everyDay = day.days.length === 31;
    if (everyDay) {
      const monthSuffix = months === undefined ? '' : ` in ${months}`;
      text = time.kind === 'at' ? `daily ${time.text}${monthSuffix}` : `${time.text}${monthSuffix}`;
    } else {
      const dayText = parts.length > 3 ? `days ${fields.raw.dayOfMonth}` : parts.join(', ');
      if (months === undefined) {
        text =
          time.kind === 'at'
            ? `monthly on ${dayText} ${time.text}`
            : `${time.text} on ${dayText} of each month`;
      } else {
        text =
          time.kind === 'at'
            ? `on ${dayText} of ${months} ${time.text}`
            : `${time.text} on ${dayText} of ${months}`;
      }
    }
  } else {
    const weekdays = [...day.weekdays];
    let dayText: string;
    const monthSuffix = months === undefined ? '' : ` in ${months}`;
    const plain = day.nthWeekdays.length === 0 && day.lastWeekdays.length === 0;
    if (plain && weekdays.length === 7) {
      dayText = '';
    } else if (plain && weekdays.join() === '2,3,4,5,6') {
      dayText = 'on weekdays';
    } else if (plain && weekdays.join() === '1,7') {
      dayText = 'on weekends';
    } else if (plain && weekdays.length === 1) {
      dayText = `every ${weekdayName(weekdays[0] ?? 0)}`;
    } else {
      const parts = [
        ...weekdays.map(weekdayName),
        ...day.nthWeekdays.map((e) => `the ${ORDINALS[e.nth - 1]} ${weekdayName(e.weekday)} of the month`),
        ...day.lastWeekdays.map((w) => `the last ${weekdayName(w)} of the month`),
      ];
      dayText = `on ${parts.join(', ')}`;
    }
    if (dayText === '') {
      text = time.kind === 'at' ? `daily ${time.text}${monthSuffix}` : `${time.text}${monthSuffix}`;
    } else {
      text =
        time.kind === 'at'
          ? `${dayText} ${time.text}${monthSuffix}`
          : `${time.text} ${dayText}${monthSuffix}`;
    }
  }
  return `${text}${yearSuffix}`;
}

/** Short human text: "monthly on day 1 at 03:00", "every 4 hours", "every 7 days"; else the expression. */
export function describeSchedule(schedule: ParsedSchedule): string {
  switch (schedule.kind) {
    case 'rate': {
      const unit = schedule.unit.slice(0, -1);
      return schedule.value === 1 ? `every ${unit}` : `every ${schedule.value} ${schedule.unit}`;
    }
    case 'at':
      return `once at ${schedule.at.replace('T', ' ')}`;
    case 'cron':
      return describeCron(schedule.fields, schedule.expression);
  }
}
