import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort, freeLowLoopbackPort } from '../worker/free-loopback-port';
import { devServerSearchAttributeArgs } from '../workflows/search-attributes';
import { temporalCli, temporalServer, temporalSqlTool } from './paths';
import { exited, waitForTemporal } from './temporal-dev-server';

// The full Temporal server (go.temporal.io/server, the version the CLI embeds) persisting to
// PostgreSQL, for `npm run cluster` and the cluster tests: its schemas set up and brought up to date by
// its own SQL tool from the schemas embedded in it, the namespace registered and the Incident* search
// attributes created, as an operator does for a self-hosted cluster.

export interface TemporalServerOptions {
  /** Folder for the rendered configuration and the server's log. */
  dir: string;
  /** PostgreSQL on loopback, reachable as user `postgres` without a password (scripts/postgres-server). */
  postgresPort: number;
  frontendPort: number;
  namespace?: string;
  /** mTLS on the frontend: the server's certificate and key, and the CA whose client certificates it takes. */
  tls?: ServerTls;
}

export interface ServerTls {
  certFile: string;
  keyFile: string;
  caFile: string;
  /** The name the server's certificate holds. */
  serverName: string;
  /** A client certificate and key the CA signed, for this module's own calls (readiness, the CLI). */
  clientCertFile: string;
  clientKeyFile: string;
}

export interface TemporalServer {
  address: string;
  child: ChildProcess;
  logFile: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function sqlTool(postgresPort: number, database: string, args: string[]): void {
  const result = spawnSync(
    temporalSqlTool,
    [
      '--plugin',
      'postgres12',
      '--ep',
      '127.0.0.1',
      '-p',
      String(postgresPort),
      '-u',
      'postgres',
      '--db',
      database,
      ...args,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${result.stderr || result.stdout}`);
  }
}

/**
 * Creates (if missing) and brings up to date the server's two databases: `setup-schema -v 0.0` once,
 * then `update-schema` to the newest embedded version, which is what an upgrade runs too.
 */
export function setUpTemporalSchemas(postgresPort: number): void {
  for (const [database, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    sqlTool(postgresPort, database, ['create-database']);
    sqlTool(postgresPort, database, ['setup-schema', '-v', '0.0']);
    sqlTool(postgresPort, database, ['update-schema', '--schema-name', schema]);
  }
}

function datastore(database: string, postgresPort: number, maxConns: number): string {
  return `      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "127.0.0.1:${postgresPort}"
        connectProtocol: tcp
        user: postgres
        password: ""
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
}

/**
 * The services' own ports, chosen once per folder and kept: the server finds its peers by the addresses
 * recorded in its database, so a server started again on other ports waits for the old ones (the join's
 * 30 s, more than once) before it serves; on the same ports it is its own peer and serves at once.
 */
async function servicePorts(dir: string): Promise<number[]> {
  const file = path.join(dir, 'config', 'ports.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as number[];
  const grpc = await Promise.all(Array.from({ length: 4 }, () => freeLoopbackPort()));
  // Membership ports are kept in a smallint column.
  const membership = await Promise.all(Array.from({ length: 4 }, () => freeLowLoopbackPort()));
  const ports = [...grpc, ...membership];
  writeFileSync(file, JSON.stringify(ports));
  return ports;
}

/** The server's configuration, as config/development-postgres12.yaml of the server's module has it. */
async function renderConfig(opts: TemporalServerOptions): Promise<string> {
  const [history, matching, worker, http, fm, hm, mm, wm] = await servicePorts(opts.dir);
  const service = (grpc: number, membership: number, extra = '') => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
${datastore('temporal', opts.postgresPort, 20)}
    postgres-visibility:
${datastore('temporal_visibility', opts.postgresPort, 4)}
global:${opts.tls ? tlsSection(opts.tls) : ''}
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:
${service(opts.frontendPort, fm!, `\n      httpPort: ${http}`)}
  history:
${service(history!, hm!)}
  matching:
${service(matching!, mm!)}
  worker:
${service(worker!, wm!)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${opts.frontendPort}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "${path.join(opts.dir, 'config', 'dynamicconfig.yaml')}"
  pollInterval: 10s
`;
}

/**
 * The frontend takes only clients whose certificate the CA signed; the server's own services calling it
 * (the system worker, the operator service) present the server's certificate and trust the same CA.
 */
function tlsSection(tls: ServerTls): string {
  return `
  tls:
    frontend:
      server:
        certFile: "${tls.certFile}"
        keyFile: "${tls.keyFile}"
        requireClientAuth: true
        clientCaFiles:
          - "${tls.caFile}"
      client:
        serverName: "${tls.serverName}"
        rootCaFiles:
          - "${tls.caFile}"
    systemWorker:
      certFile: "${tls.certFile}"
      keyFile: "${tls.keyFile}"
      client:
        serverName: "${tls.serverName}"
        rootCaFiles:
          - "${tls.caFile}"`;
}

/** How this module's own calls reach the server: plain, or with the client certificate under mTLS. */
function clientTls(tls: ServerTls | undefined) {
  if (!tls) return { connection: {}, cli: [] };
  return {
    connection: {
      tls: {
        serverNameOverride: tls.serverName,
        serverRootCACertificate: readFileSync(tls.caFile),
        clientCertPair: { crt: readFileSync(tls.clientCertFile), key: readFileSync(tls.clientKeyFile) },
      },
    },
    cli: [
      '--tls-cert-path',
      tls.clientCertFile,
      '--tls-key-path',
      tls.clientKeyFile,
      '--tls-ca-path',
      tls.caFile,
      '--tls-server-name',
      tls.serverName,
    ],
  };
}

function cli(address: string, tls: string[], args: string[]): void {
  const result = spawnSync(temporalCli, [...args, '--address', address, ...tls], { encoding: 'utf8' });
  if (result.status !== 0 && !/already (exists|registered)/i.test(result.stderr)) {
    throw new Error(`temporal ${args.slice(0, 3).join(' ')} failed: ${result.stderr || result.stdout}`);
  }
}

/** Starts the server on schemas already set up; registers the namespace and search attributes if new. */
export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServer> {
  for (const [tool, name] of [
    [temporalServer, 'temporal-server'],
    [temporalSqlTool, 'temporal-sql-tool'],
  ] as const) {
    if (!existsSync(tool)) throw new Error(`${name} is missing: run \`bash toolchain/setup-cluster.sh\``);
  }
  mkdirSync(path.join(opts.dir, 'config'), { recursive: true });
  writeFileSync(path.join(opts.dir, 'config', 'development.yaml'), await renderConfig(opts));
  writeFileSync(path.join(opts.dir, 'config', 'dynamicconfig.yaml'), '{}\n');
  const logFile = path.join(opts.dir, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    temporalServer,
    ['--root', opts.dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const address = `127.0.0.1:${opts.frontendPort}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  try {
    const client = clientTls(opts.tls);
    await waitForTemporal(address, 90_000, child, client.connection);
    const namespace = opts.namespace ?? 'default';
    cli(address, client.cli, [
      'operator',
      'namespace',
      'create',
      '--namespace',
      namespace,
      '--retention',
      '72h',
    ]);
    // The same Incident* attributes the dev server is started with.
    for (let i = 0; i < devServerSearchAttributeArgs.length; i += 2) {
      const [name, type] = devServerSearchAttributeArgs[i + 1]!.split('=');
      cli(address, client.cli, [
        'operator',
        'search-attribute',
        'create',
        '--namespace',
        namespace,
        '--name',
        name!,
        '--type',
        type!,
      ]);
    }
  } catch (err) {
    await stop('SIGKILL');
    throw err;
  }
  return { address, child, logFile, stop };
}

/**
 * Makes a build the current version of its Worker Deployment: new incidents and, on their next task,
 * running ones (auto-upgrade) go to its workers. The server refuses until that build's workers have
 * polled the task queue, so it is asked again for up to `timeoutMs`.
 */
export async function setCurrentWorkerVersion(
  address: string,
  deployment: string,
  buildId: string,
  timeoutMs = 30_000,
): Promise<void> {
  const args = ['worker', 'deployment', 'set-current-version', '--deployment-name', deployment];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      cli(address, [], [...args, '--build-id', buildId, '--yes']);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
