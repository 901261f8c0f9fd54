import { changeLead } from '.';
import { reclassify } from '../reclassify';
import { subside } from '../subside';
import { openIncident } from '../../engine/incident';
import { as, factsAt, MINUTE, T0 } from '../../test/helpers/input-fixtures';
import { builtinPlan } from '../../test/helpers/plans';

// P6 三: "Ⅲ级、Ⅳ级由有关乡镇、县直部门部门牵头处置。根据事态发展及网上舆情演变，县网信办可对牵头部门和响应级别进行
// 调整": the cyberspace office (the plan's classifier) changes the lead apart from the level, and the unit
// leading at Ⅲ/Ⅳ may not lower its own incident.

const p6 = builtinPlan('p6-lixian-cyberspace');
const atL3 = () => openIncident(factsAt('l3'), p6, T0, { correctness: true }).state;
const cac = as('cac');
const unit = as('involved-unit');

describe('changing the lead', () => {
  it('is the classifier’s: the unit leading cannot hand its incident on', () => {
    const state = atL3();
    expect(state.leadRole).toBe('involved-unit');
    expect(changeLead.validate(state, p6, { actor: unit, role: 'cac', reason: '移交' })?.code).toBe(
      'wrong-role',
    );
    expect(changeLead.validate(state, p6, { actor: cac, role: 'ghost', reason: 'x' })?.code).toBe(
      'unknown-role',
    );
    expect(changeLead.validate(state, p6, { actor: cac, role: 'involved-unit', reason: 'x' })?.code).toBe(
      'same-lead',
    );
  });

  it('moves the lead at the same level, tells both leads, and the new lead acts as the lead from then', () => {
    const state = atL3();
    const notices = changeLead.apply(
      state,
      p6,
      { actor: cac, role: 'cac', reason: '涉事单位处置不力' },
      T0 + 10 * MINUTE,
    );
    expect(state).toMatchObject({ level: 'l3', leadRole: 'cac' });
    expect(notices.map((n) => n.recipients)).toEqual([['cac', 'involved-unit']]);
    expect(state.timeline.at(-1)).toMatchObject({
      type: 'lead-changed',
      actor: cac.id,
      data: { from: 'involved-unit', to: 'cac', reason: '涉事单位处置不力' },
    });
    expect(subside.validate(state, p6, { actor: unit })?.code).toBe('wrong-role');
    expect(subside.validate(state, p6, { actor: cac })).toBeUndefined();
  });
});

describe('re-classifying down', () => {
  it('is refused to the unit leading its own incident, and left to the cyberspace office', () => {
    const state = atL3();
    expect(reclassify.validate(state, p6, { actor: unit, level: 'l4', reason: '影响已减弱' })?.code).toBe(
      'wrong-role',
    );
    expect(reclassify.validate(state, p6, { actor: unit, level: 'l2', reason: '升温' })).toBeUndefined();
    expect(reclassify.validate(state, p6, { actor: cac, level: 'l4', reason: '影响已减弱' })).toBeUndefined();
  });

  it('stays the lead’s own call in a plan without classifiers', () => {
    const p1 = builtinPlan('p1-acheng-agriculture');
    const state = openIncident(factsAt('l2'), p1, T0).state;
    const lead = as(state.leadRole);
    expect(reclassify.validate(state, p1, { actor: lead, level: 'l4', reason: '降级' })).toBeUndefined();
  });
});
