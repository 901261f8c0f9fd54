import type { Server } from 'node:http';
import type { PrismaClient } from '@prisma/client';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { loadCatalog } from '../../plans/catalog';
import { tempDataDir } from '../helpers/temp-database';

// The session cookie's name and attributes, over plain HTTP and behind HTTPS (PUBLIC_URL https), on a real
// database. Signing in by key needs no Temporal server: the client here never connects.

const OPERATOR_KEY = 'session-cookie-operator-0123456789abcdef';

let prisma: PrismaClient;
const servers: Server[] = [];

async function serve(publicUrl: string | undefined): Promise<string> {
  const app = createApp({
    client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
    catalog: loadCatalog(),
    prisma,
    taskQueue: 'session-cookie',
    searchAttributes: false,
    apiKeys: [OPERATOR_KEY],
    checkTemporal: () => Promise.resolve(),
    linkSecret: 'session-cookie-link-secret-0123456789abcdef',
    ...(publicUrl ? { publicUrl } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  prisma = (await tempDataDir('session-cookie')).openPrisma();
});
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  await prisma?.$disconnect();
});

/** Signs in with the operator key; the Set-Cookie header of the answer. */
async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/sign-in/key`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ key: OPERATOR_KEY, next: '/' }).toString(),
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie') ?? '';
}

const peoplePage = (baseUrl: string, cookie: string) =>
  fetch(`${baseUrl}/people`, { redirect: 'manual', headers: { cookie } });

test('behind HTTPS the session cookie is __Host-: Secure, path /, no domain; a cookie without the prefix is not a session', async () => {
  const baseUrl = await serve('https://office.example');
  const setCookie = await signIn(baseUrl);
  const [pair, ...attributes] = setCookie.split(';').map((s) => s.trim());
  const [name, value] = pair!.split('=') as [string, string];
  expect(name).toBe('__Host-office_session');
  expect(attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'Path=/', 'SameSite=Lax']));
  expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);

  expect((await peoplePage(baseUrl, `__Host-office_session=${value}`)).status).toBe(200);
  // The same value under the plain name, as a sibling subdomain could set it: not signed in.
  const planted = await peoplePage(baseUrl, `office_session=${value}`);
  expect(planted.status).toBe(303);
  expect(planted.headers.get('location')).toMatch(/^\/sign-in/);
});

test('over plain HTTP (a machine on loopback) the cookie has no prefix and no Secure flag', async () => {
  const baseUrl = await serve(undefined);
  const setCookie = await signIn(baseUrl);
  expect(setCookie).toMatch(/^office_session=/);
  expect(setCookie).not.toMatch(/Secure/);
  const value = setCookie.split(';')[0]!.slice('office_session='.length);
  expect((await peoplePage(baseUrl, `office_session=${value}`)).status).toBe(200);
});
