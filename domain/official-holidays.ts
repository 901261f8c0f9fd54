import { DEFAULT_CALENDAR, type WorkCalendar } from './calendar';
import { usesWorkingHours } from './plan-reading';
import type { Plan } from './plan-schema';

/**
 * A year's public holidays and make-up workdays (放假调休) as the State Council's General Office
 * published them, written the way the notice reads: each holiday as its first and last day, each
 * make-up workday on its own.
 */
export interface HolidayNotice {
  year: number;
  /** The notice's title and the day it was issued, so a reader can check every date against it. */
  notice: string;
  issued: string;
  holidays: { name: string; from: string; to: string }[];
  makeUpWorkdays: string[];
}

/**
 * Next year's dates: when the State Council publishes 《国务院办公厅关于 YYYY 年部分节假日安排的通知》
 * (usually in November), add one entry here, copied line by line from the notice, and add its lines
 * to test/unit/official-holidays.test.ts. Nothing else changes: incidents opened afterwards carry the
 * new dates; incidents already running keep the calendar they were opened with.
 */
export const HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    issued: '2024-11-12',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    issued: '2025-11-04',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

const DAY = 86_400_000;

/** Every local date from `from` to `to`, both included ("YYYY-MM-DD", counted in UTC: no zone shifts). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/** The years the published notices cover, in order. */
export const coveredYears = (notices: readonly HolidayNotice[] = HOLIDAY_NOTICES): number[] =>
  notices.map((n) => n.year).sort((a, b) => a - b);

/**
 * The working calendar plans use unless they bring their own: the default working hours on weekdays,
 * with the State Council's holidays off and its make-up workdays on.
 */
export function officialCalendar(notices: readonly HolidayNotice[] = HOLIDAY_NOTICES): WorkCalendar {
  return {
    ...DEFAULT_CALENDAR,
    holidays: notices.flatMap((n) => n.holidays.flatMap((h) => datesBetween(h.from, h.to))),
    extraWorkdays: notices.flatMap((n) => [...n.makeUpWorkdays]),
  };
}

export const OFFICIAL_CALENDAR: WorkCalendar = officialCalendar();

/**
 * The plan an incident is opened under: one whose deadlines depend on working hours and that brings no
 * calendar of its own takes the official one. Fixed in the incident's plan snapshot at intake, so the
 * incident keeps the dates it was opened with for life, and its history replays the same.
 */
export function withOfficialCalendar(plan: Plan, calendar: WorkCalendar = OFFICIAL_CALENDAR): Plan {
  return plan.calendar || !usesWorkingHours(plan) ? plan : { ...plan, calendar };
}

/**
 * What to tell the operator about the calendar's data on a given day: nothing while this year is
 * covered and, in December, next year too (the notice usually appears in November).
 */
export function holidayDataGap(nowMs: number, notices: readonly HolidayNotice[] = HOLIDAY_NOTICES) {
  const now = new Date(nowMs + 8 * 3_600_000);
  const year = now.getUTCFullYear();
  const years = coveredYears(notices);
  const missing = [year, ...(now.getUTCMonth() === 11 ? [year + 1] : [])].filter((y) => !years.includes(y));
  if (missing.length === 0) return undefined;
  return (
    `official holidays (放假调休) are known for ${years.join(', ')} only, not ${missing.join(', ')}: ` +
    `working-hour deadlines treat those years' holidays as workdays. Add the State Council's notice ` +
    `to domain/official-holidays.ts once it is published.`
  );
}
