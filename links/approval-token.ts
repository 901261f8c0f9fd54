import { z } from 'zod';
import { signClaims, verifyClaims, type TokenRefusal } from './signed-claims';

export type { TokenRefusal };

// The signed link in an approval message: whoever holds it may decide that one approval stage of that
// one incident, as that one person, until it expires (format in signed-claims.ts). No server-side state: the workflow refuses a decision on a stage that is
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

/** Approval links sign with no purpose: those sent before other kinds of link existed stay valid. */
const PURPOSE = '';

export function signApprovalToken(secret: string, link: ApprovalLink): string {
  const claims: ApprovalClaims = {
    i: link.incidentId,
    s: link.stepId,
    g: link.stage,
    p: link.personId,
    r: link.role,
    e: Math.floor(link.expiresAt.getTime() / 1000),
  };
  return signClaims(secret, PURPOSE, claims);
}

/** The link's claims, or a TokenError saying why not. The signature is checked before anything is parsed. */
export function verifyApprovalToken(secret: string, token: string, now: Date): ApprovalLink {
  const c = verifyClaims(secret, PURPOSE, token, ApprovalClaims, now);
  if (typeof c === 'string') throw new TokenError(c);
  return {
    incidentId: c.i,
    stepId: c.s,
    stage: c.g,
    personId: c.p,
    role: c.r,
    expiresAt: new Date(c.e * 1000),
  };
}
