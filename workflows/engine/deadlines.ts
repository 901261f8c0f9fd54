import { durationMs } from './duration';
import type { EpochMs, IncidentState, Step } from './types';

/**
 * When a step that opens at `now` is due, or undefined when the plan sets no deadline at this level.
 * A step anchored on another step's completion counts from that moment (P5: written report 20 minutes
 * after the oral one).
 */
export function dueAtFor(step: Step, state: IncidentState, now: EpochMs): EpochMs | undefined {
  const deadline = step.deadline;
  if (!deadline) return undefined;
  const within = typeof deadline.within === 'string' ? deadline.within : deadline.within[state.level];
  if (within === undefined) return undefined;
  const anchor = deadline.from;
  let from: EpochMs;
  if (anchor === 'discovery') from = state.incident.discoveredAt;
  else if (anchor === 'activation') from = now;
  else from = state.steps[anchor.stepDone]?.doneAt ?? now;
  return from + durationMs(within);
}
