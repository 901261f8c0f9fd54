import type { IncidentView } from '../messages';
import { isBreached, nextDueAt } from './breaches';
import type { IncidentState } from './types';

/** What queries answer and the projection stores: the state without its timeline, plus derived facts. */
export function viewOf(state: IncidentState): IncidentView {
  const { timeline, ...rest } = state;
  return {
    ...rest,
    breached: isBreached(state),
    nextDueAt: nextDueAt(state) ?? null,
    lastSeq: timeline.length,
  };
}
