import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureLocalApiKey } from '../config/api-key';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { databaseKind, redactDatabaseUrl, sqliteFileFromUrl } from '../storage/database-url';
import { migrateDatabase } from './migrate';
import { repoRoot } from './paths';
import { loadStartConfig, type StartConfig } from './start-config';
import {
  portTaken,
  PortInUseError,
  startDevServer,
  type DevServer,
  type DevServerPort,
} from './temporal-dev-server';
import { localTemporalEnv } from './local-temporal-env';
import { runningChild, supervise, type Part, type Running } from './supervisor';
import { waitForHttp } from './wait-for-http';

// `npm start`: the whole service on the embedded defaults. Runs the Temporal dev server (state in the
// data folder), the worker and the API as child processes, starts again whichever stops on its own
// (scripts/supervisor.ts), and stops them all on Ctrl-C.

/** The worker and the API start elsewhere than this script, so a relative SQLite path is made absolute. */
function absoluteDatabaseUrl(url: string): string {
  if (databaseKind(url) !== 'sqlite') return url;
  return `file:${path.resolve(repoRoot, url.slice('file:'.length))}`;
}

/** A port `npm start` needs that another process holds, and the setting that moves it. */
interface PortClash {
  port: number;
  setting: 'PORT' | 'TEMPORAL_PORT' | 'TEMPORAL_UI_PORT';
  holder: string;
}

const devServerSetting: Record<DevServerPort, PortClash['setting']> = {
  frontend: 'TEMPORAL_PORT',
  ui: 'TEMPORAL_UI_PORT',
};

const andList = (items: readonly (string | number)[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** One line: which ports are taken and which settings to change. */
function portsInUseLine(clashes: readonly PortClash[]): string {
  const holders = [...new Set([...clashes.map((c) => c.holder), 'another npm start'])].join(' or ');
  const settings = andList(clashes.map((c) => c.setting));
  return clashes.length === 1
    ? `start: port ${clashes[0]!.port} is in use (${holders}?); set ${settings} to a free port`
    : `start: ports ${andList(clashes.map((c) => c.port))} are in use (${holders}?); set ${settings} to free ports`;
}

const clashOf = (err: PortInUseError): PortClash => ({
  port: err.port,
  setting: devServerSetting[err.purpose],
  holder: 'another Temporal',
});

/** The ports this start would listen on that are already taken, found before anything is started. */
async function takenPorts(config: StartConfig): Promise<PortClash[]> {
  const wanted: PortClash[] = [];
  if (embedded(config)) {
    // The dev server listens on loopback, as the CLI's own check does.
    wanted.push({ port: config.TEMPORAL_PORT, setting: 'TEMPORAL_PORT', holder: 'another Temporal' });
    wanted.push({ port: config.TEMPORAL_UI_PORT, setting: 'TEMPORAL_UI_PORT', holder: 'another Temporal' });
  }
  wanted.push({ port: config.PORT, setting: 'PORT', holder: 'another program' });
  const taken = await Promise.all(
    wanted.map((w) => portTaken(w.port, w.setting === 'PORT' ? undefined : '127.0.0.1')),
  );
  return wanted.filter((_, i) => taken[i] !== undefined);
}

function refuse(line: string): never {
  console.error(line);
  process.exit(1);
}

/** No other Temporal is named (by address or by a temporal.toml profile): run the embedded dev server. */
const embedded = (config: StartConfig) =>
  config.TEMPORAL_ADDRESS === undefined && config.TEMPORAL_PROFILE === undefined;

/** The embedded dev server, unless another Temporal is named; a Ctrl-C meanwhile stops it again. */
async function startTemporal(
  config: StartConfig,
  temporalDb: string,
  signal: AbortSignal,
): Promise<{ address: string; devServer?: DevServer }> {
  if (!embedded(config)) {
    return { address: config.TEMPORAL_ADDRESS ?? `profile ${config.TEMPORAL_PROFILE} of temporal.toml` };
  }
  console.log(`start: Temporal dev server starting (state in ${temporalDb})`);
  let devServer: DevServer;
  try {
    devServer = await startDevServer({
      dbFile: temporalDb,
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      stdio: 'inherit',
      signal,
    });
  } catch (err) {
    // Taken between the check above and the server's own bind.
    if (err instanceof PortInUseError) refuse(portsInUseLine([clashOf(err)]));
    throw err;
  }
  if (signal.aborted) {
    await devServer.stop('SIGTERM');
    refuse('start: stopped before the service was up');
  }
  return { address: devServer.address, devServer };
}

/** A started dev server as the supervisor watches it; `ended` says why it stopped (a port taken, say). */
function runningDevServer(devServer: DevServer): Running {
  const ended = new Promise<string>((resolve) =>
    // 'close': the server's last words (a port it could not bind) have been read by then.
    devServer.child.once('close', (code, signal) =>
      resolve(devServer.portClash()?.message ?? signal ?? `exit code ${code}`),
    ),
  );
  return { ended, stop: () => devServer.stop('SIGTERM') };
}

/** What a person needs once everything is up: where the API is, its key, where state is kept. */
function banner(
  apiUrl: string,
  temporal: { address: string; devServer?: DevServer; db: string },
  generatedKey: { key: string; file: string } | undefined,
  databaseUrl: string,
): string {
  const database =
    databaseKind(databaseUrl) === 'sqlite' ? sqliteFileFromUrl(databaseUrl) : redactDatabaseUrl(databaseUrl);
  const uiUrl = temporal.devServer?.uiUrl;
  return [
    '',
    `  API            ${apiUrl}   (try: curl ${apiUrl}/healthz)`,
    uiUrl ? `  Temporal UI    ${uiUrl}` : `  Temporal       ${temporal.address}`,
    generatedKey
      ? `  API key        ${generatedKey.key}   (kept in ${generatedKey.file})`
      : '  API key        one of API_KEYS from the environment',
    ...(temporal.devServer ? [`  Temporal state ${temporal.db}`] : []),
    `  Database       ${database}`,
    '  Stop           Ctrl-C',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadStartConfig(process.env));
  const dataDir = path.resolve(repoRoot, config.DATA_DIR);

  // Ctrl-C before everything runs stops what has started so far; afterwards stopAll takes over.
  const startup = new AbortController();
  const running: { stopAll?: (code: number) => Promise<void> } = {};
  const onSignal = () => (running.stopAll ? void running.stopAll(0) : startup.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // Anything else answering on our ports would be mistaken for ours (a second `npm start` joined the
  // first one's Temporal and split the incidents between two databases), so a taken port stops here.
  const clashes = await takenPorts(config);
  if (clashes.length > 0) refuse(portsInUseLine(clashes));

  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = absoluteDatabaseUrl(config.DATABASE_URL);
  await migrateDatabase(databaseUrl);
  if (startup.signal.aborted) refuse('start: stopped before the service was up');

  const temporalDb = path.join(dataDir, 'temporal.db');
  const { address, devServer } = await startTemporal(config, temporalDb, startup.signal);
  if (devServer) console.log(`start: the Temporal dev server started (pid ${devServer.child.pid})`);

  const generatedKey = config.API_KEYS ? undefined : ensureLocalApiKey(dataDir);
  const childEnv = {
    ...(devServer ? localTemporalEnv(process.env, dataDir, address, config.TEMPORAL_NAMESPACE) : process.env),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TASK_QUEUE: config.TASK_QUEUE,
    PORT: String(config.PORT),
    API_KEYS: config.API_KEYS?.join(',') ?? generatedKey!.key,
    // The embedded dev server registers the Incident* search attributes; another cluster may not have them.
    SEARCH_ATTRIBUTES: config.SEARCH_ATTRIBUTES ?? (devServer ? 'on' : 'off'),
  };
  let api: ChildProcess | undefined;
  const childPart = (name: 'worker' | 'api', script: string): Part => ({
    name,
    start: () => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'dist', script)], {
        env: childEnv,
        stdio: 'inherit',
      });
      if (name === 'api') api = child;
      console.log(`start: the ${name} started (pid ${child.pid})`);
      return Promise.resolve(runningChild(child));
    },
  });
  // The dev server already runs (its first start refuses a taken port); a restart starts it afresh.
  let firstDevServer = devServer;
  const devServerPart: Part = {
    name: 'Temporal dev server',
    start: async () => {
      const server =
        firstDevServer ??
        (await startDevServer({
          dbFile: temporalDb,
          port: config.TEMPORAL_PORT,
          uiPort: config.TEMPORAL_UI_PORT,
          namespace: config.TEMPORAL_NAMESPACE,
          stdio: 'inherit',
        }));
      if (!firstDevServer) console.log(`start: the Temporal dev server started (pid ${server.child.pid})`);
      firstDevServer = undefined;
      return runningDevServer(server);
    },
  };
  const supervisor = supervise(
    [
      ...(devServer ? [devServerPart] : []),
      childPart('worker', 'worker/main.js'),
      childPart('api', 'api/main.js'),
    ],
    { log: (line) => console.error(line), onGiveUp: () => process.exit(1) },
  );
  running.stopAll = async (code) => {
    await supervisor.stop();
    process.exit(code);
  };
  await supervisor.startAll();

  const apiUrl = `http://localhost:${config.PORT}`;
  // An API that stops before it ever answers (a broken plan or people file) is not restarted: it would
  // fail the same way, and its own words say why.
  await waitForHttp(`${apiUrl}/healthz`, api, 60_000).catch(async (err: unknown) => {
    await supervisor.stop();
    refuse(`start: the API did not come up: ${describeFailure(err)}`);
  });
  console.log(banner(apiUrl, { address, devServer, db: temporalDb }, generatedKey, databaseUrl));
}

main().catch((err: unknown) => {
  console.error(`start: could not start the service: ${describeFailure(err)}`);
  process.exit(1);
});
