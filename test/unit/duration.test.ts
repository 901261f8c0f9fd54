import { IsoDuration } from '../../domain/plan-schema';
import { durationMs } from '../../domain/duration';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('durationMs', () => {
  it.each([
    ['PT30M', 30 * MINUTE],
    ['PT12H', 12 * HOUR],
    ['PT45S', 45 * SECOND],
    ['P1D', DAY],
    ['P2DT3H', 2 * DAY + 3 * HOUR],
    ['PT36H', 36 * HOUR],
    ['PT90M', 90 * MINUTE],
    ['PT0S', 0],
    ['P1DT2H30M15S', DAY + 2 * HOUR + 30 * MINUTE + 15 * SECOND],
  ])('reads %s as %d milliseconds', (iso, ms) => {
    expect(durationMs(iso)).toBe(ms);
  });

  it('gives P1DT2H30M15S as 95,415 seconds', () => {
    expect(durationMs('P1DT2H30M15S')).toBe(95_415_000);
  });

  it.each([
    ['P', 'no parts at all'],
    ['PT', 'a time marker with no time parts'],
    ['P1DT', 'a dangling time marker after days'],
    ['', 'an empty string'],
    ['garbage', 'garbage'],
    ['30M', 'no leading P'],
    ['pt30m', 'lower case'],
    ['PT1.5H', 'a fraction'],
    ['P1W', 'weeks, outside the subset'],
    ['P1M', 'months, outside the subset'],
    ['-PT1H', 'a sign'],
    ['PT30M1H', 'parts out of order'],
    [' PT30M', 'surrounding space'],
  ])('refuses %j (%s) with a RangeError naming the input', (iso) => {
    expect(() => durationMs(iso)).toThrow(RangeError);
    expect(() => durationMs(iso)).toThrow(
      `not an ISO-8601 duration of days, hours, minutes and seconds: ${iso}`,
    );
  });

  it.each(['P', 'PT', 'P1DT', 'garbage', 'PT1.5H', 'P1W', 'PT30M', 'P1DT2H30M15S', 'P3D', 'PT0S'])(
    'agrees with the plan schema on whether %j is a duration',
    (iso) => {
      const schemaAccepts = IsoDuration.safeParse(iso).success;
      let engineAccepts = true;
      try {
        durationMs(iso);
      } catch {
        engineAccepts = false;
      }
      expect(engineAccepts).toBe(schemaAccepts);
    },
  );
});
