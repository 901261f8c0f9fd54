import type { Actor, IncidentFacts, IncidentState } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import { openIncident } from '../../engine/incident';
import { completeStep } from '../../inputs/complete-step';
import { subside } from '../../inputs/subside';
import { builtinPlan } from './plans';

// What the tests beside each human input share: one incident reported at a fixed time, people named
// after their role, and the few states an input is tried from.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Tuesday 24 November 2026, 10:00 in Shanghai. */
export const T0 = Date.parse('2026-11-24T10:00:00+08:00');

/** Someone acting in `role`, recorded as `<role>-person`. */
export const as = (role: string): Actor => ({ id: `${role}-person`, role });

/** Incident inc-1, discovered and reported at T0 at `level`; `more` replaces any fact. */
export const factsAt = (level: string, more: Partial<IncidentFacts> = {}): IncidentFacts => ({
  id: 'inc-1',
  title: '测试舆情',
  summary: '',
  level,
  reporter: 'wang',
  discoveredAt: T0,
  ...more,
});

export type OpenOptions = Parameters<typeof openIncident>[3];

/** The state of incident inc-1 opened on `plan` at T0. */
export const openAt = (plan: Plan, level = 'l2', options: OpenOptions = {}): IncidentState =>
  openIncident(factsAt(level), plan, T0, options).state;

/** Opened at l2 and declared subsided by the lead a minute later: in aftercare, its review open. */
export function subsided(plan: Plan, options: OpenOptions = {}): IncidentState {
  const state = openAt(plan, 'l2', options);
  subside.apply(state, plan, { actor: as('lead') }, T0 + MINUTE);
  return state;
}

export const statusOf = (state: IncidentState, id: string) => state.steps[id]!.status;
export const lastEvent = (state: IncidentState) => state.timeline.at(-1)!;
export const eventsOf = (state: IncidentState, type: string) => state.timeline.filter((e) => e.type === type);

export const p1 = builtinPlan('p1-acheng-agriculture');

/** A P1 incident at level II with the work done up to the statement approval, ten minutes a step. */
export function p1AtApproval(): IncidentState {
  const state = openAt(p1);
  completeStep.apply(state, p1, { stepId: 'report-facts', actor: as('monitor') }, T0 + 10 * MINUTE);
  completeStep.apply(state, p1, { stepId: 'consult', actor: as('party-group') }, T0 + 20 * MINUTE);
  completeStep.apply(state, p1, { stepId: 'draft-statement', actor: as('office') }, T0 + 30 * MINUTE);
  return state;
}
