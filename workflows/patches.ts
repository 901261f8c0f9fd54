// Every change to what running incidents do, by the patch id its histories carry. Incidents started
// before a patch replay their recorded histories without it (patched() answers false there).

/** Tell each step's owner when it must act. */
export const OWNER_NOTICES_PATCH = 'owner-notices';
/** What it changes: see IncidentState.correctness. */
export const ENGINE_CORRECTNESS_PATCH = 'engine-correctness';
/**
 * The projection write an answer waits for runs as a local activity, in the worker that applied the
 * input: no round trip through the server's activity queue between the input and its answer.
 */
export const LOCAL_PROJECTION_PATCH = 'local-projection';
/** A missed deadline climbs the reportsTo chain a role at a time: see IncidentState.stepwise. */
export const STEPWISE_ESCALATION_PATCH = 'stepwise-escalation';
