import type { ChildProcess } from 'node:child_process';

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Resolves once `url` answers 2xx while the process meant to serve it (if given) is alive; fails early if
 * it exits first (a process that could not bind its port exits, and the answer came from someone else).
 */
export async function waitForHttp(
  url: string,
  child: ChildProcess | undefined,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && gone(child))
      throw new Error(
        `process exited (${child.signalCode ?? `exit code ${child.exitCode}`}) before ${url} answered`,
      );
    try {
      if ((await fetch(url)).ok && !(child && gone(child))) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
