import type { Plan } from '../domain/incident';
import { buildReview } from './build-review';
import type { IncidentHistory } from './history-file';
import { replayRuns } from './replay-runs';
import type { Review } from './review-schema';
import { replayCode, type ReplayCode } from './workflow-bundle';

/**
 * The review of an incident's history: every run replayed against the current workflow code, then read.
 * `catalogPlan` finds today's plan of an id, for the figure marks of a snapshot that has none; `code`
 * is the workflow code to replay against (this checkout's unless a test says otherwise).
 */
export async function reviewHistory(
  history: IncidentHistory,
  catalogPlan: (planId: string) => Plan | undefined = () => undefined,
  code: Promise<ReplayCode> | ReplayCode = replayCode(),
): Promise<Review> {
  const { bundle, codeVersion } = await code;
  const { traces, divergence } = await replayRuns({ bundle, codeVersion }, history.workflowId, history.runs);
  const runs = history.runs.map((r) => r.facts);
  const plan = runs[0]!.input.plan;
  const found = catalogPlan(plan.id);
  return buildReview({
    workflowId: history.workflowId,
    runs,
    traces,
    replay: {
      codeVersion,
      consistent: divergence === undefined,
      runs: runs.map((r) => ({
        runId: r.runId,
        events: r.events,
        startedAt: r.startedAt,
        lastEventAt: r.lastEventAt,
        ended: r.ended,
      })),
      ...(divergence ? { divergence } : {}),
    },
    ...(found ? { catalogPlan: found } : {}),
  });
}
