import {
  addWorkingTime,
  DEFAULT_CALENDAR,
  isWorkday,
  isWorkingTime,
  localDate,
  nextWorkingTime,
  validateCalendar,
  type WorkCalendar,
} from '../../domain/calendar';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** An instant given as Shanghai wall-clock time; the explicit offset keeps the host's time zone out. */
const sh = (local: string): number => {
  const ms = Date.parse(`${local}+08:00`);
  if (Number.isNaN(ms)) throw new Error(`bad test timestamp ${local}`);
  return ms;
};

/** The 2026 National Day arrangement: 1–7 October off, Sunday 20 September and Saturday 10 October worked. */
const nationalDay2026: WorkCalendar = {
  ...DEFAULT_CALENDAR,
  holidays: [
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  extraWorkdays: ['2026-09-20', '2026-10-10'],
};

const withHours = (workingHours: [string, string][]): WorkCalendar => ({ ...DEFAULT_CALENDAR, workingHours });

describe('localDate', () => {
  it('reads 2026-11-23T16:30:00Z as 00:30 on the 24th in Shanghai', () => {
    expect(localDate(Date.parse('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
  });

  it('keeps the UTC date until 16:00 UTC, the Shanghai midnight', () => {
    expect(localDate(Date.UTC(2026, 10, 23, 15, 59, 59, 999))).toBe('2026-11-23');
    expect(localDate(Date.UTC(2026, 10, 23, 16, 0, 0, 0))).toBe('2026-11-24');
  });

  it('converts instants before 1970 with the same fixed offset', () => {
    expect(localDate(Date.UTC(1969, 11, 31, 15, 59, 59, 999))).toBe('1969-12-31');
    expect(localDate(Date.UTC(1969, 11, 31, 16, 0, 0, 0))).toBe('1970-01-01');
  });

  it('refuses an instant that is not a finite number', () => {
    expect(() => localDate(Number.NaN)).toThrow(RangeError);
    expect(() => localDate(Number.POSITIVE_INFINITY)).toThrow(/not an instant/);
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-11-24T08:29:59.999', false],
    ['2026-11-24T08:30:00.000', true],
    ['2026-11-24T11:59:59.000', true],
    ['2026-11-24T11:59:59.999', true],
    ['2026-11-24T12:00:00.000', false],
    ['2026-11-24T13:29:59.999', false],
    ['2026-11-24T13:30:00.000', true],
    ['2026-11-24T17:29:59.999', true],
    ['2026-11-24T17:30:00.000', false],
    ['2026-11-24T00:00:00.000', false],
    ['2026-11-24T23:59:59.999', false],
  ])('on a Tuesday at %s Shanghai time is %s (start inclusive, end exclusive)', (local, expected) => {
    expect(isWorkingTime(DEFAULT_CALENDAR, sh(local))).toBe(expected);
  });

  it('is never working time on a Saturday or a Sunday with the default calendar', () => {
    expect(isWorkingTime(DEFAULT_CALENDAR, sh('2026-11-28T10:00'))).toBe(false);
    expect(isWorkingTime(DEFAULT_CALENDAR, sh('2026-11-29T10:00'))).toBe(false);
  });

  it('uses the Shanghai clock around UTC midnight, not the UTC one', () => {
    // 16:30Z on Monday the 23rd is 00:30 on Tuesday the 24th: a workday, but before working hours.
    expect(isWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-23T16:30:00Z'))).toBe(false);
    // 00:30Z on the 24th is 08:30 in Shanghai, the opening minute.
    expect(isWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-24T00:29:59.999Z'))).toBe(false);
    expect(isWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-24T00:30:00Z'))).toBe(true);
    // 09:30Z is 17:30 in Shanghai: closed, though it is mid-morning in UTC.
    expect(isWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-24T09:29:59.999Z'))).toBe(true);
    expect(isWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-24T09:30:00Z'))).toBe(false);
  });

  it.each([
    ['January (northern winter)', Date.UTC(2026, 0, 15, 0, 30)],
    ['July (northern summer)', Date.UTC(2026, 6, 15, 0, 30)],
    ['the Monday after the US spring-forward', Date.UTC(2026, 2, 9, 0, 30)],
    ['the Monday after the European spring-forward', Date.UTC(2026, 2, 30, 0, 30)],
    ['the Monday after the US fall-back', Date.UTC(2026, 10, 2, 0, 30)],
  ])('opens at 00:30 UTC = 08:30 Shanghai in %s: +8 all year, no DST', (_when, opening) => {
    expect(isWorkingTime(DEFAULT_CALENDAR, opening)).toBe(true);
    expect(isWorkingTime(DEFAULT_CALENDAR, opening - 1)).toBe(false);
    expect(localDate(opening)).toBe(new Date(opening).toISOString().slice(0, 10));
  });

  it('honours overlapping and unsorted ranges as their union', () => {
    const messy = withHours([
      ['13:00', '17:00'],
      ['08:00', '12:00'],
      ['11:00', '13:30'],
    ]);
    expect(isWorkingTime(messy, sh('2026-11-24T12:30'))).toBe(true);
    expect(isWorkingTime(messy, sh('2026-11-24T07:59'))).toBe(false);
    expect(isWorkingTime(messy, sh('2026-11-24T17:00'))).toBe(false);
  });

  it('ignores ranges that validateCalendar rejects instead of throwing', () => {
    const broken = withHours([
      ['8:30', '12:00'],
      ['14:00', '13:00'],
      ['13:30', '17:30'],
    ]);
    expect(isWorkingTime(broken, sh('2026-11-24T09:00'))).toBe(false);
    expect(isWorkingTime(broken, sh('2026-11-24T14:00'))).toBe(true);
  });
});

describe('isWorkday', () => {
  it('counts Monday to Friday and not the weekend with the default calendar', () => {
    expect(isWorkday(DEFAULT_CALENDAR, sh('2026-11-23T12:00'))).toBe(true);
    expect(isWorkday(DEFAULT_CALENDAR, sh('2026-11-27T12:00'))).toBe(true);
    expect(isWorkday(DEFAULT_CALENDAR, sh('2026-11-28T12:00'))).toBe(false);
    expect(isWorkday(DEFAULT_CALENDAR, sh('2026-11-29T12:00'))).toBe(false);
  });

  it('takes National Day, Thursday 2026-10-01, off although its weekday is a workday', () => {
    expect(isWorkday(nationalDay2026, sh('2026-10-01T10:00'))).toBe(false);
    expect(isWorkingTime(nationalDay2026, sh('2026-10-01T10:00'))).toBe(false);
    expect(isWorkday(nationalDay2026, sh('2026-10-07T10:00'))).toBe(false);
    expect(isWorkday(nationalDay2026, sh('2026-10-08T10:00'))).toBe(true);
  });

  it('works the make-up Saturday 2026-10-10 and the make-up Sunday 2026-09-20', () => {
    expect(isWorkday(nationalDay2026, sh('2026-10-10T10:00'))).toBe(true);
    expect(isWorkingTime(nationalDay2026, sh('2026-10-10T10:00'))).toBe(true);
    expect(isWorkingTime(nationalDay2026, sh('2026-10-10T12:30'))).toBe(false);
    expect(isWorkday(nationalDay2026, sh('2026-09-20T10:00'))).toBe(true);
    expect(isWorkday(nationalDay2026, sh('2026-10-11T10:00'))).toBe(false);
  });

  it('decides by the Shanghai date: 16:30Z on the make-up Saturday is already Sunday in Shanghai', () => {
    expect(isWorkday(nationalDay2026, Date.parse('2026-10-10T15:59:59.999Z'))).toBe(true);
    expect(isWorkday(nationalDay2026, Date.parse('2026-10-10T16:30:00Z'))).toBe(false);
  });

  it('lets the holiday win when a date is listed both ways', () => {
    const both: WorkCalendar = {
      ...DEFAULT_CALENDAR,
      holidays: ['2026-10-10'],
      extraWorkdays: ['2026-10-10'],
    };
    expect(isWorkday(both, sh('2026-10-10T10:00'))).toBe(false);
  });
});

describe('nextWorkingTime', () => {
  it('returns the instant itself when it is working time', () => {
    const t = sh('2026-11-24T10:17:23.456');
    expect(nextWorkingTime(DEFAULT_CALENDAR, t)).toBe(t);
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T08:30'))).toBe(sh('2026-11-24T08:30'));
  });

  it('moves an early morning instant to the 08:30 opening', () => {
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T08:29:59.999'))).toBe(sh('2026-11-24T08:30'));
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T07:00'))).toBe(sh('2026-11-24T08:30'));
  });

  it('moves the lunch break to 13:30', () => {
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T12:00'))).toBe(sh('2026-11-24T13:30'));
  });

  it('moves Friday 17:30 and the weekend to Monday 08:30', () => {
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-27T17:30'))).toBe(sh('2026-11-30T08:30'));
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-28T10:00'))).toBe(sh('2026-11-30T08:30'));
    expect(nextWorkingTime(DEFAULT_CALENDAR, sh('2026-11-29T23:59:59.999'))).toBe(sh('2026-11-30T08:30'));
  });

  it('finds the Shanghai opening for 00:30 local, which is the previous UTC day', () => {
    expect(nextWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-23T16:30:00Z'))).toBe(
      Date.parse('2026-11-24T00:30:00Z'),
    );
  });

  it('skips the National Day week and lands on the make-up Saturday after it', () => {
    expect(nextWorkingTime(nationalDay2026, sh('2026-09-30T17:30'))).toBe(sh('2026-10-08T08:30'));
    expect(nextWorkingTime(nationalDay2026, sh('2026-10-09T17:30'))).toBe(sh('2026-10-10T08:30'));
    expect(nextWorkingTime(nationalDay2026, sh('2026-09-19T09:00'))).toBe(sh('2026-09-20T08:30'));
  });

  it('finds an extra workday in a calendar without weekly workdays', () => {
    const onlyOnce: WorkCalendar = { ...DEFAULT_CALENDAR, workdays: [], extraWorkdays: ['2026-12-05'] };
    expect(nextWorkingTime(onlyOnce, sh('2026-11-24T09:00'))).toBe(sh('2026-12-05T08:30'));
  });

  it('throws a RangeError naming the problem when the calendar has no workdays', () => {
    const noWorkdays: WorkCalendar = { ...DEFAULT_CALENDAR, workdays: [] };
    expect(() => nextWorkingTime(noWorkdays, sh('2026-11-24T09:00'))).toThrow(RangeError);
    expect(() => nextWorkingTime(noWorkdays, sh('2026-11-24T09:00'))).toThrow(/no workdays/);
  });

  it('throws a RangeError naming the problem when the calendar has no working hours', () => {
    expect(() => nextWorkingTime(withHours([]), sh('2026-11-24T09:00'))).toThrow(/no working hours/);
    expect(() => nextWorkingTime(withHours([['17:00', '08:00']]), sh('2026-11-24T09:00'))).toThrow(
      /no working hours.*starts at or after it ends/,
    );
  });

  it('gives up after 366 days of holidays', () => {
    const holidays: string[] = [];
    for (let day = Date.UTC(2026, 0, 1); day <= Date.UTC(2027, 0, 10); day += 24 * HOUR) {
      holidays.push(new Date(day).toISOString().slice(0, 10));
    }
    const allOff: WorkCalendar = { ...DEFAULT_CALENDAR, holidays };
    expect(() => nextWorkingTime(allOff, sh('2026-01-01T09:00'))).toThrow(
      /no working time within 366 days of 2026-01-01: every workday within the search is a holiday/,
    );
  });
});

describe('addWorkingTime', () => {
  it('returns the start unchanged for a zero duration, even outside working hours', () => {
    const saturday = sh('2026-11-28T10:00');
    expect(addWorkingTime(DEFAULT_CALENDAR, saturday, 0)).toBe(saturday);
    const tuesday = sh('2026-11-24T10:00');
    expect(addWorkingTime(DEFAULT_CALENDAR, tuesday, 0)).toBe(tuesday);
  });

  it('adds plainly within one working range', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T09:00'), HOUR)).toBe(sh('2026-11-24T10:00'));
  });

  it('does not count the lunch break', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T11:30'), HOUR)).toBe(sh('2026-11-24T14:00'));
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T12:15'), 30 * MINUTE)).toBe(
      sh('2026-11-24T14:00'),
    );
  });

  it('turns Friday 17:00 plus one hour into Monday 09:00', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-27T17:00'), HOUR)).toBe(sh('2026-11-30T09:00'));
  });

  it('ends at 17:30 when the duration runs out exactly at closing', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-27T17:00'), 30 * MINUTE)).toBe(
      sh('2026-11-27T17:30'),
    );
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-27T17:00'), 30 * MINUTE + 1)).toBe(
      sh('2026-11-30T08:30:00.001'),
    );
  });

  it('spills a duration started at 17:00 Thursday into Friday morning', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-26T17:00'), 2 * HOUR)).toBe(sh('2026-11-27T10:00'));
  });

  it('starts counting at the next opening when started outside working hours', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-28T10:00'), HOUR)).toBe(sh('2026-11-30T09:30'));
    expect(addWorkingTime(DEFAULT_CALENDAR, Date.parse('2026-11-23T16:30:00Z'), HOUR)).toBe(
      sh('2026-11-24T09:30'),
    );
  });

  it('fits a 7.5-hour working day and a 37.5-hour working week exactly', () => {
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-23T08:30'), 7.5 * HOUR)).toBe(sh('2026-11-23T17:30'));
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-23T08:30'), 37.5 * HOUR)).toBe(
      sh('2026-11-27T17:30'),
    );
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-23T08:30'), 37.5 * HOUR + MINUTE)).toBe(
      sh('2026-11-30T08:31'),
    );
  });

  it('skips the National Day holidays', () => {
    expect(addWorkingTime(nationalDay2026, sh('2026-09-30T17:00'), HOUR)).toBe(sh('2026-10-08T09:00'));
  });

  it('counts the make-up Saturday as working time', () => {
    expect(addWorkingTime(nationalDay2026, sh('2026-10-09T17:00'), HOUR)).toBe(sh('2026-10-10T09:00'));
    expect(addWorkingTime(DEFAULT_CALENDAR, sh('2026-10-09T17:00'), HOUR)).toBe(sh('2026-10-12T09:00'));
  });

  it('refuses a negative or non-finite duration', () => {
    expect(() => addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T09:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingTime(DEFAULT_CALENDAR, sh('2026-11-24T09:00'), Number.NaN)).toThrow(
      /finite, non-negative/,
    );
  });

  it('passes on the RangeError of a calendar without working time', () => {
    const noWorkdays: WorkCalendar = { ...DEFAULT_CALENDAR, workdays: [] };
    expect(() => addWorkingTime(noWorkdays, sh('2026-11-24T09:00'), HOUR)).toThrow(/no workdays/);
  });

  it('agrees with a step-by-step count of working time across a holiday week', () => {
    // Starts, durations and the calendar's boundaries all fall on whole 5-minute steps, so each step is
    // wholly working time or wholly not, and sampling its first instant counts it exactly.
    const STEP = 5 * MINUTE;
    const start = sh('2026-09-28T00:00');
    const disagreements: string[] = [];
    for (let from = start; from < start + 16 * 24 * HOUR; from += 83 * STEP) {
      for (const duration of [STEP, 45 * MINUTE, 10 * HOUR]) {
        const until = addWorkingTime(nationalDay2026, from, duration);
        let counted = 0;
        for (let t = from; t < until; t += STEP) {
          if (isWorkingTime(nationalDay2026, t)) counted += STEP;
        }
        // The earliest such instant: the step just before it was working time.
        if (counted !== duration || !isWorkingTime(nationalDay2026, until - STEP)) {
          disagreements.push(`${new Date(from).toISOString()} + ${duration / MINUTE} min`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('validateCalendar', () => {
  it('finds nothing wrong with the default calendar or the 2026 National Day calendar', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([]);
    expect(validateCalendar(nationalDay2026)).toEqual([]);
  });

  it('accepts ranges that touch end to start', () => {
    expect(
      validateCalendar(
        withHours([
          ['08:00', '12:00'],
          ['12:00', '13:00'],
        ]),
      ),
    ).toEqual([]);
  });

  it('names each time that is not HH:MM', () => {
    expect(
      validateCalendar(
        withHours([
          ['8:30', '12:00'],
          ['13:30', '24:00'],
          ['18:00', '18:60'],
        ]),
      ),
    ).toEqual([
      'workingHours[0] start "8:30" is not a local time HH:MM (00:00 to 23:59)',
      'workingHours[1] end "24:00" is not a local time HH:MM (00:00 to 23:59)',
      'workingHours[2] end "18:60" is not a local time HH:MM (00:00 to 23:59)',
    ]);
  });

  it('rejects a range that starts at or after its end', () => {
    expect(
      validateCalendar(
        withHours([
          ['12:00', '08:30'],
          ['13:30', '13:30'],
        ]),
      ),
    ).toEqual([
      'workingHours[0] 12:00–08:30 starts at or after it ends',
      'workingHours[1] 13:30–13:30 starts at or after it ends',
    ]);
  });

  it('reports unsorted ranges', () => {
    expect(
      validateCalendar(
        withHours([
          ['13:30', '17:30'],
          ['08:30', '12:00'],
        ]),
      ),
    ).toEqual(['workingHours[1] 08:30–12:00 is out of order: it starts before workingHours[0] 13:30–17:30']);
  });

  it('reports overlapping ranges, also when they are not neighbours', () => {
    expect(
      validateCalendar(
        withHours([
          ['08:30', '12:00'],
          ['11:00', '13:00'],
        ]),
      ),
    ).toEqual(['workingHours[1] 11:00–13:00 overlaps workingHours[0] 08:30–12:00']);
    expect(
      validateCalendar(
        withHours([
          ['08:00', '18:00'],
          ['09:00', '10:00'],
          ['13:00', '14:00'],
        ]),
      ),
    ).toEqual([
      'workingHours[1] 09:00–10:00 overlaps workingHours[0] 08:00–18:00',
      'workingHours[2] 13:00–14:00 overlaps workingHours[0] 08:00–18:00',
    ]);
  });

  it('reports an empty list of working hours', () => {
    expect(validateCalendar(withHours([]))).toEqual([
      'no working hours: workingHours is empty, so no time is ever working time',
    ]);
  });

  it('rejects weekdays outside 1..7 and weekdays listed twice', () => {
    expect(validateCalendar({ ...DEFAULT_CALENDAR, workdays: [0, 1, 8, 2.5, 1] })).toEqual([
      'workdays[0] is 0: ISO weekdays run from 1 (Monday) to 7 (Sunday)',
      'workdays[2] is 8: ISO weekdays run from 1 (Monday) to 7 (Sunday)',
      'workdays[3] is 2.5: ISO weekdays run from 1 (Monday) to 7 (Sunday)',
      'workdays lists weekday 1 more than once',
    ]);
  });

  it('reports a calendar with no workdays at all', () => {
    expect(validateCalendar({ ...DEFAULT_CALENDAR, workdays: [] })).toEqual([
      'no workdays: both workdays and extraWorkdays are empty',
    ]);
    expect(validateCalendar({ ...DEFAULT_CALENDAR, workdays: [], extraWorkdays: ['2026-10-10'] })).toEqual(
      [],
    );
  });

  it('rejects date strings that are not real YYYY-MM-DD dates', () => {
    expect(
      validateCalendar({
        ...DEFAULT_CALENDAR,
        holidays: ['2026-02-29', '2028-02-29', '2026-13-01', '2026-10-1', '2026/10/01', '2026-04-31'],
        extraWorkdays: ['2026-00-10', '2026-10-10', '2026-10-10'],
      }),
    ).toEqual([
      'holidays[0] "2026-02-29" is not a real local date YYYY-MM-DD',
      'holidays[2] "2026-13-01" is not a real local date YYYY-MM-DD',
      'holidays[3] "2026-10-1" is not a real local date YYYY-MM-DD',
      'holidays[4] "2026/10/01" is not a real local date YYYY-MM-DD',
      'holidays[5] "2026-04-31" is not a real local date YYYY-MM-DD',
      'extraWorkdays[0] "2026-00-10" is not a real local date YYYY-MM-DD',
      'extraWorkdays lists 2026-10-10 more than once',
    ]);
  });

  it('reports a date that is both a holiday and an extra workday', () => {
    expect(
      validateCalendar({ ...DEFAULT_CALENDAR, holidays: ['2026-10-10'], extraWorkdays: ['2026-10-10'] }),
    ).toEqual(['2026-10-10 is both a holiday and an extra workday']);
  });
});
