import type express from 'express';
import { createApp, type AppDeps } from '../../api/app';
import { openApiDocument, operations, type OpenApiDocument, type Operation } from '../../api/openapi';
import { openApiPath, registeredRoutes, routeMatcher } from '../../api/route-table';
import { loadCatalog } from '../../plans/catalog';

/** Listing routes touches no dependency; any use of one is a bug in this test's premise. */
const untouched = <T>(name: string): T =>
  new Proxy(
    {},
    {
      get: (_t, key) => {
        throw new Error(`${name}.${String(key)} used while listing routes`);
      },
    },
  ) as T;

function appForListing(): express.Express {
  return createApp({
    client: untouched<AppDeps['client']>('client'),
    prisma: untouched<AppDeps['prisma']>('prisma'),
    catalog: loadCatalog(),
    linkSecret: 'openapi-test-link-secret-0123456789abcdef',
    taskQueue: 'unused',
    searchAttributes: false,
    apiKeys: ['unused'],
    checkTemporal: () => Promise.reject(new Error('not called')),
  });
}

/** Both directions: routes the document lacks, and documented operations no route serves. */
function disagreements(app: express.Express, doc: OpenApiDocument) {
  const registered = new Set(registeredRoutes(app).map((r) => `${r.method} ${openApiPath(r.path)}`));
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  return {
    undocumented: [...registered].filter((r) => !documented.has(r)),
    withoutRoute: [...documented].filter((d) => !registered.has(d)),
  };
}

describe('OpenAPI document', () => {
  const doc = openApiDocument(operations);

  test('documents every route the app registers, nested routers included, and nothing else', () => {
    const app = appForListing();
    expect(disagreements(app, doc)).toEqual({ undocumented: [], withoutRoute: [] });
    // The walk reaches into mounted routers: these come from /api/incidents and /docs.
    const listed = registeredRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/incidents',
        'POST /api/incidents/:id/steps/:stepId/decision',
        'GET /api/plans/:planId',
        'GET /docs',
      ]),
    );
  });

  test('names a route added to the app without an operation, and an operation left without its route', () => {
    const app = appForListing();
    app.get('/api/people/:personId', (_req, res) => {
      res.end();
    });
    const orphan: Operation = {
      method: 'delete',
      path: '/api/keys',
      summary: 'revoke every key',
      tags: [],
      responses: { 204: { description: 'revoked' } },
    };
    expect(disagreements(app, openApiDocument([...operations, orphan]))).toEqual({
      undocumented: ['GET /api/people/{personId}'],
      withoutRoute: ['DELETE /api/keys'],
    });
  });

  test('describes the intake body from its zod schema: planId required, unknown fields refused', () => {
    const post = doc.paths['/api/incidents']?.post as {
      requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
    };
    const body = post.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body.required).toEqual(expect.arrayContaining(['planId', 'title', 'reporter']));
    // `summary` has a default, so integrators may leave it out: the input side of the schema is documented.
    expect(body.required).not.toContain('summary');
    expect(body).not.toHaveProperty('$schema');
  });

  test('documents path parameters with the schema the route parses them with', () => {
    const get = doc.paths['/api/incidents/{id}']?.get as { parameters: Record<string, unknown>[] };
    expect(get.parameters).toHaveLength(1);
    expect(get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
      schema: { format: 'uuid' },
    });
    const decision = doc.paths['/api/incidents/{id}/steps/{stepId}/decision']?.post as {
      parameters: { name: string; in: string }[];
      requestBody: { content: { 'application/json': { schema: { properties: object } } } };
    };
    expect(decision.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'path:stepId',
      'header:Idempotency-Key',
    ]);
    // stepId travels in the path, so the body schema no longer has it.
    expect(decision.requestBody.content['application/json'].schema.properties).not.toHaveProperty('stepId');
  });

  test('refers errors to one shared Error component and asks for a bearer key except on public endpoints', () => {
    expect(doc.components.schemas.Error).toMatchObject({
      properties: { error: { required: ['code', 'message', 'details'] } },
    });
    expect(doc.paths['/api/plans']?.get).toMatchObject({
      responses: {
        401: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of ['/healthz', '/metrics', '/openapi.json', '/docs']) {
      expect(doc.paths[path]?.get).toMatchObject({ security: [] });
    }
    expect(doc.paths['/api/incidents']?.post).not.toHaveProperty('security');
  });

  test('carries a Chinese-first bilingual title', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toMatch(/^[\u4e00-\u9fff].* · [A-Za-z]/);
  });

  test('refuses an operation whose path placeholders and params disagree', () => {
    const [first] = operations;
    expect(() => openApiDocument([{ ...first!, path: '/api/incidents/{incidentId}' }])).toThrow(
      /path names \{incidentId\}, params declare \{\}/,
    );
  });
});

describe('route table', () => {
  const routeOf = routeMatcher(registeredRoutes(appForListing()));

  test('labels a request with its route pattern, never the raw URL', () => {
    const id = '0b9c3c1e-8a0f-4b8e-9a52-3f3f1c1c1c1c';
    expect(routeOf('GET', `/api/incidents/${id}`)).toBe('/api/incidents/:id');
    expect(routeOf('HEAD', `/api/incidents/${id}`)).toBe('/api/incidents/:id');
    expect(routeOf('POST', `/api/incidents/${id}/steps/report-facts/complete`)).toBe(
      '/api/incidents/:id/steps/:stepId/complete',
    );
    expect(routeOf('GET', '/docs/')).toBe('/docs');
  });

  test('has no pattern for a path or a method no route serves', () => {
    expect(routeOf('GET', '/nothing/here')).toBeUndefined();
    expect(routeOf('DELETE', '/api/plans')).toBeUndefined();
    expect(routeOf('GET', '/api/incidents/a/b/c/d/e/f')).toBeUndefined();
  });

  test('refuses a pattern it could not label faithfully', () => {
    expect(() => routeMatcher([{ method: 'GET', path: '/files/*rest' }])).toThrow(/unsupported pattern/);
  });
});
