import { createHash } from 'node:crypto';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

// The incident workflow code a review replays against, bundled once per process: bundling takes seconds,
// a replay of one run much less. Its hash names the code in the review, so a reader knows which code
// explained the history.

export interface ReplayCode {
  bundle: WorkflowBundleWithSourceMap;
  /** "workflow bundle sha256:<12 hex>": the same source bundled the same way gives the same name. */
  codeVersion: string;
}

// Webpack reports progress and size hints at info and warn; a review prints its report and nothing else.
export const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};

let cached: Promise<ReplayCode> | undefined;

export function replayCode(): Promise<ReplayCode> {
  cached ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: silentLogger,
  }).then((bundle) => ({
    bundle,
    codeVersion: `workflow bundle sha256:${createHash('sha256').update(bundle.code).digest('hex').slice(0, 12)}`,
  }));
  // A failed bundle is not kept: the next review tries again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
