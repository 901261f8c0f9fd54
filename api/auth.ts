import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer-key check; compares digests in constant time so a key cannot be guessed byte by byte. */
export function requireApiKey(keys: string[]): RequestHandler {
  const known = keys.map(digest);
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const presented = match?.[1];
    if (presented === undefined) {
      next(new HttpError(401, 'unauthorized', 'missing bearer key: send Authorization: Bearer <key>'));
      return;
    }
    const d = digest(presented);
    if (!known.some((k) => timingSafeEqual(k, d))) {
      next(new HttpError(401, 'unauthorized', 'unknown API key'));
      return;
    }
    next();
  };
}
