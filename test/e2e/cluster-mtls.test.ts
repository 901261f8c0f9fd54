import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { loadTemporalConnection } from '../../config/temporal-connection';
import { migrateDatabase } from '../../scripts/migrate';
import { startPostgres, type PostgresServer } from '../../scripts/postgres-server';
import {
  setUpTemporalSchemas,
  startTemporalServer,
  type TemporalServer,
} from '../../scripts/temporal-server';
import { createPrisma } from '../../storage/prisma';
import { apiClient } from '../helpers/api-client';
import { listenApp, type AppServer } from '../helpers/app-server';
import { freePort } from '../helpers/free-port';
import { killHard, startBuilt, waitForLog, type RunningProcess } from '../helpers/processes';

// The full server with mTLS on its frontend, under a CA this test makes. The worker and the API reach it
// with nothing but Temporal's own settings (TEMPORAL_TLS_*), read by @temporalio/envconfig; a client
// without a certificate the CA signed is turned away.

const API_KEY = 'mtls-key-0123456789abcdef';
const dir = mkdtempSync(path.join(tmpdir(), 'cluster-mtls-'));
const file = (name: string) => path.join(dir, name);
let postgres: PostgresServer;
let server: TemporalServer;
let worker: RunningProcess | undefined;
let app: AppServer | undefined;
let connection: Connection | undefined;
let prisma: ReturnType<typeof createPrisma> | undefined;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** A CA, a server certificate for localhost and 127.0.0.1, and a client certificate, all signed by it. */
function makeCertificates(): void {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=incident test CA'].concat([
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
    ]),
  );
  writeFileSync(
    file('server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  writeFileSync(file('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [
    ['server', '/CN=localhost'],
    ['client', '/CN=incident-worker'],
  ] as const) {
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
    ]);
    openssl(
      ['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key')].concat([
        '-CAcreateserial',
        '-days',
        '1',
        '-out',
        file(`${name}.pem`),
        '-extfile',
        file(`${name}.ext`),
      ]),
    );
  }
}

beforeAll(async () => {
  makeCertificates();
  postgres = await startPostgres(await freePort());
  const pgPort = Number(new URL(postgres.url).port);
  setUpTemporalSchemas(pgPort);
  server = await startTemporalServer({
    dir: file('temporal'),
    postgresPort: pgPort,
    frontendPort: await freePort(),
    tls: {
      certFile: file('server.pem'),
      keyFile: file('server.key'),
      caFile: file('ca.pem'),
      serverName: 'localhost',
      clientCertFile: file('client.pem'),
      clientKeyFile: file('client.key'),
    },
  });
}, 180_000);

afterAll(async () => {
  if (worker) await killHard(worker.child);
  await app?.close();
  await connection?.close();
  await prisma?.$disconnect();
  await server?.stop();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const mtlsEnv = () => ({
  TEMPORAL_ADDRESS: server.address,
  TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'),
  TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key'),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'),
  TEMPORAL_TLS_SERVER_NAME: 'localhost',
});

test('a worker and an API configured only by TEMPORAL_TLS_* run an incident over mTLS; a client without a signed certificate is refused', async () => {
  const appUrl = postgres.createDatabase('app');
  await migrateDatabase(appUrl);
  worker = startBuilt(
    'worker/main.js',
    {
      ...mtlsEnv(),
      DATABASE_URL: appUrl,
      DATA_DIR: dir,
      TASK_QUEUE: 'mtls',
      WORKER_PORT: '0',
      TEMPORAL_CONFIG_FILE: file('none.toml'),
    },
    file('worker.log'),
  );
  await waitForLog(worker, `on ${server.address} (namespace default, mTLS)`, 90_000);

  // The API as api/main.ts builds it, from the same settings.
  const temporal = loadTemporalConnection('api', { ...mtlsEnv(), TEMPORAL_CONFIG_FILE: file('none.toml') });
  connection = await Connection.connect(temporal.options);
  prisma = createPrisma(appUrl);
  app = await listenApp({
    connection,
    namespace: temporal.namespace,
    prisma,
    taskQueue: 'mtls',
    apiKey: API_KEY,
  });
  const api = apiClient(() => app!.baseUrl, API_KEY);
  const created = await api('POST', '/api/incidents', {
    planId: 'p1-acheng-agriculture',
    title: '双向认证演练',
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  const done = await api('POST', `/api/incidents/${String(created.body.id)}/steps/report-facts/complete`, {
    actor: { id: 'wang', role: 'monitor' },
  });
  expect(done).toMatchObject({ status: 200, body: { accepted: true } });

  // TLS with the right CA but no client certificate: the server refuses the handshake.
  const anonymous = loadTemporalConnection('api', {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TLS: 'true',
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_CONFIG_FILE: file('none.toml'),
  });
  await expect(
    Connection.connect({ ...anonymous.options, connectTimeout: 5_000 }).then(async (c) => {
      try {
        await c.workflowService.getSystemInfo({});
      } finally {
        await c.close();
      }
    }),
  ).rejects.toThrow();
});
