import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { loadCatalog } from '../../../plans/catalog';
import { incidentHistoryFrom } from '../../../review/history-file';
import { reviewHistory } from '../../../review/review-history';
import { replayCode } from '../../../review/workflow-bundle';
import { call, startIncident } from '../api';
import type { Figure } from '../figure';
import type { BenchStack } from '../stack';
import { load, percentile } from '../stats';

const office = { id: 'bench-office', role: 'office' };

/** The events an incident's runs hold now, from the history export. */
async function exported(stack: BenchStack, id: string) {
  const res = await fetch(`${stack.apiUrl}/api/incidents/${id}/history`, {
    headers: { authorization: `Bearer ${stack.apiKey}` },
  });
  const text = await res.text();
  const json = JSON.parse(text) as { runs: { history: { events: unknown[] } }[] };
  return { text, json, events: json.runs.reduce((n, r) => n + r.history.events.length, 0) };
}

/**
 * The review of a long history (every run replayed through the trace sinks, then read) against a bare
 * replay of the same runs, both with the workflow bundled once beforehand.
 */
export const reviewReplay: Figure = {
  id: 'review-replay',
  title: 'review of a 4,000-event history',
  goal: '≤ 1.2 × bare runReplayHistory of the same file',
  async run({ stack, quick, log }) {
    const target = quick ? 300 : 4_000;
    const id = await startIncident(stack);
    let file = await exported(stack, id);
    // Four inputs at a time (the workflow takes them in turn): the history grows four times as fast.
    for (let i = 0; file.events < target; i += 50) {
      await load(50, 4, async (k) => {
        await call(stack, 'POST', `/api/incidents/${id}/metrics`, {
          actor: office,
          metrics: { comments: i + k },
        });
      });
      file = await exported(stack, id);
    }
    file = await exported(stack, id);
    const where = path.join(stack.dataDir, `history-${file.events}.json`);
    writeFileSync(where, file.text);
    log(`review-replay: ${file.events} events in ${file.json.runs.length} run(s), ${where}`);

    const code = await replayCode();
    // Read once: the file is parsed the same for both, and only the replays are timed.
    const history = incidentHistoryFrom(file.json);
    const runs = history.runs.map((r) => ({ workflowId: history.workflowId, history: r.history }));
    // The workflow calls its trace sinks; bare, they are no-ops not called during replay.
    const sinks = { incidentTrace: { stored: { fn: () => undefined }, ended: { fn: () => undefined } } };
    const bare: number[] = [];
    const review: number[] = [];
    for (let round = 0; round < (quick ? 1 : 3); round++) {
      let t = performance.now();
      for await (const r of Worker.runReplayHistories({ workflowBundle: code.bundle, sinks }, runs)) {
        if (r.error) throw r.error;
      }
      bare.push(performance.now() - t);
      t = performance.now();
      const result = await reviewHistory(history, (p) => loadCatalog().get(p), code);
      review.push(performance.now() - t);
      if (!result.replay.consistent) throw new Error('the benchmark history did not replay consistently');
    }
    const b = Math.round(percentile(bare, 50));
    const r = Math.round(percentile(review, 50));
    const ratio = Math.round((r / b) * 100) / 100;
    return {
      value: { medianMs: r, events: file.events, ratio },
      reference: { medianMs: b },
      met: quick ? null : ratio <= 1.2,
    };
  },
};
