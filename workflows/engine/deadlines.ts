import { DEFAULT_CALENDAR, isWorkingTime } from './calendar';
import { durationMs } from './duration';
import type { EpochMs, IncidentState, Plan, Step } from './types';

/**
 * When a step that opens at `now` is due, or undefined when the plan sets no deadline at this level.
 * A step anchored on another step's completion counts from that moment (P5: written report 20 minutes
 * after the oral one); a step that only applies since a level change counts from that change. A span
 * with working-hours and off-hours durations picks by the anchor instant (P6: 10 vs 30 minutes).
 */
export function dueAtFor(plan: Plan, step: Step, state: IncidentState, now: EpochMs): EpochMs | undefined {
  if (step.kind === 'monitor') {
    return step.followUpEvery === undefined ? undefined : now + durationMs(step.followUpEvery);
  }
  const deadline = step.deadline;
  if (!deadline) return undefined;
  const within = deadline.within;
  const span = typeof within === 'string' || isSplitSpan(within) ? within : within[state.level];
  if (span === undefined) return undefined;
  const from = anchorOf(step, state, now);
  if (typeof span === 'string') return from + durationMs(span);
  const working = isWorkingTime(plan.calendar ?? DEFAULT_CALENDAR, from);
  return from + durationMs(working ? span.workingHours : span.offHours);
}

function isSplitSpan(v: object): v is { workingHours: string; offHours: string } {
  return 'workingHours' in v && 'offHours' in v && typeof v.workingHours === 'string';
}

function anchorOf(step: Step, state: IncidentState, now: EpochMs): EpochMs {
  const anchor = step.deadline?.from ?? 'activation';
  const s = state.steps[step.id];
  if (anchor === 'discovery') return s?.appliesSince ?? state.incident.discoveredAt;
  if (anchor === 'activation') return now;
  return state.steps[anchor.stepDone]?.doneAt ?? now;
}
