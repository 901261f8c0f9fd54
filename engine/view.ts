import { isBreached, nextDueAt } from './breaches';
import { lastSeq } from './timeline';
import type { IncidentState, IncidentView } from '../domain/incident';

/** What queries answer and the projection stores: the state without its timeline, plus derived facts. */
export function viewOf(state: IncidentState): IncidentView {
  const { timeline: _timeline, seqBase: _seqBase, recentUpdates: _recent, ...rest } = state;
  return {
    ...rest,
    breached: isBreached(state),
    nextDueAt: nextDueAt(state) ?? null,
    lastSeq: lastSeq(state),
  };
}
