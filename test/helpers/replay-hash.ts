import { createHash } from 'node:crypto';
import type { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { canonicalJson } from '../../domain/canonical-json';
import { traceSinks } from '../../review/trace-sinks';
import type { TimelineEvent } from '../../domain/incident';
import type { IncidentView } from '../../domain/incident';

// What a recorded history means, beyond the commands Temporal compares on replay: every timeline event
// the workflow stored, in order, and the state it ended in. Replaying a history through the incident
// trace sinks gives both; its hash is kept beside the history, so a change that replays cleanly but
// records a different timeline (an event added, dropped, reordered or changed without patched()) fails.

/**
 * The view fields that are hashed. Only these: a later code generation may add bookkeeping fields to
 * the view, which must not change the meaning of an old history. Changing this list changes every hash.
 */
export const HASHED_VIEW_FIELDS = [
  'status',
  'level',
  'leadRole',
  'metrics',
  'steps',
  'milestones',
  'lastSeq',
  'breached',
  'nextDueAt',
] as const satisfies readonly (keyof IncidentView)[];

export type TracedEvent = Pick<TimelineEvent, 'seq' | 'at' | 'type' | 'stepId' | 'actor' | 'data'>;
export type FinalState = Pick<IncidentView, (typeof HASHED_VIEW_FIELDS)[number]>;

/** The hashed material: every stored event in order, and the final state (null if the run never ended). */
export interface ReplayTrace {
  events: TracedEvent[];
  final: FinalState | null;
}

export interface Replayed {
  trace: ReplayTrace;
  /** sha256 (hex) of the canonical JSON of the trace. */
  hash: string;
  /** How the run ended: closed, or continued as new; undefined if the history stops before its end. */
  ended?: 'closed' | 'continued';
}

const tracedEvent = ({ seq, at, type, stepId, actor, data }: TimelineEvent): TracedEvent => ({
  seq,
  at,
  type,
  ...(stepId !== undefined ? { stepId } : {}),
  ...(actor !== undefined ? { actor } : {}),
  data,
});

/** The part of a final view that is hashed (see HASHED_VIEW_FIELDS). */
export function hashedFinalState(view: IncidentView): FinalState {
  return Object.fromEntries(HASHED_VIEW_FIELDS.map((k) => [k, view[k]])) as FinalState;
}

export function traceHash(trace: ReplayTrace): string {
  return createHash('sha256').update(canonicalJson(trace)).digest('hex');
}

/**
 * Replays one run's history against the bundled workflow code, collecting what its trace sinks report.
 * Throws what Worker.runReplayHistory throws (DeterminismViolationError when the commands differ).
 */
export async function replayTrace(
  workflowBundle: WorkflowBundleWithSourceMap,
  replayName: string,
  history: temporal.api.history.v1.IHistory,
): Promise<Replayed> {
  const events: TracedEvent[] = [];
  let final: FinalState | null = null;
  let ended: Replayed['ended'];
  const sinks = traceSinks({
    stored: (_workflowId, batch) => events.push(...batch.map(tracedEvent)),
    ended: (_workflowId, view, how) => {
      if (ended !== undefined) throw new Error(`${replayName}: the run ended twice (${ended}, then ${how})`);
      final = hashedFinalState(view);
      ended = how;
    },
  });
  await Worker.runReplayHistory({ workflowBundle, replayName, sinks }, history);
  const trace: ReplayTrace = { events, final };
  return { trace, hash: traceHash(trace), ...(ended !== undefined ? { ended } : {}) };
}

const brief = (value: unknown) => (value === undefined ? 'nothing' : canonicalJson(value));

/**
 * Where a replayed trace departs from the recorded one, for a failure message: the first event that
 * differs (or the first one missing or extra), else the final-state fields that differ.
 */
export function describeDivergence(recorded: ReplayTrace, replayed: ReplayTrace): string {
  const n = Math.max(recorded.events.length, replayed.events.length);
  for (let i = 0; i < n; i++) {
    const was = recorded.events[i];
    const now = replayed.events[i];
    if (brief(was) !== brief(now)) {
      return [
        `first differing stored event is #${i + 1} of ${recorded.events.length} recorded / ${replayed.events.length} replayed:`,
        `  recorded: ${brief(was)}`,
        `  replayed: ${brief(now)}`,
      ].join('\n');
    }
  }
  if (recorded.final === null || replayed.final === null) {
    return `the stored events agree; the run ended ${recorded.final ? 'when recorded' : 'not when recorded'} and ${replayed.final ? 'on replay' : 'not on replay'}`;
  }
  const lines = HASHED_VIEW_FIELDS.filter((k) => brief(recorded.final![k]) !== brief(replayed.final![k])).map(
    (k) => `  ${k}:\n    recorded: ${brief(recorded.final![k])}\n    replayed: ${brief(replayed.final![k])}`,
  );
  return lines.length > 0
    ? `the stored events agree; the final state differs in:\n${lines.join('\n')}`
    : 'the traces agree; the stored hash does not match them (was the trace or hash file edited by hand?)';
}
