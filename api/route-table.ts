import type express from 'express';

/** One method on one full path pattern, as express registered it (`/api/incidents/:id`). */
export interface RegisteredRoute {
  method: string;
  path: string;
}

// `listRoutes()` arrived in router 2.3.0 (express 5's router); @types/express does not know it yet.
interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: { listRoutes?: () => ListedRoute[] } | undefined;
}
interface ListingRouter {
  listRoutes?: () => ListedRoute[];
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function listOf(router: ListingRouter, where: string): ListedRoute[] {
  if (typeof router.listRoutes !== 'function') {
    throw new Error(`the router at "${where || '/'}" cannot list its routes (needs router >= 2.3.0)`);
  }
  return router.listRoutes();
}

function collect(router: ListingRouter, prefix: string, into: RegisteredRoute[]): RegisteredRoute[] {
  for (const entry of listOf(router, prefix)) {
    if (typeof entry.path !== 'string') {
      throw new Error(
        `route under "${prefix || '/'}" is a RegExp; give it a path pattern so it can be documented`,
      );
    }
    const path = join(prefix, entry.path);
    if (entry.router) {
      collect(entry.router, path, into);
      continue;
    }
    // HEAD is answered for every GET by express itself; it is not a route of its own.
    for (const method of entry.methods ?? []) if (method !== 'HEAD') into.push({ method, path });
  }
  return into;
}

/** Every route of the app, nested routers included, in the order express tries them. */
export function registeredRoutes(app: express.Express): RegisteredRoute[] {
  return collect(app.router as ListingRouter, '', []);
}

/** `/api/incidents/:id` → `/api/incidents/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/**
 * A matcher for the route table: which registered pattern a request path falls under. Only literal
 * segments and `:name` parameters are supported; anything else fails here, at start, not in a label.
 */
export function routeMatcher(
  routes: RegisteredRoute[],
): (method: string, path: string) => string | undefined {
  const compiled = routes.map((r) => {
    const source = r.path
      .split('/')
      .map((segment) => {
        if (/^:\w+$/.test(segment)) return '[^/]+';
        if (/[*?+(){}:]/.test(segment))
          throw new Error(`route "${r.path}": unsupported pattern "${segment}"`);
        return segment.replace(/[.\\^$|[\]]/g, '\\$&');
      })
      .join('/');
    return { method: r.method, path: r.path, regexp: new RegExp(`^${source}/?$`, 'i') };
  });
  return (method, path) => {
    const wanted = method === 'HEAD' ? 'GET' : method;
    return compiled.find((c) => (c.method === wanted || c.method === '*') && c.regexp.test(path))?.path;
  };
}
