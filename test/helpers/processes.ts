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
