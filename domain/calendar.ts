import type { Calendar } from './incident';

/**
 * The plan schema's calendar, by its own name: local "HH:MM" ranges (start inclusive, end exclusive),
 * ISO weekdays 1 = Monday … 7 = Sunday, holidays and make-up workdays (调休) as local "YYYY-MM-DD".
 * An alias rather than a mirror interface, so the two cannot drift apart; `import type` keeps zod out.
 */
export type WorkCalendar = Calendar;

/** 08:30–12:00 and 13:30–17:30, Monday to Friday, no holidays. */
export const DEFAULT_CALENDAR: WorkCalendar = {
  workingHours: [
    ['08:30', '12:00'],
    ['13:30', '17:30'],
  ],
  workdays: [1, 2, 3, 4, 5],
  holidays: [],
  extraWorkdays: [],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year: a fixed offset, never the host's time zone. */
const SHANGHAI_OFFSET = 8 * 3_600_000;
/** How far nextWorkingTime looks before it calls the calendar broken. */
const SEARCH_DAYS = 366;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar day of an instant, counted in days since 1970-01-01. */
function shanghaiDay(epochMs: number): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an instant in epoch milliseconds: ${epochMs}`);
  return Math.floor((epochMs + SHANGHAI_OFFSET) / DAY);
}

/** The instant a Shanghai calendar day begins (local midnight). */
function dayStart(day: number): number {
  return day * DAY - SHANGHAI_OFFSET;
}

function dateOfDay(day: number): string {
  const d = new Date(day * DAY);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function isWorkdayDay(calendar: WorkCalendar, day: number): boolean {
  const date = dateOfDay(day);
  // A date in both lists is reported by validateCalendar; at run time the holiday wins.
  if (calendar.holidays.includes(date)) return false;
  if (calendar.extraWorkdays.includes(date)) return true;
  return calendar.workdays.includes(isoWeekdayOfDay(day));
}

function minutesOf(hhmm: string): number | undefined {
  const match = HHMM.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

interface Span {
  /** Milliseconds after local midnight: start inclusive, end exclusive. */
  start: number;
  end: number;
}

/**
 * The working hours as sorted, merged spans. Malformed or empty ranges are dropped and overlaps merged,
 * so a calendar that validateCalendar would reject still gives a definite answer instead of a throw in
 * the middle of a workflow task.
 */
function workingSpans(calendar: WorkCalendar): Span[] {
  const spans: Span[] = [];
  for (const [from, to] of calendar.workingHours) {
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (start !== undefined && end !== undefined && start < end) {
      spans.push({ start: start * MINUTE, end: end * MINUTE });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The local date "YYYY-MM-DD" of an instant in Asia/Shanghai. */
export function localDate(epochMs: number): string {
  return dateOfDay(shanghaiDay(epochMs));
}

/** Whether the Shanghai date of the instant is a workday: a make-up workday counts, a holiday does not. */
export function isWorkday(calendar: WorkCalendar, epochMs: number): boolean {
  return isWorkdayDay(calendar, shanghaiDay(epochMs));
}

/** Whether the instant falls within working hours on a workday. */
export function isWorkingTime(calendar: WorkCalendar, epochMs: number): boolean {
  const day = shanghaiDay(epochMs);
  if (!isWorkdayDay(calendar, day)) return false;
  const sinceMidnight = epochMs - dayStart(day);
  return workingSpans(calendar).some((s) => sinceMidnight >= s.start && sinceMidnight < s.end);
}

/** The working interval containing epochMs, or the first one after it, clipped to start no earlier. */
function workingIntervalFrom(calendar: WorkCalendar, spans: Span[], epochMs: number): Span {
  const first = shanghaiDay(epochMs);
  if (spans.length > 0) {
    for (let day = first; day <= first + SEARCH_DAYS; day++) {
      if (!isWorkdayDay(calendar, day)) continue;
      const midnight = dayStart(day);
      for (const span of spans) {
        const end = midnight + span.end;
        if (epochMs < end) return { start: Math.max(epochMs, midnight + span.start), end };
      }
    }
  }
  throw new RangeError(
    `no working time within ${SEARCH_DAYS} days of ${localDate(epochMs)}: ${why(calendar, spans)}`,
  );
}

function why(calendar: WorkCalendar, spans: Span[]): string {
  const reason =
    spans.length === 0
      ? 'no working hours (workingHours holds no valid range)'
      : !calendar.workdays.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)
        ? 'no workdays (workdays names no weekday 1..7 and no extra workday falls within the search)'
        : 'every workday within the search is a holiday';
  const problems = validateCalendar(calendar);
  return problems.length === 0 ? reason : `${reason}; calendar problems: ${problems.join('; ')}`;
}

/**
 * The earliest instant at or after epochMs that is working time. Throws a RangeError naming the calendar's
 * problem when there is none within 366 days (no workdays, no working hours, a year of holidays).
 */
export function nextWorkingTime(calendar: WorkCalendar, epochMs: number): number {
  return workingIntervalFrom(calendar, workingSpans(calendar), epochMs).start;
}

/**
 * The instant reached after durationMs of working time counted from epochMs; time outside working hours
 * does not count. Friday 17:00 plus one hour with the default calendar is Monday 09:00. A duration that
 * runs out exactly at the end of a working range ends there (Friday 17:00 plus 30 minutes is 17:30), and
 * a zero duration returns epochMs unchanged, even outside working hours.
 */
export function addWorkingTime(calendar: WorkCalendar, epochMs: number, durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`working time to add must be a finite, non-negative duration: ${durationMs}`);
  }
  if (durationMs === 0) return epochMs;
  const spans = workingSpans(calendar);
  let cursor = epochMs;
  let remaining = durationMs;
  for (;;) {
    const interval = workingIntervalFrom(calendar, spans, cursor);
    const available = interval.end - interval.start;
    if (remaining <= available) return interval.start + remaining;
    remaining -= available;
    cursor = interval.end;
  }
}

function isRealDate(date: string): boolean {
  const match = YMD.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= monthDays;
}

/** Everything wrong with a calendar, one human-readable sentence each; empty when it is sound. */
export function validateCalendar(calendar: WorkCalendar): string[] {
  const problems: string[] = [];

  if (calendar.workingHours.length === 0) {
    problems.push('no working hours: workingHours is empty, so no time is ever working time');
  }
  const valid: { index: number; text: string; start: number; end: number }[] = [];
  calendar.workingHours.forEach(([from, to], index) => {
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (start === undefined) {
      problems.push(`workingHours[${index}] start "${from}" is not a local time HH:MM (00:00 to 23:59)`);
    }
    if (end === undefined) {
      problems.push(`workingHours[${index}] end "${to}" is not a local time HH:MM (00:00 to 23:59)`);
    }
    if (start === undefined || end === undefined) return;
    const text = `${from}–${to}`;
    if (start >= end) {
      problems.push(`workingHours[${index}] ${text} starts at or after it ends`);
      return;
    }
    valid.push({ index, text, start, end });
  });
  valid.forEach((b, j) => {
    const previous = valid[j - 1];
    if (previous && b.start < previous.start) {
      problems.push(
        `workingHours[${b.index}] ${b.text} is out of order: it starts before ` +
          `workingHours[${previous.index}] ${previous.text}`,
      );
    }
    for (const a of valid.slice(0, j)) {
      if (a.start < b.end && b.start < a.end) {
        problems.push(`workingHours[${b.index}] ${b.text} overlaps workingHours[${a.index}] ${a.text}`);
      }
    }
  });

  calendar.workdays.forEach((weekday, index) => {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      problems.push(`workdays[${index}] is ${weekday}: ISO weekdays run from 1 (Monday) to 7 (Sunday)`);
    } else if (calendar.workdays.indexOf(weekday) !== index) {
      problems.push(`workdays lists weekday ${weekday} more than once`);
    }
  });
  if (calendar.workdays.length === 0 && calendar.extraWorkdays.length === 0) {
    problems.push('no workdays: both workdays and extraWorkdays are empty');
  }

  for (const list of ['holidays', 'extraWorkdays'] as const) {
    calendar[list].forEach((date, index) => {
      if (!isRealDate(date)) {
        problems.push(`${list}[${index}] "${date}" is not a real local date YYYY-MM-DD`);
      } else if (calendar[list].indexOf(date) !== index) {
        problems.push(`${list} lists ${date} more than once`);
      }
    });
  }
  for (const date of new Set(calendar.holidays)) {
    if (calendar.extraWorkdays.includes(date)) {
      problems.push(`${date} is both a holiday and an extra workday`);
    }
  }
  return problems;
}
