import type { EpochMs, IncidentState, TimelineEvent } from '../domain/incident';

// The incident's timeline in memory: events are numbered as they are recorded, and once stored in the
// projection they may leave memory while the numbering goes on.

/** The sequence number of the last event ever recorded (stored events may have left memory). */
export function lastSeq(state: IncidentState): number {
  return (state.seqBase ?? 0) + state.timeline.length;
}

/** Appends an event to the timeline with the next sequence number. */
export function record(
  state: IncidentState,
  at: EpochMs,
  event: Omit<TimelineEvent, 'seq' | 'at'>,
): TimelineEvent {
  const full: TimelineEvent = { seq: lastSeq(state) + 1, at, ...event };
  state.timeline.push(full);
  return full;
}

/** Events up to `seq` are in the projection: the state no longer carries them (it keeps counting). */
export function forgetStored(state: IncidentState, seq: number): void {
  const kept: TimelineEvent[] = state.timeline.filter((e) => e.seq > seq);
  state.seqBase = (state.seqBase ?? 0) + state.timeline.length - kept.length;
  state.timeline = kept;
}
