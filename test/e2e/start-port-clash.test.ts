import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exited, portTaken, startDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { freePort } from '../helpers/free-port';
import { groupAlive, killGroup, startBuiltGroup, type RunningProcess } from '../helpers/processes';

// A second `npm start` must not attach to a Temporal it did not start: with a taken port it stops at
// once, with one line naming the port and the setting, before a worker or an API exists.

/** `n` different ports the OS says are free. */
async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** A plain TCP listener on loopback: something that holds the port and is not our Temporal. */
function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** The exit of a process that must stop on its own; the bound only turns a hang into a failure. */
async function exitWithin(child: ChildProcess, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`npm start still running after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([exited(child), bound]);
  } finally {
    clearTimeout(timer);
  }
}

const dirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'start-clash-'));
  dirs.push(dir);
  return dir;
}

/** Runs the built start script as a user would, in its own process group so nothing escapes the test. */
function npmStart(dataDir: string, ports: { api: number; temporal: number; ui: number }): RunningProcess {
  const start = startBuiltGroup(
    'scripts/start.js',
    {
      DATA_DIR: dataDir,
      PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      API_KEYS: '',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
    },
    path.join(dataDir, 'start.log'),
  );
  cleanups.push(() => killGroup(start.child.pid!));
  return start;
}

/** Stopped with exactly the one line, and nothing of the service was started or left behind. */
async function expectRefused(start: RunningProcess, apiPort: number, line: string): Promise<void> {
  // Refused before anything started: the log below holds the one line, no dev server output at all.
  await exitWithin(start.child, 30_000);
  expect(start.child.exitCode).toBe(1);
  expect(
    start
      .log()
      .split('\n')
      .filter((l) => l.trim() !== ''),
  ).toEqual([line]);
  expect(start.log()).not.toContain('worker');
  expect(await portTaken(apiPort)).toBeUndefined(); // no API listens
  expect(groupAlive(start.child.pid!)).toBe(false); // no dev server, worker or API left running
}

test.each([
  ['TEMPORAL_PORT', 'temporal'],
  ['TEMPORAL_UI_PORT', 'ui'],
] as const)(
  'npm start stops with one line naming the port and %s when a plain listener holds it, and starts neither worker nor API',
  async (setting, which) => {
    const [api, temporal, ui] = (await freePorts(3)) as [number, number, number];
    const ports = { api, temporal, ui };
    const blocker = await occupy(ports[which]);
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const dataDir = tempDir();

    await expectRefused(
      npmStart(dataDir, ports),
      api,
      `start: port ${ports[which]} is in use (another Temporal or another npm start?); set ${setting} to a free port`,
    );
    expect(existsSync(path.join(dataDir, 'temporal.db'))).toBe(false);
  },
);

test("a second npm start on the first one's Temporal ports stops instead of joining its Temporal", async () => {
  const [secondApi, temporal, ui] = (await freePorts(3)) as [number, number, number];
  const firstDir = tempDir();
  // The first instance's dev server, answering on the ports the second start is given.
  const first: DevServer = await startDevServer({
    dbFile: path.join(firstDir, 'temporal.db'),
    port: temporal,
    uiPort: ui,
  });
  cleanups.push(() => first.stop('SIGTERM'));

  const secondDir = tempDir();
  await expectRefused(
    npmStart(secondDir, { api: secondApi, temporal, ui }),
    secondApi,
    `start: ports ${temporal} and ${ui} are in use (another Temporal or another npm start?); set TEMPORAL_PORT and TEMPORAL_UI_PORT to free ports`,
  );
  expect(first.child.exitCode).toBeNull(); // the first instance's server is left alone
});
