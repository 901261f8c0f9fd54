import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureLocalApiKey } from '../config/api-key';
import { describeFailure, loadConfigOrExit } from '../config/env';
import { databaseKind } from '../storage/database-url';
import { migrateDatabase } from './migrate';
import { repoRoot } from './paths';
import { loadStartConfig } from './start-config';
import { exited, startDevServer, type DevServer } from './temporal-dev-server';
import { waitForHttp } from './wait-for-http';

// `npm start`: the whole service on the embedded defaults. Runs the Temporal dev server (state in the
// data folder), the worker and the API as child processes, and stops them all on Ctrl-C.

/** The worker and the API start elsewhere than this script, so a relative SQLite path is made absolute. */
function absoluteDatabaseUrl(url: string): string {
  if (databaseKind(url) !== 'sqlite') return url;
  return `file:${path.resolve(repoRoot, url.slice('file:'.length))}`;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadStartConfig(process.env));
  const dataDir = path.resolve(repoRoot, config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = absoluteDatabaseUrl(config.DATABASE_URL);
  await migrateDatabase(databaseUrl);

  let devServer: DevServer | undefined;
  let temporalAddress = config.TEMPORAL_ADDRESS;
  if (temporalAddress === undefined) {
    console.log('start: Temporal dev server starting (state in data/temporal.db)');
    devServer = await startDevServer({
      dbFile: path.join(dataDir, 'temporal.db'),
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      stdio: 'inherit',
    });
    temporalAddress = devServer.address;
  }

  const generatedKey = config.API_KEYS ? undefined : ensureLocalApiKey(dataDir);
  const childEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TASK_QUEUE: config.TASK_QUEUE,
    PORT: String(config.PORT),
    API_KEYS: config.API_KEYS?.join(',') ?? generatedKey!.key,
    // The embedded dev server registers the Incident* search attributes; another cluster may not have them.
    SEARCH_ATTRIBUTES: config.SEARCH_ATTRIBUTES ?? (devServer ? 'on' : 'off'),
  };
  const run = (script: string) =>
    spawn(process.execPath, [path.join(repoRoot, 'dist', script)], { env: childEnv, stdio: 'inherit' });
  const worker = run('worker/main.js');
  const api = run('api/main.js');
  const children = [worker, api];

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    const grace = setTimeout(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')), 15_000);
    await Promise.all(children.map(exited));
    clearTimeout(grace);
    await devServer?.stop('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const [name, child] of [
    ['worker', worker],
    ['api', api],
  ] as const) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`start: the ${name} stopped (${signal ?? `exit code ${code}`}); stopping everything`);
      void stopAll(1);
    });
  }
  devServer?.child.once('exit', (code) => {
    if (stopping) return;
    console.error(`start: the Temporal dev server stopped (exit code ${code}); stopping everything`);
    void stopAll(1);
  });

  const apiUrl = `http://localhost:${config.PORT}`;
  await waitForHttp(`${apiUrl}/healthz`, api, 60_000);
  const lines = [
    '',
    `  API            ${apiUrl}   (try: curl ${apiUrl}/healthz)`,
    devServer?.uiUrl ? `  Temporal UI    ${devServer.uiUrl}` : `  Temporal       ${temporalAddress}`,
    generatedKey
      ? `  API key        ${generatedKey.key}   (kept in ${generatedKey.file})`
      : '  API key        one of API_KEYS from the environment',
    '  Stop           Ctrl-C',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(`start: could not start the service: ${describeFailure(err)}`);
  process.exit(1);
});
