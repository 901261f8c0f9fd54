import { beijingTime, duration } from '../../domain/words';

const NOW = Date.parse('2026-11-30T12:00:00+08:00');

describe('times as people in Beijing write them', () => {
  test('a UTC instant reads as Beijing wall time, month and day without leading zeros', () => {
    expect(beijingTime(Date.parse('2026-11-24T01:30:00Z'), NOW)).toEqual({
      zh: '11月24日 09:30',
      en: '24 Nov 09:30 (Beijing time)',
    });
  });

  test('late evening UTC is already the next day in Beijing', () => {
    expect(beijingTime(Date.parse('2026-03-04T18:05:00Z'), NOW).zh).toBe('3月5日 02:05');
  });

  test('the year is written only when it is not the current one (in Beijing)', () => {
    expect(beijingTime(Date.parse('2025-12-31T15:59:00Z'), NOW).zh).toBe('2025年12月31日 23:59');
    expect(beijingTime(Date.parse('2025-12-31T16:00:00Z'), NOW).zh).toBe('1月1日 00:00');
    expect(beijingTime(Date.parse('2027-01-02T00:00:00Z'), NOW).en).toBe('2 Jan 2027 08:00 (Beijing time)');
  });
});

describe('durations in the largest units that matter', () => {
  test.each([
    [25 * 60_000, '25 分钟', '25 min'],
    [65 * 60_000, '1 小时 5 分', '1 h 5 min'],
    [2 * 3_600_000, '2 小时', '2 h'],
    [26 * 3_600_000 + 60_000, '1 天 2 小时 1 分', '1 d 2 h 1 min'],
    [20_000, '0 分钟', '0 min'],
  ])('%d ms is %s', (ms, zh, en) => {
    expect(duration(ms)).toEqual({ zh, en });
  });
});
