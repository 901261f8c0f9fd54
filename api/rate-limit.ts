// How often one key (a token, an address) may try within a window. Kept in this process: a guard
// against a script hammering one link, not an accounting; each API process counts its own.

export interface RateLimit {
  /** Counts a try; the seconds to wait when over the limit, else undefined. */
  hit(key: string, now?: number): number | undefined;
}

export function rateLimit(limit: number, windowMs: number): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      // Forget ended windows as we go, so the map holds only keys seen within the last window.
      if (windows.size > 10_000) {
        for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
      }
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return undefined;
      }
      w.count += 1;
      return w.count > limit ? Math.ceil((w.start + windowMs - now) / 1000) : undefined;
    },
  };
}
