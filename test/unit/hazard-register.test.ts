import { hazardRolesOf, reminderAt } from '../../domain/hazard';
import { builtinPlan } from '../helpers/plans';

// P4 四(一): "随时摸排舆情隐患，填写网络舆情隐患排查表（附件3）及时上报领导小组办公室进行汇总". When an entry's
// reminder comes, and whom its notices reach, read from the plan's roles.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the reminder of a hazard register entry', () => {
  test('comes a day before its deadline when two days or more are left', () => {
    expect(reminderAt(0, 10 * DAY)).toBe(9 * DAY);
    expect(reminderAt(0, 2 * DAY)).toBe(DAY);
  });

  test('comes halfway when less than two days are left', () => {
    expect(reminderAt(0, 10 * HOUR)).toBe(5 * HOUR);
    expect(reminderAt(1_000, 1_000)).toBe(1_000);
  });
});

describe('the roles of the register', () => {
  test('P4: the involved unit and the leading group office, escalated one hop up to the office director', () => {
    expect(hazardRolesOf(builtinPlan('p4-wenquan-subdistrict'))).toEqual({
      unit: 'involved-unit',
      office: 'office',
      escalateTo: ['office-director'],
    });
  });

  test('a plan without a register says so', () => {
    expect(hazardRolesOf(builtinPlan('p1-acheng-agriculture'))).toBe(
      'plan p1-acheng-agriculture keeps no hazard register',
    );
  });
});
