import type { Actor, IncidentState, Plan, Step, StepState } from '../domain/incident';
import { currentOwner, jointOwnersOf, stepOf } from '../domain/plan-reading';
import { refuse, type Refusal } from '../domain/refusal';
import { beijingTime } from '../domain/words';

// The refusals several inputs share: the step must be open and of the right kind, the actor in the
// role that acts on it now, the incident not closed.

export function openStepFor<K extends Step['kind']>(
  state: IncidentState,
  plan: Plan,
  stepId: string,
  kind: K,
): { step: Extract<Step, { kind: K }>; s: StepState } | Refusal {
  if (state.status === 'closed') return refuse('incident-closed', 'the incident is closed');
  const step = stepOf(plan, stepId);
  const s = state.steps[stepId];
  if (!step || !s) return refuse('unknown-step', `plan ${plan.id} has no step "${stepId}"`);
  if (step.kind !== kind)
    return refuse('wrong-step-kind', `step "${stepId}" is a ${step.kind} step, not ${kind}`);
  if (s.status !== 'open') {
    if (step.kind === 'approval' && s.status === 'done') {
      const last = s.decisions?.at(-1);
      return refuse(
        'already-decided',
        `step "${stepId}" was already approved${last ? ` by ${last.by} at ${beijingTime(last.at, last.at).zh}` : ''}`,
      );
    }
    return refuse('step-not-open', `step "${stepId}" is ${s.status}, not open`);
  }
  return { step: step as Extract<Step, { kind: K }>, s };
}

export function ownerCheck(step: Step, s: StepState, role: string, level: string): Refusal | undefined {
  const owners = [currentOwner(step, s, level), ...jointOwnersOf(step)];
  return owners.includes(role)
    ? undefined
    : refuse('wrong-role', `step "${step.id}" is done by role ${owners.join(' or ')}, not ${role}`);
}

export function activeCheck(state: IncidentState, plan: Plan, actor: Actor): Refusal | undefined {
  if (state.status === 'closed') return refuse('incident-closed', 'the incident is closed');
  if (!plan.roles.some((r) => r.id === actor.role)) {
    return refuse('unknown-role', `plan ${plan.id} has no role "${actor.role}"`);
  }
  return undefined;
}

export function leadCheck(state: IncidentState, actor: Actor, what: string): Refusal | undefined {
  return actor.role === state.leadRole
    ? undefined
    : refuse('wrong-role', `only the lead role ${state.leadRole} may ${what}, not ${actor.role}`);
}
