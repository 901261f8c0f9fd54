import type { Server } from 'node:http';
import express from 'express';
import { createApp, type AppDeps } from '../../api/app';
import { errorHandler, HttpError, unmatchedRequest } from '../../api/errors';
import { CreateIncidentBody, DISCOVERED_AT_CLOCK_SKEW_MS } from '../../api/schemas';
import { loadCatalog } from '../../plans/catalog';

// The error handler and the 405 on plain HTTP: the real app with dependencies that must not be reached
// (bad input is refused before any of them), and small apps that throw what express's parts throw.

const KEY = 'error-handler-operator-0123456789';

/** Bad input is refused at the edge; a dependency used is a bug in the premise, and shows as a 500. */
const untouched = <T>(name: string): T =>
  new Proxy(
    {},
    {
      get: (_t, key) => {
        throw new Error(`${name}.${String(key)} used for a request that should have been refused`);
      },
    },
  ) as T;

const servers: Server[] = [];
async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

let realApp: string;
beforeAll(async () => {
  realApp = await listen(
    createApp({
      client: untouched<AppDeps['client']>('client'),
      prisma: untouched<AppDeps['prisma']>('prisma'),
      catalog: loadCatalog(),
      linkSecret: 'error-handler-link-secret-0123456789abcdef',
      taskQueue: 'unused',
      searchAttributes: false,
      apiKeys: [KEY],
      checkTemporal: () => Promise.reject(new Error('not called')),
    }),
  );
});

interface Answer {
  status: number;
  allow: string | null;
  text: string;
  body: unknown;
}

async function send(base: string, method: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...init,
    headers: { authorization: `Bearer ${KEY}`, ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, allow: res.headers.get('allow'), text, body };
}

const errorShaped = (code: string) => ({
  error: { code, message: expect.any(String) as string, details: expect.any(Array) as unknown[] },
});

describe('errors raised before our handlers keep their 4xx', () => {
  test('a JSON body in an unsupported charset is 415 unsupported-media-type', async () => {
    const answer = await send(realApp, 'POST', '/api/incidents', {
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      error: { code: 'unsupported-media-type', message: 'unsupported charset "LATIN1"', details: [] },
    });
  });

  test('a body in an unknown content encoding is 415 unsupported-media-type', async () => {
    const answer = await send(realApp, 'POST', '/api/people', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-unheard-of' },
      body: '{}',
    });
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual(errorShaped('unsupported-media-type'));
  });

  test('a gzip body that does not inflate is 400, not 500', async () => {
    const answer = await send(realApp, 'POST', '/api/incidents', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorShaped('bad-request'));
  });

  test.each(['/api/incidents/%ff', '/api/incidents/%', '/links/%E0%A4%A', '/api/plans/%c0%af'])(
    'a path parameter that does not percent-decode (%s) is 400 bad-path',
    async (path) => {
      const answer = await send(realApp, 'GET', path);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          code: 'bad-path',
          message: expect.stringContaining('Failed to decode param') as string,
          details: [],
        },
      });
    },
  );

  test('a body over 100 kB is still 413 body-too-large, and broken JSON 400 invalid-json', async () => {
    const big = await send(realApp, 'POST', '/api/incidents', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body).toEqual(errorShaped('body-too-large'));
    const broken = await send(realApp, 'POST', '/api/incidents', {
      headers: { 'content-type': 'application/json' },
      body: '{"planId":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual(errorShaped('invalid-json'));
  });
});

describe('a known path with a method it does not take', () => {
  test.each([
    ['DELETE', '/api/incidents', 'GET, HEAD, POST'],
    ['PUT', '/api/incidents/5b0c3f52-3f4e-4a59-9a5e-0f7a4e8a1c11', 'GET, HEAD'],
    ['GET', '/api/incidents/5b0c3f52-3f4e-4a59-9a5e-0f7a4e8a1c11/close', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['PATCH', '/links/some-token/decision', 'POST'],
    ['POST', '/api/people/wang', 'DELETE, GET, HEAD, PATCH'],
    ['DELETE', '/API/Incidents/', 'GET, HEAD, POST'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const answer = await send(realApp, method, path);
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe(allow);
    expect(answer.body).toEqual({
      error: { code: 'method-not-allowed', message: expect.stringContaining(allow) as string, details: [] },
    });
  });

  test('HEAD counts for GET, and OPTIONS is answered with Allow', async () => {
    expect((await send(realApp, 'HEAD', '/healthz')).status).not.toBe(405);
    const options = await send(realApp, 'OPTIONS', '/openapi.json');
    expect(options.status).toBe(204);
    expect(options.allow).toBe('GET, HEAD');
  });

  test('an unknown path is still 404, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const answer = await send(realApp, method, '/api/nowhere');
      expect(answer.status).toBe(404);
      expect(answer.allow).toBeNull();
      expect(answer.body).toEqual(errorShaped('not-found'));
    }
    // GET /docs/:file passes files it does not serve on: the method is right, the file is not there.
    expect((await send(realApp, 'GET', '/docs/secret.txt')).status).toBe(404);
  });
});

describe('discoveredAt', () => {
  const report = (discoveredAt: string) => ({
    planId: 'p1-acheng-agriculture',
    title: '网传化肥补贴被截留',
    level: 'l3',
    reporter: 'monitor-wang',
    discoveredAt,
  });

  test('a day in the future is 400 naming discoveredAt, before anything is started', async () => {
    const answer = await send(realApp, 'POST', '/api/incidents', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report(new Date(Date.now() + 24 * 3_600_000).toISOString())),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'invalid-request', details: [{ path: 'discoveredAt' }] },
    });
  });

  test('a clock a little ahead of ours is allowed; past the allowance it is not', () => {
    const now = Date.now();
    const at = (ms: number) => CreateIncidentBody.safeParse(report(new Date(now + ms).toISOString()));
    expect(at(DISCOVERED_AT_CLOCK_SKEW_MS - 5_000).success).toBe(true);
    expect(at(-3_600_000).success).toBe(true);
    const late = at(DISCOVERED_AT_CLOCK_SKEW_MS + 5_000);
    expect(late.success).toBe(false);
    expect(late.error?.issues.map((i) => i.path)).toEqual([['discoveredAt']]);
  });

  test('is checked against the clock at parse time, not when the module was loaded', () => {
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
    expect(CreateIncidentBody.safeParse(report(tomorrow)).success).toBe(false);
    const later = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(tomorrow) + 1_000);
    try {
      expect(CreateIncidentBody.safeParse(report(tomorrow)).success).toBe(true);
    } finally {
      later.mockRestore();
    }
  });
});

describe('errorHandler', () => {
  /** An app whose one route fails with `err`. */
  async function failingWith(err: unknown): Promise<string> {
    const app = express();
    app.get('/fail', () => {
      throw err;
    });
    app.use(errorHandler);
    return listen(app);
  }

  const carrying = (fields: Record<string, unknown>, message = 'what the part said') =>
    Object.assign(new Error(message), fields);

  test.each([
    [{ status: 400 }, 400, 'bad-request', 'what the part said'],
    [{ statusCode: 404 }, 404, 'not-found', 'what the part said'],
    [{ status: 408, statusCode: 408 }, 408, 'request-timeout', 'what the part said'],
    [{ status: 413, type: 'entity.too.large' }, 413, 'body-too-large', 'request body is too large'],
    [{ status: 415, type: 'charset.unsupported' }, 415, 'unsupported-media-type', 'what the part said'],
    [{ status: 431 }, 431, 'request-header-fields-too-large', 'what the part said'],
  ])('an error carrying %j answers %i %s', async (fields, status, code, message) => {
    const answer = await send(await failingWith(carrying(fields)), 'GET', '/fail');
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: { code, message, details: [] } });
  });

  test('a message its part did not mean to expose is replaced by the status text', async () => {
    const answer = await send(
      await failingWith(carrying({ status: 400, expose: false }, 'inner')),
      'GET',
      '/fail',
    );
    expect(answer.body).toEqual({ error: { code: 'bad-request', message: 'Bad Request', details: [] } });
  });

  test.each([
    ['a 5xx-carrying error', carrying({ status: 503, statusCode: 503 }, 'pool exhausted at db:5432')],
    ['a status that is no number', carrying({ status: '404' }, 'secret detail')],
    ['a status out of range', carrying({ status: 302 }, 'secret detail')],
    ['a plain error', new Error('secret detail')],
    ['a thrown string', 'secret detail'],
    ['a thrown number', 404],
  ])('%s is 500 internal with nothing of the error in the answer', async (_what, err) => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await send(await failingWith(err), 'GET', '/fail');
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({ error: { code: 'internal', message: 'internal error', details: [] } });
      expect(answer.text).not.toMatch(/secret|pool|db:5432|at .*\.ts/);
    } finally {
      quiet.mockRestore();
    }
  });

  test('an HttpError answers its own status, code and details', async () => {
    const err = new HttpError(409, 'step-not-open', 'not yet', [{ path: 'stepId', issue: 'waits' }]);
    const answer = await send(await failingWith(err), 'GET', '/fail');
    expect(answer).toMatchObject({
      status: 409,
      body: {
        error: { code: 'step-not-open', message: 'not yet', details: [{ path: 'stepId', issue: 'waits' }] },
      },
    });
  });

  test('unmatchedRequest on its own app: 405 with Allow from the table it was given', async () => {
    const app = express();
    app.get('/things/:id', (_req, res) => {
      res.json({});
    });
    app.put('/things/:id', (_req, res) => {
      res.json({});
    });
    app.use(
      unmatchedRequest([
        { method: 'GET', path: '/things/:id' },
        { method: 'PUT', path: '/things/:id' },
      ]),
    );
    app.use(errorHandler);
    const base = await listen(app);
    const answer = await send(base, 'POST', '/things/7');
    expect(answer).toMatchObject({ status: 405, allow: 'GET, HEAD, PUT' });
    expect((await send(base, 'POST', '/other')).status).toBe(404);
  });
});
