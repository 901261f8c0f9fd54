import { signApprovalToken, TokenError, verifyApprovalToken } from '../../links/approval-token';

const secret = 'a-link-secret-of-at-least-32-characters';
const link = {
  incidentId: '6f1d2c1e-8a4b-4c2d-9e3f-0a1b2c3d4e5f',
  stepId: 'approve-statement',
  stage: 1,
  personId: 'zhao-wei',
  role: 'higher-org',
  expiresAt: new Date('2026-11-26T00:00:00Z'),
};
const now = new Date('2026-11-23T00:00:00Z');

function refusalOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof TokenError) return err.reason;
    throw err;
  }
  throw new Error('expected the token to be refused');
}

describe('approval link tokens', () => {
  test('a token verifies to the incident, step, stage, person and role it was signed for', () => {
    expect(verifyApprovalToken(secret, signApprovalToken(secret, link), now)).toEqual(link);
  });

  test('a token is refused after it expires, to the second', () => {
    const token = signApprovalToken(secret, link);
    expect(verifyApprovalToken(secret, token, new Date(link.expiresAt.getTime() - 1000)).personId).toBe(
      'zhao-wei',
    );
    expect(refusalOf(() => verifyApprovalToken(secret, token, link.expiresAt))).toBe('expired');
  });

  test('changing any claim, or verifying with another secret, breaks the signature', () => {
    const token = signApprovalToken(secret, link);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, p: 'someone-else' })).toString('base64url');
    expect(refusalOf(() => verifyApprovalToken(secret, `${forged}.${signature}`, now))).toBe('bad-signature');
    expect(refusalOf(() => verifyApprovalToken(`${secret}-other`, token, now))).toBe('bad-signature');
  });

  test('garbage is malformed, not a crash', () => {
    for (const bad of ['', 'abc', 'a.b.c', 'not base64!.x', '.']) {
      expect(refusalOf(() => verifyApprovalToken(secret, bad, now))).toBe('malformed');
    }
  });

  test('two people get different tokens for the same stage', () => {
    expect(signApprovalToken(secret, link)).not.toBe(
      signApprovalToken(secret, { ...link, personId: 'li-na' }),
    );
  });

  test('a short secret is refused when signing', () => {
    expect(() => signApprovalToken('short', link)).toThrow(/shorter than 32/);
  });
});
