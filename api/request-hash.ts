import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';

/** What "the same request" means for Idempotency-Key: the parsed body, so key order and spacing do not count. */
export const requestHash = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
