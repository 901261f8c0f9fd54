import type { IncidentView } from '../messages';
import { isBreached, nextDueAt } from './breaches';
import { lastSeq } from './state';
import type { IncidentState } from './types';

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
