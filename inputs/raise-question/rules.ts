import type { EpochMs, IncidentState, Plan, Question } from '../../domain/incident';
import { stepOf } from '../../domain/plan-reading';
import { questionIdOf, withQuestions } from '../../domain/question-rounds';
import { refuse } from '../../domain/refusal';
import { advance } from '../../engine/activation';
import { record } from '../../engine/timeline';
import { activeCheck } from '../checks';
import type { RaiseQuestionInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: RaiseQuestionInput) {
  const inactive = activeCheck(state, plan, input.actor);
  if (inactive) return inactive;
  const rounds = plan.questions;
  if (!rounds)
    return refuse('no-question-rounds', `plan ${plan.id} (version ${plan.version}) has no question rounds`);
  if (!rounds.raisedBy.includes(input.actor.role)) {
    return refuse(
      'wrong-role',
      `questions are raised by role ${rounds.raisedBy.join(' or ')}, not ${input.actor.role}`,
    );
  }
  const during = state.steps[rounds.during];
  if (during?.status !== 'open') {
    const title = stepOf(plan, rounds.during)?.title.en ?? rounds.during;
    return refuse(
      'wrong-status',
      `questions are raised while "${title}" is open; it is ${during?.status ?? 'absent'}`,
    );
  }
  return undefined;
}

/**
 * The question goes up and its round starts: the round's steps join the incident, the first opens now,
 * its owner is told, and each deadline counts from the question or from the step before it.
 */
export function apply(state: IncidentState, plan: Plan, input: RaiseQuestionInput, now: EpochMs) {
  const n = (state.questions?.length ?? 0) + 1;
  const question: Question = {
    id: `q${n}`,
    text: input.text,
    role: input.actor.role,
    raisedBy: input.actor.id,
    raisedAt: now,
  };
  state.questions = [...(state.questions ?? []), question];
  const expanded = withQuestions(plan, state.questions);
  const steps = expanded.steps.filter((s) => questionIdOf(s.id) === question.id);
  for (const step of steps) state.steps[step.id] = { id: step.id, status: 'waiting', breaches: [] };
  record(state, now, {
    type: 'question-raised',
    actor: input.actor.id,
    data: {
      questionId: question.id,
      text: input.text,
      role: input.actor.role,
      steps: steps.map((s) => s.id),
    },
  });
  return advance(state, expanded, now);
}
