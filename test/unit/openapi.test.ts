import type express from 'express';
import { z } from 'zod';
import { createApp, type AppDeps } from '../../api/app';
import { OpenApiDocument, openApiDocument, operations, type Operation } from '../../api/openapi';
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

  test('gives every 2xx JSON answer of every operation a schema', () => {
    const unschemed = operations.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
        .filter(([, r]) => (r.contentType ?? 'application/json') === 'application/json')
        .filter(([status]) => {
          const answer = doc.paths[op.path]?.[op.method]?.responses as
            | Record<string, { content?: { 'application/json'?: { schema?: object } } }>
            | undefined;
          return answer?.[status]?.content?.['application/json']?.schema === undefined;
        })
        .map(([status]) => `${op.method.toUpperCase()} ${op.path} ${status}`),
    );
    expect(unschemed).toEqual([]);
  });

  test('names the shared answers under components and refers to them wherever they appear', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'Incident',
        'IncidentFacts',
        'StepState',
        'TimelineEvent',
        'Verdict',
        'Person',
      ]),
    );
    const answer = (path: string, method: 'get' | 'post', status: number) =>
      (doc.paths[path]?.[method] as { responses: Record<number, { content: Record<string, object> }> })
        .responses[status]?.content['application/json'];
    // Every input answers the workflow's verdict, and so does a decision through a signed link.
    expect(answer('/api/incidents/{id}/close', 'post', 200)).toEqual({
      schema: { $ref: '#/components/schemas/Verdict' },
    });
    expect(answer('/links/{token}/decision', 'post', 200)).toEqual({
      schema: { $ref: '#/components/schemas/Verdict' },
    });
    expect(answer('/api/incidents/{id}', 'get', 200)).toEqual({
      schema: { $ref: '#/components/schemas/Incident' },
    });
    // Nested too: the timeline page's events are the one TimelineEvent.
    expect(answer('/api/incidents/{id}/timeline', 'get', 200)).toMatchObject({
      schema: { properties: { items: { items: { $ref: '#/components/schemas/TimelineEvent' } } } },
    });
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    const dangling = refs
      .map((r) => r.slice('"$ref":"'.length, -1))
      .filter((ref) => !(ref.replace('#/components/schemas/', '') in doc.components.schemas));
    expect(dangling).toEqual([]);
  });

  test('documents every answer closed: an object lists its properties and refuses any other', () => {
    const open: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      if ('properties' in o && o.additionalProperties !== false) open.push(where);
      for (const [key, value] of Object.entries(o)) walk(value, `${where}/${key}`);
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) walk(op.responses, `${method} ${path}`);
    }
    walk(doc.components.schemas, 'components');
    expect(open).toEqual([]);
  });

  test('refuses a response that nests a schema another response answers unnamed', () => {
    const Reply = z.strictObject({ id: z.string() });
    const replies = (path: string, schema: z.ZodType): Operation => ({
      method: 'get',
      path,
      summary: path,
      tags: [],
      responses: { 200: { description: 'reply', schema } },
    });
    // The reference would point at a component the document does not have.
    expect(() =>
      openApiDocument([replies('/one', Reply), replies('/many', z.strictObject({ items: z.array(Reply) }))]),
    ).toThrow(/GET \/many 200: refers to #\/components\/schemas\/GET \/one 200; name the schema/);
  });

  test('describes itself: the document parses with the schema /openapi.json documents', () => {
    expect(OpenApiDocument.safeParse(JSON.parse(JSON.stringify(doc))).error).toBeUndefined();
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
