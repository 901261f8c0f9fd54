import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { devServerSearchAttributeArgs } from '../workflows/search-attributes';
import { temporalCli } from './paths';

export interface DevServerOptions {
  /** SQLite file that keeps the server's state across restarts. */
  dbFile: string;
  port: number;
  /** Web UI port; undefined runs headless (tests). */
  uiPort?: number;
  namespace?: string;
  /** Where the server's own output goes ('pipe': left on `child.stdout` / `child.stderr`). */
  stdio?: 'inherit' | 'ignore' | 'pipe';
  /** Aborting stops the server while it is still starting (Ctrl-C during start-up). */
  signal?: AbortSignal;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  child: ChildProcess;
  /** The port the server could not bind, if its output says so (e.g. after it stopped). */
  portClash(): PortInUseError | undefined;
  /** Stops the server and waits for it to exit; `SIGKILL` simulates a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Which of the dev server's ports another process holds. */
export type DevServerPort = 'frontend' | 'ui';

/** A port the dev server needs is taken, so the server answering there would not be ours. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly purpose: DevServerPort,
    options?: ErrorOptions,
  ) {
    super(`port ${port} (Temporal ${purpose === 'ui' ? 'Web UI' : 'frontend'}) is in use`, options);
    this.name = 'PortInUseError';
  }
}

/**
 * Resolves with the bind failure when another process listens on `port` (undefined host: every
 * interface, as the API listens); other failures (a privileged port) are left to the real listener.
 */
export function portTaken(port: number, host?: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' ? err : undefined));
    probe.listen({ port, host }, () => probe.close(() => resolve(undefined)));
  });
}

/** Resolves once `connect` succeeds, retrying until `timeoutMs`; the last failure is the cause. */
export async function waitForTemporal(
  address: string,
  timeoutMs = 60_000,
  child?: ChildProcess,
  options: Omit<ConnectionOptions, 'address' | 'connectTimeout'> = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`Temporal server exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const connection = await Connection.connect({ ...options, address, connectTimeout: 2_000 });
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

/** The CLI's own words when a port is taken: `can't set frontend port 7233: … address already in use`. */
function clashIn(output: string, opts: DevServerOptions): PortInUseError | undefined {
  const said = /can't (?:set|use default) (frontend|UI) port (\d+)[^"\n]*/.exec(output);
  if (said) {
    return new PortInUseError(Number(said[2]), said[1] === 'UI' ? 'ui' : 'frontend', {
      cause: new Error(said[0]),
    });
  }
  // The Web UI binds after the server started; its failure is a panic naming the address.
  const ui = opts.uiPort === undefined ? undefined : `:${opts.uiPort}: bind: address already in use`;
  if (ui && output.includes(ui)) return new PortInUseError(opts.uiPort!, 'ui');
  return undefined;
}

/** Keeps the last `limit` characters a stream wrote, optionally passing them on. */
function tail(stream: Readable | null, onText: (text: string) => void, limit = 16_384): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-limit);
    onText(chunk);
  });
  return () => text;
}

/**
 * Starts the CLI's dev server and resolves once *this* server answers. Something else answering on the
 * port is not enough (a second `npm start` would join the first one's Temporal): the ports must be free
 * beforehand, the child must announce its own `Server:` address, and it must still be alive when the
 * address answers. A port held by another process rejects with a PortInUseError.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  for (const [port, purpose] of [
    [opts.port, 'frontend'],
    [opts.uiPort, 'ui'],
  ] as const) {
    if (port === undefined) continue;
    const taken = await portTaken(port, '127.0.0.1');
    if (taken) throw new PortInUseError(port, purpose, { cause: taken });
  }
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
    // A write-ahead log instead of the rollback journal: each commit appends to one file and syncs it
    // once, still fully (synchronous stays FULL). Measured (docs/benchmarks.md): the server wrote 40–100
    // MB/s opening incidents.
    '--sqlite-pragma',
    'journal_mode=wal',
    ...devServerSearchAttributeArgs,
  ];
  if (opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  const child = spawn(temporalCli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const address = `127.0.0.1:${opts.port}`;

  // The output is read here (announcement, port clashes) and passed on as the caller asked. Error output
  // is held back until the server is ready, so a refused start reads as one message, not the CLI's log.
  const inherit = opts.stdio === 'inherit';
  let ready = false;
  let announced: () => void = () => undefined;
  const announcement = new Promise<void>((resolve) => (announced = resolve));
  const stdout = tail(child.stdout, (text) => {
    if (inherit) process.stdout.write(text);
    const said = /^Server:\s+\S+:(\d+)\s*$/m.exec(stdout());
    if (said && Number(said[1]) === opts.port) announced();
  });
  const stderr = tail(child.stderr, (text) => {
    if (inherit && ready) process.stderr.write(text);
  });
  const portClash = () => clashIn(stderr(), opts);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid === undefined) return; // never ran (spawn failed)
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  // 'close', not 'exit': by then the output the child wrote before exiting has been read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const ended = closed.then(() => {
    throw (
      portClash() ??
      new Error(
        `Temporal dev server exited (${child.signalCode ?? `exit code ${child.exitCode}`}) before it was ready` +
          (stderr().trim() ? `:\n${stderr().trim()}` : ''),
      )
    );
  });
  const aborted = new Promise<never>((_, reject) => {
    const abort = () =>
      reject(new Error('Temporal dev server start-up interrupted', { cause: opts.signal?.reason }));
    if (opts.signal?.aborted) abort();
    opts.signal?.addEventListener('abort', abort, { once: true });
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Temporal dev server not ready after 60000 ms`)), 60_000);
  });
  const outcomes = [ended, spawnFailed, aborted, timedOut];
  for (const p of outcomes) p.catch(() => undefined);
  try {
    await Promise.race([announcement, ...outcomes]);
    const answered = waitForTemporal(address, 60_000, child);
    answered.catch(() => undefined); // it may lose the race and fail later, once the child is stopped
    await Promise.race([answered, ...outcomes]);
    // The address answered while our child lived and held the port (it announced it after binding).
    if (child.exitCode !== null || child.signalCode !== null) await ended;
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
  ready = true;
  if (inherit && stderr()) process.stderr.write(stderr());
  return {
    address,
    child,
    portClash,
    stop,
    ...(opts.uiPort === undefined ? {} : { uiUrl: `http://127.0.0.1:${opts.uiPort}` }),
  };
}
