import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';

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
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
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

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
    return;
  }
  // express.json() reports bad JSON and oversized bodies with a status and a type.
  const status = (err as { status?: number }).status;
  const type = (err as { type?: string }).type;
  if (status === 413 || type === 'entity.too.large') {
    res
      .status(413)
      .json({ error: { code: 'body-too-large', message: 'request body is too large', details: [] } });
    return;
  }
  if (status === 400 && type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ error: { code: 'invalid-json', message: 'request body is not valid JSON', details: [] } });
    return;
  }
  console.error('api: unexpected error', err);
  res.status(500).json({ error: { code: 'internal', message: 'internal error', details: [] } });
};
