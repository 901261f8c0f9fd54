import { DEFAULT_CALENDAR, isWorkday, isWorkingTime } from '../../domain/calendar';
import {
  HOLIDAY_NOTICES,
  OFFICIAL_CALENDAR,
  datesBetween,
  holidayDataGap,
  withOfficialCalendar,
  type HolidayNotice,
} from '../../domain/official-holidays';
import { dueAtFor } from '../../engine/deadlines';
import { openIncident } from '../../engine/incident';
import { builtinPlan } from '../helpers/plans';

// The notices' own lines (国务院办公厅关于2025年/2026年部分节假日安排的通知), read here independently of
// domain/official-holidays.ts: every date the data holds must be what these sentences say.
const NOTICE_LINES: Record<number, string[]> = {
  2025: [
    '一、元旦：1月1日（周三）放假1天，不调休。',
    '二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。',
    '三、清明节：4月4日（周五）至6日（周日）放假，共3天。',
    '四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。',
    '五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。',
    '六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。',
  ],
  2026: [
    '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
    '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
    '三、清明节：4月4日（周六）至6日（周一）放假，共3天。',
    '四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。',
    '五、端午节：6月19日（周五）至21日（周日）放假，共3天。',
    '六、中秋节：9月25日（周五）至27日（周日）放假，共3天。',
    '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
  ],
};

const WEEKDAY = '一二三四五六日';
const HOLIDAY =
  /^[一二三四五六七]、(.+?)：(\d+)月(\d+)日（[^）]*?周(.)）(?:至(?:(\d+)月)?(\d+)日（[^）]*?周(.)）)?放假(?:调休)?(?:，共(\d+)天|(\d+)天)/;
const MAKE_UP = /(\d+)月(\d+)日（周(.)）/g;

interface Read {
  name: string;
  from: string;
  to: string;
  days: number;
  weekdays: [string, string];
  makeUp: { date: string; weekday: string }[];
}

const ymd = (year: number, month: string, day: string) =>
  `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;

function readLine(year: number, line: string): Read {
  const m = HOLIDAY.exec(line);
  if (!m) throw new Error(`cannot read: ${line}`);
  const [, name, month, day, firstWd, toMonth, toDay, lastWd, total, single] = m;
  const from = ymd(year, month!, day!);
  const to = toDay === undefined ? from : ymd(year, toMonth ?? month!, toDay);
  const workPart = line.slice(line.indexOf('。') + 1);
  const makeUp = workPart.includes('上班')
    ? [...workPart.matchAll(MAKE_UP)].map((w) => ({ date: ymd(year, w[1]!, w[2]!), weekday: w[3]! }))
    : [];
  return {
    name: name!,
    from,
    to,
    days: Number(total ?? single),
    weekdays: [firstWd!, lastWd ?? firstWd!],
    makeUp,
  };
}

/** 周一 … 周日 of a local date, from the date itself. */
const weekdayOf = (date: string) => WEEKDAY[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
/** 10:00 Beijing time on a local date. */
const tenAm = (date: string) => Date.parse(`${date}T10:00:00+08:00`);

const notices = HOLIDAY_NOTICES.map((n) => [n.year, n] as const);

describe.each(notices)('the %i notice as published', (year, notice: HolidayNotice) => {
  const read = NOTICE_LINES[year]!.map((line) => readLine(year, line));

  test('names every holiday, first and last day, in the notice order', () => {
    expect(notice.holidays).toEqual(read.map(({ name, from, to }) => ({ name, from, to })));
  });

  test.each(NOTICE_LINES[year]!.map((line, i) => [line, i] as const))('%s', (_line, i) => {
    const r = read[i]!;
    expect(datesBetween(r.from, r.to)).toHaveLength(r.days);
    expect([weekdayOf(r.from), weekdayOf(r.to)]).toEqual(r.weekdays);
    for (const w of r.makeUp) expect(weekdayOf(w.date)).toBe(w.weekday);
  });

  test('lists exactly the make-up workdays the notice names', () => {
    expect(notice.makeUpWorkdays).toEqual(read.flatMap((r) => r.makeUp.map((w) => w.date)));
  });

  const holidays = read.flatMap((r) => datesBetween(r.from, r.to).map((d) => [d, r.name] as const));
  test.each(holidays)('%s (%s) is a day off: no working time at 10:00', (date) => {
    expect(isWorkday(OFFICIAL_CALENDAR, tenAm(date))).toBe(false);
    expect(isWorkingTime(OFFICIAL_CALENDAR, tenAm(date))).toBe(false);
  });

  const makeUp = read.flatMap((r) => r.makeUp.map((w) => [w.date, `周${w.weekday}`] as const));
  test.each(makeUp)('%s (%s) is a make-up workday: 10:00 is working time', (date) => {
    expect(isWorkday(DEFAULT_CALENDAR, tenAm(date))).toBe(false);
    expect(isWorkingTime(OFFICIAL_CALENDAR, tenAm(date))).toBe(true);
  });
});

test('an ordinary weekday and weekend keep the default working week', () => {
  expect(isWorkingTime(OFFICIAL_CALENDAR, tenAm('2026-03-10'))).toBe(true); // a Tuesday
  expect(isWorkingTime(OFFICIAL_CALENDAR, tenAm('2026-03-14'))).toBe(false); // a Saturday
  expect(isWorkingTime(OFFICIAL_CALENDAR, Date.parse('2026-03-10T12:30:00+08:00'))).toBe(false);
});

// P6 五(一) 1)："县网信办工作人员工作时间10分钟、休息时间30分内全员到岗" — in the holidays the State
// Council publishes, not only at weekends.
describe('P6 staff at their posts counts by the official calendar', () => {
  const p6 = builtinPlan('p6-lixian-cyberspace');
  const step = p6.steps.find((s) => s.id === 'staff-at-post')!;
  const dueAfter = (plan: typeof p6, date: string) => {
    const at = tenAm(date);
    const { state } = openIncident(
      { id: 'i', title: 't', summary: '', level: 'l1', reporter: 'r', discoveredAt: at },
      plan,
      at,
      { correctness: true },
    );
    return ((dueAtFor(plan, step, state, at) ?? NaN) - at) / 60_000;
  };
  const opened = withOfficialCalendar(p6);

  test.each([
    ['2026-02-16', '春节 Monday', 30],
    ['2026-10-05', '国庆节 Monday', 30],
    ['2026-02-14', 'make-up Saturday', 10],
    ['2026-02-24', 'ordinary Tuesday', 10],
    ['2026-03-14', 'ordinary Saturday', 30],
  ] as const)('activated 10:00 on %s (%s): %i minutes', (date, _what, minutes) => {
    expect(dueAfter(opened, date)).toBe(minutes);
  });

  test('an incident opened before the calendar shipped (no calendar in its snapshot) counts as it did', () => {
    expect(p6.calendar).toBeUndefined();
    expect(dueAfter(p6, '2026-02-16')).toBe(10);
    expect(dueAfter(p6, '2026-02-14')).toBe(30);
  });
});

test('a plan keeps its own calendar, and a plan without working-hour deadlines carries none', () => {
  const p6 = builtinPlan('p6-lixian-cyberspace');
  const own = { ...DEFAULT_CALENDAR, holidays: ['2026-03-10'] };
  expect(withOfficialCalendar({ ...p6, calendar: own }).calendar).toBe(own);
  expect(withOfficialCalendar(p6).calendar).toBe(OFFICIAL_CALENDAR);
  const p1 = builtinPlan('p1-acheng-agriculture');
  expect(withOfficialCalendar(p1)).toBe(p1);
});

test('the operator is told when this year, or next year in December, has no published dates', () => {
  expect(holidayDataGap(Date.parse('2026-06-01T10:00:00+08:00'))).toBeUndefined();
  expect(holidayDataGap(Date.parse('2026-12-01T10:00:00+08:00'))).toMatch(
    /not 2027.*domain\/official-holidays\.ts/,
  );
  expect(holidayDataGap(Date.parse('2027-01-01T00:30:00+08:00'))).toMatch(/not 2027/);
  expect(holidayDataGap(Date.parse('2025-12-31T23:00:00+08:00'))).toBeUndefined();
});
