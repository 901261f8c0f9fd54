import { z } from 'zod';

// The file `GET /api/incidents/:id/history` writes: every run of the incident's continue-as-new chain, in
// order, each in Temporal's JSON history format (what `temporal workflow show --output json` prints for
// that run and historyFromJSON reads). A bare history in that format is read as a chain of one run.

const events = z.array(z.record(z.string(), z.unknown())).min(1);

/** A bare history as Temporal's tools write it; other tools may add fields beside the events. */
export const JsonHistory = z.looseObject({ events });

export const HistoryExport = z.strictObject({
  workflowId: z.string().min(1),
  incidentId: z.string().min(1),
  runs: z.array(z.strictObject({ runId: z.string().min(1), history: z.strictObject({ events }) })).min(1),
});
export type HistoryExport = z.infer<typeof HistoryExport>;
