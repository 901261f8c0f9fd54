import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

// The mechanics every signed link shares: base64url(JSON claims) "." base64url(HMAC-SHA256(secret,
// purpose + first part)). The purpose keeps one kind of link from passing as another even where their
// claims could be read alike; approval links, the first kind, sign with none so links sent before
// sign-in links existed stay valid.

export type TokenRefusal = 'malformed' | 'bad-signature' | 'expired';

const MIN_SECRET_LENGTH = 32;

function mac(secret: string, purpose: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(purpose + payload)
    .digest();
}

export function signClaims(secret: string, purpose: string, claims: object): string {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`link secret shorter than ${MIN_SECRET_LENGTH}`);
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

/**
 * The token's claims by `schema`, or the refusal. The signature is checked before anything is parsed;
 * `e` (expiry, seconds since the epoch) is every kind's.
 */
export function verifyClaims<S extends z.ZodType<{ e: number }>>(
  secret: string,
  purpose: string,
  token: string,
  schema: S,
  now: Date,
): z.infer<S> | TokenRefusal {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[\w-]+$/.test(parts[0]!) || !/^[\w-]+$/.test(parts[1]!)) return 'malformed';
  const [payload, signature] = parts as [string, string];
  const expected = mac(secret, purpose, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  const claims = schema.safeParse(json);
  if (!claims.success) return 'malformed';
  if (claims.data.e * 1000 <= now.getTime()) return 'expired';
  return claims.data;
}
