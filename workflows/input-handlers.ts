import { ApplicationFailure, condition, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import type { Verdict } from '../domain/incident';
import type { Refusal } from '../domain/refusal';
import * as engine from '../engine/incident';
import { viewOf } from '../engine/view';
import { inputs } from '../inputs';
import type { AnyInput } from '../inputs/define-input';
import * as msg from './messages';
import { planNow, type Run } from './run';

// Handlers change the state; the main loop stores and notifies. An answer waits until its input is
// stored, so an accepted input is never lost, whatever happens to the worker after it is answered.

/** The queries, and a handler for every human input of the list. */
export function acceptInputs(run: Run): void {
  setHandler(msg.getStateQuery, () => viewOf(run.state));
  setHandler(msg.getPlanQuery, () => run.plan);
  const timelineAfter = (afterSeq = 0) => run.state.timeline.filter((e) => e.seq > afterSeq);
  setHandler(msg.getTimelineQuery, (opts) => timelineAfter(opts?.afterSeq));
  setHandler(msg.getIncidentQuery, (opts) => ({
    state: viewOf(run.state),
    timeline: timelineAfter(opts?.afterSeq),
  }));
  for (const input of inputs) accept(run, input);
}

function accept(run: Run, { update, validate, apply }: AnyInput): void {
  const { state, outbox } = run;
  setHandler(
    update,
    async (cmd: unknown): Promise<Verdict> => {
      const now = Date.now();
      const updateId = currentUpdateInfo()?.id;
      const repeat = state.correctness && updateId ? engine.recentVerdict(state, updateId, now) : undefined;
      if (repeat) return repeat;
      run.acceptedThisRun += 1;
      // Time first, then the input: a deadline that passed before this input arrived is a breach even
      // when its timer and the input reach the worker together (after an outage, in a backlog).
      if (state.correctness) outbox.push(...engine.recordBreaches(state, planNow(run), now));
      outbox.push(...apply(state, planNow(run), cmd as never, now));
      const seq = engine.lastSeq(state);
      await condition(() => run.persisted >= seq);
      const stepId = stepIdOf(cmd);
      const verdict: Verdict = {
        accepted: true,
        seq,
        incidentStatus: state.status,
        level: state.level,
        ...(stepId !== undefined ? { stepStatus: state.steps[stepId]!.status } : {}),
      };
      if (state.correctness && updateId) engine.rememberVerdict(state, updateId, verdict, Date.now());
      return verdict;
    },
    {
      validator: (cmd: unknown) => {
        const now = Date.now();
        // A steady stream of inputs would keep the run from ever finishing its handlers and continuing
        // as new; while it does, new inputs are turned away to be sent again (the API does) to the next run.
        // Only once the loop is at it: turned away while the loop waited, no input would ever wake it.
        if (state.correctness && run.continuing) {
          throw refusalFailure({
            code: 'incident-continuing',
            message: 'the incident is continuing as new; send the input again',
          });
        }
        const updateId = currentUpdateInfo()?.id;
        // A repeat of an accepted update is answered as before, even if the state has moved on since.
        if (state.correctness && updateId && engine.recentVerdict(state, updateId, now)) return;
        const refusal = validate(state, planNow(run), cmd as never, now);
        if (refusal) throw refusalFailure(refusal);
      },
    },
  );
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: msg.INPUT_REFUSED,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

/** The step an input names, if it names one: its verdict says what became of the step. */
function stepIdOf(input: unknown): string | undefined {
  const stepId = (input as { stepId?: unknown }).stepId;
  return typeof stepId === 'string' ? stepId : undefined;
}
