import type { ChildProcess } from 'node:child_process';
// `npm start` keeps what it started running: a part that stops on its own (a crash, a kill -9, the
// out-of-memory killer) is started again after a pause that doubles while it keeps failing fast, and
// only a part that fails fast again and again stops the service, saying which part and why. Deadlines
// are watched by the worker against the Temporal server; either one gone unnoticed means missed breaches.

export interface RestartPolicy {
  /** The pause before the first restart; each further fast failure in a row doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run shorter than this that ends on its own is a fast failure. */
  fastMs: number;
  /** This many fast failures in a row stop the service. */
  maxFastFailures: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  fastMs: 30_000,
  maxFastFailures: 5,
};

export type AfterExit = { restartInMs: number; fastInRow: number } | { giveUp: string };

/** What to do once a part has stopped on its own after running `ranMs`, given the fast failures before. */
export function afterExit(policy: RestartPolicy, fastInRow: number, ranMs: number, why: string): AfterExit {
  const inRow = ranMs < policy.fastMs ? fastInRow + 1 : 1;
  if (inRow >= policy.maxFastFailures) {
    return {
      giveUp: `failed ${inRow} times in a row, each within ${policy.fastMs / 1000} s of starting (last: ${why})`,
    };
  }
  return {
    restartInMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (inRow - 1)),
    fastInRow: inRow,
  };
}

/** One started instance of a part: resolves `ended` with why it stopped (exit code, signal). */
export interface Running {
  ended: Promise<string>;
  /** Asks it to stop and resolves once it has. */
  stop(): Promise<void>;
}

export interface Part {
  name: string;
  start(): Promise<Running>;
}

/**
 * Runs the parts in order and restarts each one that stops on its own. `stop()` stops them in reverse
 * order (the dev server, started first, goes last). `onGiveUp` is told when a part failed fast too often;
 * the supervisor has stopped every part by then.
 */
export function supervise(
  parts: readonly Part[],
  opts: {
    policy?: RestartPolicy;
    log: (line: string) => void;
    onGiveUp: (reason: string) => void;
  },
): { startAll(): Promise<void>; stop(): Promise<void> } {
  const policy = opts.policy ?? defaultRestartPolicy;
  const current = new Map<string, Running>();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  const pauses = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pauses.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pauses.add(entry);
    });

  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      for (const p of pauses) {
        clearTimeout(p.timer);
        p.resolve();
      }
      for (const part of [...parts].reverse()) await current.get(part.name)?.stop();
    })();
    return stopped;
  };

  /** Watches one part from its first start: restarts it until the service stops or gives up on it. */
  async function keep(part: Part, first: Running): Promise<void> {
    let running = first;
    let fastInRow = 0;
    for (;;) {
      const startedAt = Date.now();
      const why = await running.ended;
      if (stopping) return;
      let next = afterExit(policy, fastInRow, Date.now() - startedAt, why);
      for (;;) {
        if ('giveUp' in next) {
          opts.log(`start: the ${part.name} ${next.giveUp}; stopping everything`);
          await stop();
          opts.onGiveUp(`the ${part.name} ${next.giveUp}`);
          return;
        }
        opts.log(
          `start: the ${part.name} stopped (${why}); starting it again in ${next.restartInMs / 1000} s`,
        );
        fastInRow = next.fastInRow;
        await pause(next.restartInMs);
        if (stopping) return;
        try {
          running = await part.start();
          break;
        } catch (err) {
          // A start that fails (its port taken meanwhile, say) is one more fast failure.
          const failure = err instanceof Error ? err.message.split('\n')[0]! : String(err);
          next = afterExit(policy, fastInRow, 0, `could not start: ${failure}`);
        }
      }
      if (stopping) {
        await running.stop();
        return;
      }
      current.set(part.name, running);
      opts.log(`start: the ${part.name} is running again`);
    }
  }

  return {
    async startAll() {
      for (const part of parts) {
        if (stopping) return;
        const running = await part.start();
        if (stopping) return running.stop();
        current.set(part.name, running);
        void keep(part, running);
      }
    },
    stop,
  };
}

/** A child as the supervisor watches it: SIGTERM to stop, SIGKILL after 15 s if it has not. */
export function runningChild(child: ChildProcess): Running {
  const ended = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  return {
    ended,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ended;
      clearTimeout(grace);
    },
  };
}
