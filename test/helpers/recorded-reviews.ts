import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../plans/catalog';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import type { Review } from '../../review/review-schema';
import { generations, historiesDir, recordedHistories } from './histories';

// The recorded fixtures read as incidents: each one's runs gathered as the history export writes them,
// and reviewed by replay as the API and `npm run review` review them.

/** A recorded incident as the history export writes it: its runs, in order. */
export function exportOf(generation: string, name: string) {
  const dir = path.join(historiesDir, generation);
  const files = recordedHistories()
    .filter((h) => h.generation === generation && (h.name === name || h.name.startsWith(`${name}.run`)))
    .map((h) => h.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const runs = files.map((f) => {
    const json = JSON.parse(readFileSync(path.join(dir, `${f}.history.json`), 'utf8')) as {
      events: { workflowExecutionStartedEventAttributes?: { originalExecutionRunId?: string } }[];
    };
    return {
      runId: json.events[0]!.workflowExecutionStartedEventAttributes!.originalExecutionRunId!,
      history: json,
    };
  });
  return { workflowId: `incident-${name}`, incidentId: name, runs };
}

/** Every recorded incident as [generation, name], a continued chain once. */
export const recordedIncidents = (): (readonly [string, string])[] =>
  generations().flatMap((generation) =>
    [
      ...new Set(
        recordedHistories()
          .filter((h) => h.generation === generation)
          .map((h) => h.name.replace(/\.run\d+$/, '')),
      ),
    ].map((name) => [generation, name] as const),
  );

const catalog = loadCatalog();

/** The review of a recorded incident, by replay against the current code. */
export const recordedReview = (generation: string, name: string): Promise<Review> =>
  reviewHistory(incidentHistoryFrom(exportOf(generation, name)), (id) => catalog.get(id));
