import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The API key for a fresh installation: created once in the data folder (readable by its owner only)
 * and reused by every later start, so a restart does not lock out the scripts that use it.
 */
export function ensureLocalApiKey(dataDir: string): { key: string; file: string; created: boolean } {
  const file = path.join(dataDir, 'api-key');
  try {
    return { key: readFileSync(file, 'utf8').trim(), file, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = `ik_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, file, created: true };
}
