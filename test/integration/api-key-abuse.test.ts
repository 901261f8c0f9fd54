import type { Server } from 'node:http';
import type { PrismaClient } from '@prisma/client';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { FAILED_KEYS_PER_MINUTE } from '../../api/auth';
import { loadCatalog } from '../../plans/catalog';
import { freePort } from '../helpers/free-port';
import { tempDataDir } from '../helpers/temp-database';

// A script guessing keys (or one gone wrong with a stale key) is slowed down, not the integration that
// holds the right key beside it; and no key, right or wrong, is written to the log.

const RIGHT_KEY = 'abuse-right-key-0123456789abcdef';

let prisma: PrismaClient;
let connection: Connection;
let server: Server;
let baseUrl: string;
const logged: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeAll(async () => {
  const data = await tempDataDir('api-key-abuse');
  prisma = data.openPrisma();
  // The plan list needs no Temporal: a connection to a port nobody listens on, never used.
  connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
  const app = createApp({
    client: new Client({ connection }),
    catalog: loadCatalog(),
    prisma,
    linkSecret: 'api-key-abuse-link-secret-0123456789abcdef',
    taskQueue: 'api-key-abuse',
    searchAttributes: false,
    apiKeys: [RIGHT_KEY],
    checkTemporal: () => Promise.resolve(),
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    spies.push(
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      }),
    );
  }
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await new Promise((r) => server?.close(r));
  await connection?.close();
  await prisma?.$disconnect();
});

const ask = (key: string) => fetch(`${baseUrl}/api/plans`, { headers: { authorization: `Bearer ${key}` } });

test('1,000 wrong keys from one address are refused 429 with Retry-After after the first 30, while the right key keeps working, and no key is logged', async () => {
  const wrongKeys = Array.from(
    { length: 1000 },
    (_, i) => `guess-${i}-${Math.random().toString(36).slice(2)}`,
  );
  const statuses = new Map<number, number>();
  const retryAfter = new Set<string | null>();
  const rightAnswers: number[] = [];
  for (const [i, key] of wrongKeys.entries()) {
    const res = await ask(key);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status === 429) {
      retryAfter.add(res.headers.get('retry-after'));
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too-many-failed-keys');
    } else await res.arrayBuffer();
    if (i % 100 === 99) rightAnswers.push((await ask(RIGHT_KEY)).status);
  }

  expect(Object.fromEntries(statuses)).toEqual({
    401: FAILED_KEYS_PER_MINUTE,
    429: 1000 - FAILED_KEYS_PER_MINUTE,
  });
  for (const wait of retryAfter) expect(Number(wait)).toBeGreaterThanOrEqual(1);
  for (const wait of retryAfter) expect(Number(wait)).toBeLessThanOrEqual(60);
  expect(rightAnswers).toEqual(Array.from({ length: 10 }, () => 200));

  const everything = logged.join('\n');
  expect(everything).not.toContain(RIGHT_KEY);
  for (const key of wrongKeys) expect(everything).not.toContain(key);
});
