import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requireApiKey, type KeyHolderLookup, type Principal } from '../../api/auth';
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
  void requireApiKey(keys)(req, { locals: {} } as Response, next);
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

/** Runs the middleware with a person-key lookup; resolves with what it passed to next and the principal. */
function identify(
  keys: string[],
  lookup: KeyHolderLookup,
  authorization: string,
): Promise<{ outcome: unknown; principal: Principal | undefined }> {
  const req = { get: () => authorization } as unknown as Request;
  const res = { locals: {} } as Response;
  return new Promise((resolve) => {
    void requireApiKey(keys, lookup)(req, res, (outcome?: unknown) => {
      resolve({ outcome, principal: res.locals.principal });
    });
  });
}

describe('who is calling', () => {
  const holder = { personId: 'li-jianguo', name: '李建国', keyId: 'abcdefabcdef' };
  const lookupOf = (known: string) => (hash: string) => Promise.resolve(hash === known ? holder : null);
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

  it('marks an operator key as the operator, without asking for a person', async () => {
    const lookup = jest.fn(() => Promise.resolve(null));
    const { outcome, principal } = await identify([KEY_A], lookup, `Bearer ${KEY_A}`);
    expect(outcome).toBeUndefined();
    expect(principal).toEqual({ kind: 'operator', keyId: sha256(KEY_A).slice(0, 12) });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('looks a person key up by its SHA-256 and acts as its holder', async () => {
    const { outcome, principal } = await identify([KEY_A], lookupOf(sha256(KEY_B)), `Bearer ${KEY_B}`);
    expect(outcome).toBeUndefined();
    expect(principal).toEqual({ kind: 'person', ...holder });
  });

  it('refuses a key that is neither an operator key nor any active person key', async () => {
    const { outcome, principal } = await identify([KEY_A], lookupOf('elsewhere'), `Bearer ${KEY_B}`);
    expect(unauthorized(outcome).message).toBe('unknown API key');
    expect(principal).toBeUndefined();
  });

  it('passes a failing lookup on as the error it is, not as a 401', async () => {
    const down = new Error('database unreachable');
    const { outcome } = await identify([KEY_A], () => Promise.reject(down), `Bearer ${KEY_B}`);
    expect(outcome).toBe(down);
  });
});
