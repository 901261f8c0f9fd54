import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { incidentHistoryFrom, HistoryFileError } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import { silentLogger } from '../../review/workflow-bundle';
import { historiesDir } from '../helpers/histories';

// A review explains a history only if the current code replays it exactly: a history edited by hand,
// or one that other workflow code made, is reported with the run, the event and the reason, and is
// explained no further.

type JsonHistory = { events: Record<string, unknown>[] };

const read = (name: string): JsonHistory =>
  JSON.parse(
    readFileSync(path.join(historiesDir, '3-engine-correctness', `${name}.history.json`), 'utf8'),
  ) as JsonHistory;

describe('a history the current code does not explain', () => {
  test('one with an event removed by hand is reported with the run, the event and why, and nothing is explained', async () => {
    const history = read('scenario-breach');
    const removed = history.events.findIndex((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
    expect(removed).toBeGreaterThan(0);
    const edited = { events: history.events.filter((_, i) => i !== removed) };

    const review = await reviewHistory(incidentHistoryFrom(edited));
    expect(review.replay.consistent).toBe(false);
    expect(review.replay.divergence).toMatchObject({ run: 1, eventId: expect.any(Number) as number });
    expect(review.replay.divergence!.reason).toMatch(/out of order|Nondeterminism/);
    expect(review.findings).toBeUndefined();
    // What the history says of itself is still shown: which incident, under which plan.
    expect(review.incident.title).toBe('测试舆情');
    expect(review.plan.id).toBe('p5-yinzhou-civil-affairs');
  });

  test('one made by other workflow code is reported with the nondeterminism the replay found', async () => {
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../fixtures/workflows/changed-incident-workflow'),
      logger: silentLogger,
    });
    const review = await reviewHistory(
      incidentHistoryFrom(read('p1-acheng-agriculture-l1')),
      () => undefined,
      { bundle, codeVersion: 'changed workflow' },
    );
    expect(review.replay).toMatchObject({ consistent: false, codeVersion: 'changed workflow' });
    expect(review.replay.divergence!.reason).toMatch(/^\[TMPRL1100\] Nondeterminism error/);
    expect(review.replay.divergence!.eventType).toMatch(/^[A-Z_]+$/);
    expect(review.findings).toBeUndefined();
  });

  test('a file that is not a whole chain is refused before anything is replayed, naming where', () => {
    const run2 = read('scenario-continue-as-new.run2');
    expect(() => incidentHistoryFrom(run2)).toThrow(HistoryFileError);
    expect(() => incidentHistoryFrom(run2)).toThrow(/continues an earlier run the file lacks/);
    expect(() => incidentHistoryFrom({ events: [] })).toThrow(/\$\.events: /);
    expect(() => incidentHistoryFrom({ workflowId: 'w', incidentId: 'i', runs: [{ runId: 'r' }] })).toThrow(
      /^not a history export: \$\.runs\[0\]\.history: /,
    );
  });
});
