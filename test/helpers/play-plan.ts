import { ownerAt } from '../../domain/plan-reading';
import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { submitReview } from '../../inputs/submit-review';
import { subside } from '../../inputs/subside';
import type { Plan } from '../../domain/plan-schema';
import { openIncident } from '../../engine/incident';
import type { IncidentState } from '../../domain/incident';

const person = (role: string) => ({ id: `person-of-${role}`, role });

/** Fails the test with the refusal when the engine refuses an input the plan should allow. */
function accepted(refusal: { code: string; message: string } | undefined, what: string): void {
  if (refusal) throw new Error(`${what} refused: ${refusal.code}: ${refusal.message}`);
}

/**
 * Plays every role through the pure engine and its validators: acts on open steps in plan order
 * (approving every approval, filling in every review), and when only monitoring is left, the lead role
 * declares the incident subsided. Returns the final state and who did what, in order. `flags` hold
 * from intake.
 */
export function playToClosed(
  plan: Plan,
  level: string,
  start: number,
  flags: string[] = [],
): { state: IncidentState; acted: string[] } {
  const facts = {
    ...(flags.length > 0 ? { flags } : {}),
    id: `${plan.id}-${level}`,
    title: '测试舆情',
    summary: '',
    level,
    reporter: 'tester',
    discoveredAt: start,
  };
  const { state } = openIncident(facts, plan, start);
  const acted: string[] = [];
  let now = start;
  for (let round = 0; round < 100 && state.status !== 'closed'; round++) {
    now += 60_000;
    const step = plan.steps.find(
      (s) => state.steps[s.id]!.status === 'open' && s.kind !== 'monitor' && s.kind !== 'notify',
    );
    if (!step) {
      const input = { actor: person(state.leadRole) };
      accepted(subside.validate(state, plan, input), 'subside');
      subside.apply(state, plan, input, now);
      acted.push(`subside:${state.leadRole}`);
    } else if (step.kind === 'task') {
      const input = { stepId: step.id, actor: person(ownerAt(step, state.level)!) };
      accepted(completeStep.validate(state, plan, input), step.id);
      completeStep.apply(state, plan, input, now);
      acted.push(`${step.id}:${ownerAt(step, state.level)!}`);
    } else if (step.kind === 'approval') {
      const role = step.approvers[state.steps[step.id]!.stage ?? 0]!;
      const input = { stepId: step.id, actor: person(role), decision: 'approve' as const };
      accepted(decideApproval.validate(state, plan, input), step.id);
      decideApproval.apply(state, plan, input, now);
      acted.push(`${step.id}:${role}`);
    } else if (step.kind === 'review') {
      const answers = Object.fromEntries(step.form.map((f) => [f.id, `${f.label.zh}：已填写`]));
      const input = { stepId: step.id, actor: person(ownerAt(step, state.level)!), answers };
      accepted(submitReview.validate(state, plan, input), step.id);
      submitReview.apply(state, plan, input, now);
      acted.push(`${step.id}:${ownerAt(step, state.level)!}`);
    }
  }
  return { state, acted };
}
