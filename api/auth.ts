import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { keyIdOf, type KeyHolder } from '../storage/api-keys';
import { HttpError } from './errors';
import { rateLimit } from './rate-limit';

/**
 * Who is calling. Operator keys (API_KEYS, or the key in the data folder) belong to the installation's
 * integrators and admins: they manage people and name the actor of each input themselves. A person's key
 * acts as that person, so what it does is recorded as theirs.
 */
export type Principal =
  | { kind: 'operator'; keyId: string }
  | { kind: 'person'; keyId: string; personId: string; name: string };

// @types/express types res.locals through this global namespace; merging into it is the only way in.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by requireApiKey on every /api request that gets past it. */
      principal?: Principal;
    }
  }
}

/** Finds the active person behind a key's SHA-256 (hex); null when there is none. */
export type KeyHolderLookup = (hash: string) => Promise<KeyHolder | null>;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** An operator key's principal, or undefined: compared by digest in constant time, so none is guessed. */
function operatorOf(known: Buffer[], presented: string): Principal | undefined {
  const d = digest(presented);
  return known.some((k) => timingSafeEqual(k, d))
    ? { kind: 'operator', keyId: keyIdOf(d.toString('hex')) }
    : undefined;
}

/**
 * Who holds a presented key, or null. Person keys are looked up by digest, which reveals nothing about
 * any stored key.
 */
export function keyIdentifier(
  operatorKeys: string[],
  findKeyHolder?: KeyHolderLookup,
): (presented: string) => Promise<Principal | null> {
  const known = operatorKeys.map(digest);
  return async (presented) => {
    const operator = operatorOf(known, presented);
    if (operator) return operator;
    const holder = findKeyHolder ? await findKeyHolder(digest(presented).toString('hex')) : null;
    return holder ? { kind: 'person', ...holder } : null;
  };
}

/** Failed keys an address may send a minute before it is answered 429 (it may still use a right key). */
export const FAILED_KEYS_PER_MINUTE = 30;

/**
 * Bearer-key check for /api: the caller becomes res.locals.principal. An address that keeps sending
 * wrong or missing keys is answered 429 with Retry-After for further failures, so guessing keys is slow;
 * a right key from the same address still passes, so a script gone wrong beside a working integration
 * does not lock the integration out.
 */
export function requireApiKey(operatorKeys: string[], findKeyHolder?: KeyHolderLookup): RequestHandler {
  const known = operatorKeys.map(digest);
  const failures = rateLimit(FAILED_KEYS_PER_MINUTE, 60_000);
  return (req, res, next) => {
    const refuse = (message: string) => {
      const wait = failures.hit(req.ip ?? '');
      next(
        wait === undefined
          ? new HttpError(401, 'unauthorized', message)
          : new HttpError(
              429,
              'too-many-failed-keys',
              'too many wrong API keys from this address; wait',
              [],
              {
                retryAfterS: wait,
              },
            ),
      );
    };
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const presented = match?.[1];
    if (presented === undefined) {
      refuse('missing bearer key: send Authorization: Bearer <key>');
      return;
    }
    // Operator keys answer at once; only a person's key waits for the database.
    const operator = operatorOf(known, presented);
    if (operator) {
      res.locals.principal = operator;
      next();
      return;
    }
    if (!findKeyHolder) {
      refuse('unknown API key');
      return;
    }
    findKeyHolder(digest(presented).toString('hex')).then((holder) => {
      if (!holder) {
        refuse('unknown API key');
        return;
      }
      res.locals.principal = { kind: 'person', ...holder };
      next();
    }, next);
  };
}

/** The caller requireApiKey identified; a route reached without it is a wiring mistake, not a 401. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw new Error('no principal on the response: mount requireApiKey before this route');
  return principal;
}

/** People administration and other installation-wide operations: operator keys only. */
export const requireOperator: RequestHandler = (_req, res, next) => {
  if (principalOf(res).kind !== 'operator') {
    next(new HttpError(403, 'forbidden', 'this needs an operator key; a person key cannot manage people'));
    return;
  }
  next();
};
