import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { routeMatcher, type RegisteredRoute } from './route-table';
import { TEMPORAL_RETRY_AFTER_S, temporalUnreachable } from './temporal-reachability';

export interface ErrorDetail {
  path: string;
  issue: string;
}

/** An error with an HTTP status that the API reports as `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown; retryAfterS?: number },
  ) {
    super(message, options);
    this.name = 'HttpError';
    this.retryAfterS = options?.retryAfterS;
  }

  /** Seconds after which the request may succeed (`Retry-After`), for a 503 or a 429. */
  readonly retryAfterS: number | undefined;
}

export function invalid(what: string, error: z.ZodError): HttpError {
  const details = error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    issue: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  const first = details[0];
  return new HttpError(
    400,
    'invalid-request',
    first ? `invalid ${what}: ${first.path}: ${first.issue}` : `invalid ${what}`,
    details,
  );
}

/** `value` as `schema` parses it, or a 400 naming every field that is wrong. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, result.error);
  return result.data;
}

/**
 * Temporal cannot be reached. A call cut off half-way may still have taken effect, so the caller sends
 * the same request again with its Idempotency-Key, which applies it once (intake and inputs alike).
 */
const temporalUnavailable: Reported = {
  status: 503,
  code: 'temporal-unavailable',
  message: 'Temporal cannot be reached; send the request again shortly, with the same Idempotency-Key',
  details: [],
  retryAfterS: TEMPORAL_RETRY_AFTER_S,
};

/** The problem as the API reports it, with the status it is reported under. */
interface Reported {
  status: number;
  code: string;
  message: string;
  details: ErrorDetail[];
  retryAfterS?: number;
}

/** The codes of errors raised before our handlers run (body-parser, the router), by their `type`. */
const codeOfType: Record<string, { code: string; message?: string }> = {
  'entity.parse.failed': { code: 'invalid-json', message: 'request body is not valid JSON' },
  'entity.too.large': { code: 'body-too-large', message: 'request body is too large' },
  'charset.unsupported': { code: 'unsupported-media-type' },
  'encoding.unsupported': { code: 'unsupported-media-type' },
  'request.aborted': { code: 'request-aborted' },
  'request.size.invalid': { code: 'invalid-content-length' },
};

/** `Payload Too Large` → `payload-too-large`: a code for a 4xx nobody named. */
const codeOfStatus = (status: number): string =>
  (STATUS_CODES[status] ?? 'bad request')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The 4xx an error carries (`status` or `statusCode`, as http-errors sets both); undefined otherwise. */
function clientStatusOf(err: object): number | undefined {
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const carried = typeof status === 'number' ? status : statusCode;
  return typeof carried === 'number' && Number.isInteger(carried) && carried >= 400 && carried < 500
    ? carried
    : undefined;
}

/**
 * What a thrown error means to the caller. Errors from express's own parts keep the 4xx they carry —
 * an unsupported charset is the caller's 415, a path that does not percent-decode their 400 — because
 * answering 500 would blame the service for bad input and page whoever watches the 5xx rate.
 * Everything else, a 5xx-carrying error included, is our fault: 500 `internal`, details kept in the log.
 */
export function reportOf(err: unknown): Reported | undefined {
  if (err instanceof HttpError) {
    const { status, code, message, details, retryAfterS } = err;
    return { status, code, message, details, ...(retryAfterS === undefined ? {} : { retryAfterS }) };
  }
  if (temporalUnreachable(err)) return temporalUnavailable;
  if (typeof err !== 'object' || err === null) return undefined;
  const status = clientStatusOf(err);
  if (status === undefined) return undefined;
  const { type, expose, message } = err as { type?: unknown; expose?: unknown; message?: unknown };
  const known = typeof type === 'string' ? codeOfType[type] : undefined;
  // The router marks a path parameter that does not percent-decode with a 400 URIError.
  const code =
    (status === 413 ? 'body-too-large' : undefined) ??
    known?.code ??
    (err instanceof URIError ? 'bad-path' : codeOfStatus(status));
  // http-errors marks which messages are meant for the caller; a 4xx without the mark (the router's)
  // says what was wrong with the request, never anything about the server.
  const said =
    known?.message ??
    (expose !== false && typeof message === 'string' && message !== ''
      ? message
      : (STATUS_CODES[status] ?? 'bad request'));
  return { status, code, message: said, details: [] };
}

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  // Too late for an answer of our own: express's default handler closes the connection.
  if (res.headersSent) {
    next(err);
    return;
  }
  const reported = reportOf(err);
  if (!reported) {
    console.error('api: unexpected error', err);
    res.status(500).json({ error: { code: 'internal', message: 'internal error', details: [] } });
    return;
  }
  const { status, code, message, details, retryAfterS } = reported;
  // A busy incident passes in moments: say when to come back.
  if (retryAfterS !== undefined || status === 503) res.set('Retry-After', String(retryAfterS ?? 1));
  res.status(status).json({ error: { code, message, details } });
};

/**
 * The end of the line for a request no route took: 405 with `Allow` when its path is registered under
 * other methods (HEAD counting for GET), else 404. Built from the finished route table, once, at start.
 * OPTIONS on a known path is answered with `Allow` (204), as express's routers answer it for their own.
 */
export function unmatchedRequest(routes: RegisteredRoute[]): RequestHandler {
  const routeOf = routeMatcher(routes);
  const methods = [...new Set(routes.map((r) => r.method))].filter((m) => m !== '*');
  return (req, res, next) => {
    // A route for this very method exists and passed the request on (a file that is not served): 404.
    const allowed =
      routeOf(req.method, req.path) === undefined
        ? methods.filter((m) => routeOf(m, req.path) !== undefined)
        : [];
    if (allowed.length === 0) {
      next(new HttpError(404, 'not-found', `no route ${req.method} ${req.path}`));
      return;
    }
    if (allowed.includes('GET')) allowed.push('HEAD');
    const allow = allowed.sort().join(', ');
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next(
      new HttpError(
        405,
        'method-not-allowed',
        `${req.method} is not allowed on ${req.path}; allowed: ${allow}`,
      ),
    );
  };
}
