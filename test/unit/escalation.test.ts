import { Plan } from '../../domain/plan-schema';
import { escalationChain, roleName } from '../../domain/plan-reading';
import { builtinPlan } from '../helpers/plans';
import { task, tinyPlanDoc } from './tiny-plan';

const p1 = builtinPlan('p1-acheng-agriculture');

describe('escalationChain', () => {
  it('climbs from the monitor through the office and the party group to the higher organization', () => {
    expect(escalationChain(p1, 'monitor')).toEqual(['monitor', 'office', 'party-group', 'higher-org']);
  });

  it('starts at the role asked about, nearest superior first', () => {
    expect(escalationChain(p1, 'commentator')).toEqual([
      'commentator',
      'office',
      'party-group',
      'higher-org',
    ]);
    expect(escalationChain(p1, 'party-group')).toEqual(['party-group', 'higher-org']);
  });

  it('is only the role itself when the role reports to nobody', () => {
    expect(escalationChain(p1, 'higher-org')).toEqual(['higher-org']);
  });

  it('is only the role itself when the plan does not know the role', () => {
    expect(escalationChain(p1, 'ghost')).toEqual(['ghost']);
  });

  it('stops instead of looping when a plan that skipped validation has a reportsTo cycle', () => {
    // Plan.parse checks the schema only; checkPlan (which would refuse the cycle) is deliberately bypassed.
    const cyclic = Plan.parse(
      tinyPlanDoc([task('work', 'clerk')], {
        roles: [
          { id: 'chief', names: { zh: '甲', en: 'A' }, reportsTo: 'clerk' },
          { id: 'lead', names: { zh: '乙', en: 'B' }, reportsTo: 'chief' },
          { id: 'clerk', names: { zh: '丙', en: 'C' }, reportsTo: 'lead' },
        ],
      }),
    );
    expect(escalationChain(cyclic, 'clerk')).toEqual(['clerk', 'lead', 'chief']);
  });
});

describe('roleName', () => {
  it('gives the bilingual name of a plan role', () => {
    expect(roleName(p1, 'monitor')).toEqual({ zh: '舆情监控员', en: 'Opinion monitor' });
  });

  it('falls back to the id for a role the plan does not know', () => {
    expect(roleName(p1, 'ghost')).toEqual({ zh: 'ghost', en: 'ghost' });
  });
});
