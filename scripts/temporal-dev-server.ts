import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { devServerSearchAttributeArgs } from '../workflows/search-attributes';
import { temporalCli } from './paths';

export interface DevServerOptions {
  /** SQLite file that keeps the server's state across restarts. */
  dbFile: string;
  port: number;
  /** Web UI port; undefined runs headless (tests). */
  uiPort?: number;
  namespace?: string;
  /** Where the server's own output goes. */
  stdio?: 'inherit' | 'ignore' | 'pipe';
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  child: ChildProcess;
  /** Stops the server and waits for it to exit; `SIGKILL` simulates a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Resolves once `connect` succeeds, retrying until `timeoutMs`; the last failure is the cause. */
export async function waitForTemporal(
  address: string,
  timeoutMs = 60_000,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`Temporal dev server exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} not ready after ${timeoutMs} ms`, { cause: lastError });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    opts.dbFile,
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--log-level',
    'error',
    ...devServerSearchAttributeArgs,
  ];
  if (opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  const child = spawn(temporalCli, args, { stdio: opts.stdio ?? 'ignore' });
  const address = `127.0.0.1:${opts.port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  try {
    await waitForTemporal(address, 60_000, child);
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  return {
    address,
    child,
    stop,
    ...(opts.uiPort === undefined ? {} : { uiUrl: `http://127.0.0.1:${opts.uiPort}` }),
  };
}
