import { DEFAULT_CALENDAR, isWorkingTime } from '../domain/calendar';
import { durationMs } from '../domain/duration';
import type { EpochMs, IncidentState, Plan, Step } from '../domain/incident';
import { raisedAtOf } from '../domain/question-rounds';

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
  // Own properties only: a level id such as "constructor" must not find Object's.
  const span =
    typeof within === 'string' || isSplitSpan(within)
      ? within
      : Object.hasOwn(within, state.level)
        ? within[state.level]
        : undefined;
  if (span === undefined) return undefined;
  const from = anchorOf(step, state, now);
  if (typeof span === 'string') return from + durationMs(span);
  const working = isWorkingTime(plan.calendar ?? DEFAULT_CALENDAR, from);
  return from + durationMs(working ? span.workingHours : span.offHours);
}

function isSplitSpan(v: object): v is { workingHours: string; offHours: string } {
  return 'workingHours' in v && 'offHours' in v && typeof v.workingHours === 'string';
}

/** A step that applies only since a level change never counts from before that change. */
function anchorOf(step: Step, state: IncidentState, now: EpochMs): EpochMs {
  const anchor = step.deadline?.from ?? 'activation';
  const since = state.steps[step.id]?.appliesSince ?? 0;
  if (anchor === 'activation') return now;
  if (anchor === 'discovery') return Math.max(state.incident.discoveredAt, since);
  if (anchor === 'raised') return Math.max(raisedAtOf(state, step.id) ?? now, since);
  if (anchor === 'occurrence') {
    return Math.max(state.incident.occurredAt ?? state.incident.discoveredAt, since);
  }
  return Math.max(state.steps[anchor.stepDone]?.doneAt ?? now, since);
}
