import { Worker } from '@temporalio/worker';
import { canonicalJson } from '../domain/canonical-json';
import type { IncidentView, TimelineEvent } from '../domain/incident';
import { eventTypeOf, runIdOf, type History, type RunFacts } from './history-facts';
import type { Divergence } from './review-schema';
import { traceSinks } from './trace-sinks';
import type { ReplayCode } from './workflow-bundle';

// Replays every run of an incident against the current workflow code, one replay worker for the chain,
// and collects what the engine reports through its trace sinks (registered to be called during replay):
// the timeline events in the order they were stored and the state after them. A run that does not
// replay, or that replays to another result than the one it recorded, is a divergence: the review names
// it and explains nothing.

export interface RunTrace {
  /** Every timeline event the run stored, in order. */
  events: TimelineEvent[];
  /** The state after the last of them, or the state the run ended in. */
  view?: IncidentView;
  ended?: 'closed' | 'continued';
}

export interface ReplayOutcome {
  traces: RunTrace[];
  divergence?: Divergence;
}

/** The message core gave, without the SDK's wrapping ("Failure { failure: Some(Failure { message: ..."). */
function reasonOf(err: Error): string {
  const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(err.message)?.[1];
  return (inner ?? err.message).replace(/\\"/g, '"');
}

/** The history event a replay error names, when it names one. */
function eventIdOf(reason: string): number | undefined {
  const found = /HistoryEvent\(id: (\d+)/.exec(reason) ?? /event id:? (\d+)/i.exec(reason);
  return found ? Number(found[1]) : undefined;
}

/** The marker of the patch a replay error names ("patch marker encountered for change <id>"). */
function patchMarkerOf(history: History, reason: string): number | undefined {
  const patch = /patch marker encountered for change ([\w-]+)/.exec(reason)?.[1];
  if (patch === undefined) return undefined;
  const marker = history.events?.find((e) => {
    const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data !== undefined && data !== null && Buffer.from(data).toString('utf8').includes(`"${patch}"`);
  });
  return marker?.eventId === undefined || marker.eventId === null ? undefined : Number(marker.eventId);
}

function divergenceAt(run: number, runId: string, history: History, reason: string): Divergence {
  const eventId = eventIdOf(reason) ?? patchMarkerOf(history, reason);
  const eventType = eventId === undefined ? undefined : eventTypeOf(history, eventId);
  return {
    runId,
    run,
    ...(eventId !== undefined ? { eventId } : {}),
    ...(eventType !== undefined ? { eventType } : {}),
    reason,
  };
}

export async function replayRuns(
  code: ReplayCode,
  workflowId: string,
  runs: { facts: RunFacts; history: History }[],
): Promise<ReplayOutcome> {
  // Sinks name the run by the id its history carries, whatever the file calls it.
  const byRunId = new Map<string, RunTrace>();
  const traceOf = (runId: string): RunTrace => {
    let trace = byRunId.get(runId);
    if (!trace) byRunId.set(runId, (trace = { events: [] }));
    return trace;
  };
  const sinks = traceSinks({
    stored: (_workflowId, events, view, runId) => {
      const trace = traceOf(runId);
      trace.events.push(...events);
      trace.view = view;
    },
    ended: (_workflowId, view, how, runId) => {
      const trace = traceOf(runId);
      trace.view = view;
      trace.ended = how;
    },
  });

  const errors: (Error | undefined)[] = [];
  const histories = runs.map(({ history }) => ({ workflowId, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: code.bundle, sinks }, histories)) {
    errors.push(result.error);
  }

  const traces = runs.map(({ history }) => traceOf(runIdOf(history) ?? ''));
  for (const [i, { facts, history }] of runs.entries()) {
    const error = errors[i];
    if (error) return { traces, divergence: divergenceAt(i + 1, facts.runId, history, reasonOf(error)) };
    const trace = traces[i]!;
    if (facts.result !== undefined && canonicalJson(facts.result) !== canonicalJson(trace.view)) {
      return {
        traces,
        divergence: divergenceAt(
          i + 1,
          facts.runId,
          history,
          'the run replays, but to another final state than the result it recorded',
        ),
      };
    }
  }
  return { traces };
}
