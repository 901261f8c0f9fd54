import { proxySinks, type Sinks } from '@temporalio/workflow';
import type { TimelineEvent } from '../domain/incident';
import type { IncidentView } from '../domain/incident';

// What an incident run did, handed out of the workflow sandbox as it happens and again when its history
// is replayed (the worker registers these with callDuringReplay). The replay layer hashes it to prove a
// code change explains a recorded incident exactly as before; the after-action review reads it. Sinks
// issue no commands, so calling them changes nothing in the history.
export interface IncidentTraceSinks extends Sinks {
  incidentTrace: {
    /** Events as they are handed to storage (each exactly once), with the state after them. */
    stored(events: TimelineEvent[], view: IncidentView): void;
    /** The run ends: the incident closed, or it continues as new with this state. */
    ended(view: IncidentView, how: 'closed' | 'continued'): void;
  };
}

const { incidentTrace } = proxySinks<IncidentTraceSinks>();

// Sink calls leave the sandbox after the activation; a copy keeps later changes to the state out of them.
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function traceStored(events: TimelineEvent[], view: IncidentView): void {
  incidentTrace.stored(copy(events), copy(view));
}

export function traceEnded(view: IncidentView, how: 'closed' | 'continued'): void {
  incidentTrace.ended(copy(view), how);
}
