import type { NextFunction, Request, Response } from 'express';
import { requireApiKey } from '../../api/auth';
import { HttpError } from '../../api/errors';

const KEY_A = 'ik_aaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'ik_bbbbbbbbbbbbbbbbbbbb';

/** Runs the middleware on a request with this Authorization header; returns what it passed to next. */
function check(keys: string[], authorization: string | undefined): unknown {
  const req = {
    get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  } as unknown as Request;
  const calls: unknown[][] = [];
  const next: NextFunction = (...args: unknown[]) => {
    calls.push(args);
  };
  void requireApiKey(keys)(req, {} as Response, next);
  expect(calls).toHaveLength(1);
  return calls[0]![0];
}

function unauthorized(outcome: unknown): HttpError {
  expect(outcome).toBeInstanceOf(HttpError);
  const err = outcome as HttpError;
  expect(err.status).toBe(401);
  expect(err.code).toBe('unauthorized');
  return err;
}

describe('requireApiKey', () => {
  it('lets a request with a known bearer key through', () => {
    expect(check([KEY_A, KEY_B], `Bearer ${KEY_B}`)).toBeUndefined();
  });

  it('accepts the scheme in any case and extra spaces after it', () => {
    expect(check([KEY_A], `bearer   ${KEY_A}`)).toBeUndefined();
  });

  it('refuses a request without an Authorization header, saying how to send the key', () => {
    expect(unauthorized(check([KEY_A], undefined)).message).toContain('Authorization: Bearer <key>');
  });

  it.each([`Basic ${KEY_A}`, KEY_A, 'Bearer', `Bearer ${KEY_A} extra`])(
    'refuses a header that is not a bearer key: %j',
    (header) => {
      expect(unauthorized(check([KEY_A], header)).message).toMatch(/^missing bearer key/);
    },
  );

  it('refuses an unknown key', () => {
    expect(unauthorized(check([KEY_A], `Bearer ${KEY_B}`)).message).toBe('unknown API key');
  });

  it('refuses a key that only starts like a known one', () => {
    expect(unauthorized(check([KEY_A], `Bearer ${KEY_A.slice(0, -1)}`)).message).toBe('unknown API key');
  });
});
