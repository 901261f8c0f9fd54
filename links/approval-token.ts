import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The signed link in an approval message: whoever holds it may decide that one approval stage of that
// one incident, as that one person, until it expires. Format: base64url(JSON claims) "." base64url(HMAC-
// SHA256(secret, first part)). No server-side state: the workflow refuses a decision on a stage that is
// no longer open, so an old link cannot decide twice.

export const ApprovalClaims = z.strictObject({
  /** Incident id */
  i: z.uuid(),
  /** Approval step id */
  s: z.string().min(1),
  /** Stage of the approval step (0-based) the link decides */
  g: z.number().int().min(0),
  /** Person id: recorded as the actor */
  p: z.string().min(1),
  /** Plan role the person decides in */
  r: z.string().min(1),
  /** Expiry, seconds since the epoch */
  e: z.number().int().positive(),
});
export type ApprovalClaims = z.infer<typeof ApprovalClaims>;

export interface ApprovalLink {
  incidentId: string;
  stepId: string;
  stage: number;
  personId: string;
  role: string;
  expiresAt: Date;
}

export type TokenRefusal = 'malformed' | 'bad-signature' | 'expired';

export class TokenError extends Error {
  constructor(readonly reason: TokenRefusal) {
    super(
      {
        malformed: 'the link is not a valid approval link',
        'bad-signature': 'the link was not issued by this service or was altered',
        expired: 'the link has expired',
      }[reason],
    );
    this.name = 'TokenError';
  }
}

const MIN_SECRET_LENGTH = 32;

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signApprovalToken(secret: string, link: ApprovalLink): string {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`link secret shorter than ${MIN_SECRET_LENGTH}`);
  const claims: ApprovalClaims = {
    i: link.incidentId,
    s: link.stepId,
    g: link.stage,
    p: link.personId,
    r: link.role,
    e: Math.floor(link.expiresAt.getTime() / 1000),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The link's claims, or a TokenError saying why not. The signature is checked before anything is parsed. */
export function verifyApprovalToken(secret: string, token: string, now: Date): ApprovalLink {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]!) || !/^[\w-]+$/.test(parts[1]!)) {
    throw new TokenError('malformed');
  }
  const [payload, signature] = parts as [string, string];
  const expected = mac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenError('bad-signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed');
  }
  const claims = ApprovalClaims.safeParse(json);
  if (!claims.success) throw new TokenError('malformed');
  const c = claims.data;
  if (c.e * 1000 <= now.getTime()) throw new TokenError('expired');
  return {
    incidentId: c.i,
    stepId: c.s,
    stage: c.g,
    personId: c.p,
    role: c.r,
    expiresAt: new Date(c.e * 1000),
  };
}
