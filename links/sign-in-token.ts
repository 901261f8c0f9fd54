import { z } from 'zod';
import { signClaims, verifyClaims, type TokenRefusal } from './signed-claims';

// The one-time link that signs a person in to the office's pages, sent through their own channel. The
// signature says who and until when; the nonce makes it single use: the API records each nonce it
// redeems, and a second use finds it taken.

const PURPOSE = 'sign-in.';

export const SignInClaims = z.strictObject({
  /** Person id */
  p: z.string().min(1),
  /** Nonce, recorded when the link is used */
  n: z.string().regex(/^[\w-]{16,64}$/),
  /** Expiry, seconds since the epoch */
  e: z.number().int().positive(),
});

export interface SignInLink {
  personId: string;
  nonce: string;
  expiresAt: Date;
}

export function signSignInToken(secret: string, link: SignInLink): string {
  const claims: z.infer<typeof SignInClaims> = {
    p: link.personId,
    n: link.nonce,
    e: Math.floor(link.expiresAt.getTime() / 1000),
  };
  return signClaims(secret, PURPOSE, claims);
}

/** The link's claims, or why it cannot be used. */
export function verifySignInToken(secret: string, token: string, now: Date): SignInLink | TokenRefusal {
  const c = verifyClaims(secret, PURPOSE, token, SignInClaims, now);
  if (typeof c === 'string') return c;
  return { personId: c.p, nonce: c.n, expiresAt: new Date(c.e * 1000) };
}
