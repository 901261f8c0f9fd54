import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/paths';

export interface RunningProcess {
  child: ChildProcess;
  logFile: string;
  log(): string;
}

/** Starts a built entry point (dist/...) as its own process, as `npm start` does, logging to a file. */
export function startBuilt(entry: string, env: Record<string, string>, logFile: string): RunningProcess {
  const script = path.join(repoRoot, 'dist', entry);
  if (!existsSync(script))
    throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
  // The child writes straight to the file, so its last lines survive a SIGKILL.
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return { child, logFile, log: () => readFileSync(logFile, 'utf8') };
}

/** Waits until the line appears in the process's log (e.g. the worker's "polling" line). */
export async function waitForLog(p: RunningProcess, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!p.log().includes(text)) {
    if (p.child.exitCode !== null)
      throw new Error(`process exited (${p.child.exitCode}) before logging "${text}"`);
    if (Date.now() > deadline) throw new Error(`"${text}" not logged within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/**
 * Starts a built entry point as the leader of its own process group, so that whatever it starts in turn
 * (dev server, worker, API) can be checked for and killed as one group.
 */
export function startBuiltGroup(entry: string, env: Record<string, string>, logFile: string): RunningProcess {
  const script = path.join(repoRoot, 'dist', entry);
  if (!existsSync(script))
    throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  return { child, logFile, log: () => readFileSync(logFile, 'utf8') };
}

/** Whether any process of the group led by `pid` is still there (the leader itself included). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

/** Cleanup after a test: SIGKILLs every process left in the group led by `pid`. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}
