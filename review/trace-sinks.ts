import type { InjectedSinks } from '@temporalio/worker';
import type { TimelineEvent } from '../domain/incident';
import type { IncidentView } from '../domain/incident';
import type { IncidentTraceSinks } from '../workflows/trace';

export interface TraceListener {
  stored?(workflowId: string, events: TimelineEvent[], view: IncidentView, runId: string): void;
  ended?(workflowId: string, view: IncidentView, how: 'closed' | 'continued', runId: string): void;
}

/**
 * The incident trace sinks for a worker. A live worker registers them with no listener (the projection
 * already has what they carry); a replay registers a listener and gets them during replay too.
 */
export function traceSinks(listener: TraceListener = {}): InjectedSinks<IncidentTraceSinks> {
  return {
    incidentTrace: {
      stored: {
        fn: (info, events, view) => listener.stored?.(info.workflowId, events, view, info.runId),
        callDuringReplay: true,
      },
      ended: {
        fn: (info, view, how) => listener.ended?.(info.workflowId, view, how, info.runId),
        callDuringReplay: true,
      },
    },
  };
}
