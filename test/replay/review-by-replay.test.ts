import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../plans/catalog';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import { Review } from '../../review/review-schema';
import { generations, historiesDir, recordedHistories } from '../helpers/histories';
import { schemaIssues } from '../helpers/schema-issues';

const catalog = loadCatalog();
const plan = (id: string) => catalog.get(id);

/** A recorded incident as the history export writes it: its runs, in order. */
function exportOf(generation: string, name: string) {
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

const incidents = generations().flatMap((generation) =>
  [
    ...new Set(
      recordedHistories()
        .filter((h) => h.generation === generation)
        .map((h) => h.name.replace(/\.run\d+$/, '')),
    ),
  ].map((name) => [generation, name] as const),
);

describe('the review of every recorded incident', () => {
  test.each(incidents)(
    '%s/%s replays consistently into a review the schema accepts',
    async (generation, name) => {
      const review = await reviewHistory(incidentHistoryFrom(exportOf(generation, name)), plan);
      expect(review.replay).toMatchObject({ consistent: true });
      expect(schemaIssues(Review, review)).toEqual([]);
      expect(
        review.findings!.timeline.human.length + review.findings!.timeline.system.length,
      ).toBeGreaterThan(0);
    },
  );
});
