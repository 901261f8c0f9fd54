import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { HistoryExport, JsonHistory } from './history-export-schema';
import { incidentWorkflowId } from '../workflows/messages';
import { historyFacts, type History, type RunFacts } from './history-facts';

// Reads a history file into the runs a review replays, refusing with the place and the problem anything
// that is not a whole chain: a run that does not continue the one before it would be explained wrongly.

export class HistoryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryFileError';
  }
}

export interface IncidentHistory {
  workflowId: string;
  runs: { facts: RunFacts; history: History }[];
}

const at = (path: PropertyKey[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), '$');

function run(json: unknown, where: string): { facts: RunFacts; history: History } {
  let history: History;
  try {
    history = historyFromJSON(json);
  } catch (err) {
    throw new HistoryFileError(`${where}: not a Temporal JSON history (${(err as Error).message})`);
  }
  try {
    return { facts: historyFacts(history), history };
  } catch (err) {
    throw new HistoryFileError(`${where}: not an incident's history (${(err as Error).message})`);
  }
}

/** The runs in a history file's parsed JSON, first to last. */
export function incidentHistoryFrom(json: unknown): IncidentHistory {
  const isExport = typeof json === 'object' && json !== null && 'runs' in json;
  const parsed = (isExport ? HistoryExport : JsonHistory).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = isExport ? 'a history export' : 'a Temporal JSON history';
    throw new HistoryFileError(`not ${what}: ${at(issue.path)}: ${issue.message}`);
  }
  if (!isExport) {
    const only = run(parsed.data, '$');
    if (only.facts.continues !== undefined) {
      throw new HistoryFileError(`$: run ${only.facts.runId} continues an earlier run the file lacks`);
    }
    return { workflowId: incidentWorkflowId(only.facts.input.incident.id), runs: [only] };
  }
  const file = parsed.data as HistoryExport;
  const runs = file.runs.map((r, i) => {
    const read = run(r.history, `$.runs[${i}].history`);
    if (read.facts.runId !== r.runId) {
      throw new HistoryFileError(
        `$.runs[${i}]: runId ${r.runId}, but its history is of run ${read.facts.runId}`,
      );
    }
    const before = file.runs[i - 1];
    if (before && read.facts.continues !== before.runId) {
      throw new HistoryFileError(`$.runs[${i}]: run ${r.runId} does not continue run ${before.runId}`);
    }
    return read;
  });
  if (runs[0]!.facts.continues !== undefined) {
    throw new HistoryFileError(
      `$.runs[0]: run ${file.runs[0]!.runId} continues an earlier run the file lacks`,
    );
  }
  return { workflowId: file.workflowId, runs };
}
