import type { Plan, Step } from './plan-schema';
import type { IncidentState, Question } from './incident';

// A question round is the plan's round template run anew for each question raised (P1 第七步, P2 第五步,
// P3 六): its steps join the plan under ids of their own, q1-consult, q2-consult, so the engine opens,
// holds to deadlines, escalates and approves them as it does every other step, and a page or the review
// draws them from the plan and the incident's questions alone.

const ROUND_ID = /^q(\d+)-/;

/** The id a round's step takes for one question: q2 + consult → q2-consult. */
const roundStepId = (questionId: string, stepId: string): string => `${questionId}-${stepId}`;

/** The question a step belongs to, if it is a round's step. */
export const questionIdOf = (stepId: string): string | undefined => {
  const m = ROUND_ID.exec(stepId);
  return m ? `q${m[1]}` : undefined;
};

/** Reserved for rounds: a plan's own steps may not take such ids. */
export const isRoundStepId = (stepId: string): boolean => ROUND_ID.test(stepId);

/** One question's round: the template's steps with their ids, and their references, made its own. */
function roundSteps(plan: Plan, question: Pick<Question, 'id'>, n: number): Step[] {
  const own = (id: string) => roundStepId(question.id, id);
  return (plan.questions?.steps ?? []).map((step): Step => {
    const from = step.deadline?.from;
    const title = { zh: `疑问${n}：${step.title.zh}`, en: `Question ${n}: ${step.title.en}` };
    return {
      ...step,
      id: own(step.id),
      title,
      after: step.after.map(own),
      ...(step.kind === 'approval' ? { revises: own(step.revises) } : {}),
      ...(step.deadline && typeof from === 'object'
        ? { deadline: { ...step.deadline, from: { stepDone: own(from.stepDone) } } }
        : {}),
    } as Step;
  });
}

/**
 * The plan an incident runs now: its own steps, then each raised question's round. Without questions it
 * is the plan itself, so incidents that never raise one run exactly as before.
 */
export function withQuestions(plan: Plan, questions: readonly Question[] | undefined): Plan {
  if (!plan.questions || !questions?.length) return plan;
  const own = plan.steps.filter((s) => !isRoundStepId(s.id));
  return { ...plan, steps: [...own, ...questions.flatMap((q, i) => roundSteps(plan, q, i + 1))] };
}

/** When the question a round's step answers was raised: its 'raised' deadlines count from then. */
export function raisedAtOf(state: Pick<IncidentState, 'questions'>, stepId: string): number | undefined {
  const id = questionIdOf(stepId);
  return state.questions?.find((q) => q.id === id)?.raisedAt;
}
