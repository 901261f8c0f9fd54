import { ownerAt } from '../../domain/plan-reading';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { Plan, Step } from '../../domain/plan-schema';
import type { incidentWorkflow } from '../../workflows';
import type { IncidentView } from '../../domain/incident';
import { sendAcrossRuns } from './send-across-runs';
import { getStateQuery } from '../../workflows/messages';
import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { submitReview } from '../../inputs/submit-review';
import { subside } from '../../inputs/subside';

export type IncidentHandle = WorkflowHandleWithFirstExecutionRunId<typeof incidentWorkflow>;

const person = (role: string) => ({ id: `person-of-${role}`, role });

/** Acts on one open step the way its owner would: complete, approve, or fill in the review form. */
export async function actOn(handle: IncidentHandle, step: Step, state: IncidentView): Promise<void> {
  const s = state.steps[step.id]!;
  switch (step.kind) {
    case 'task':
      await sendAcrossRuns(handle, completeStep.update, {
        stepId: step.id,
        actor: person(ownerAt(step, state.level)!),
      });
      return;
    case 'approval':
      await sendAcrossRuns(handle, decideApproval.update, {
        stepId: step.id,
        actor: person(step.approvers[s.stage ?? 0]!),
        decision: 'approve',
      });
      return;
    case 'review':
      await sendAcrossRuns(handle, submitReview.update, {
        stepId: step.id,
        actor: person(ownerAt(step, state.level)!),
        answers: Object.fromEntries(step.form.map((f) => [f.id, `${f.label.zh}：已填写`])),
      });
      return;
    case 'monitor':
    case 'notify':
      return;
  }
}

export interface DriveOptions {
  /** Never act on these steps (to let their deadlines pass, or to stop before them). */
  holdBack?: string[];
  /** Stop as soon as this returns true for the current state. */
  until?: (state: IncidentView) => boolean;
  /** Declare the incident subsided when only monitoring is left (default true). */
  subside?: boolean;
}

/**
 * Plays every role of the plan: acts on open steps in plan order, and when only monitoring is left,
 * the lead role declares the incident subsided. Returns the state where it stopped.
 */
export async function drive(
  handle: IncidentHandle,
  plan: Plan,
  opts: DriveOptions = {},
): Promise<IncidentView> {
  const hold = new Set(opts.holdBack ?? []);
  for (let round = 0; round < 200; round++) {
    const state = await handle.query(getStateQuery);
    if (state.status === 'closed' || opts.until?.(state)) return state;
    const actionable = plan.steps.filter(
      (s) =>
        state.steps[s.id]!.status === 'open' &&
        !hold.has(s.id) &&
        s.kind !== 'monitor' &&
        s.kind !== 'notify',
    );
    const next = actionable[0];
    if (next) {
      await actOn(handle, next, state);
      continue;
    }
    const onlyMonitoring = plan.steps.every(
      (s) => hold.has(s.id) || s.kind === 'monitor' || state.steps[s.id]!.status !== 'open',
    );
    if (state.status === 'open' && onlyMonitoring && opts.subside !== false && !hold.size) {
      await sendAcrossRuns(handle, subside.update, { actor: person(state.leadRole) });
      continue;
    }
    return state;
  }
  throw new Error(`plan ${plan.id}: the incident did not settle within 200 actions`);
}
