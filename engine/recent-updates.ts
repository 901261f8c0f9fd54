import type { EpochMs, IncidentState, Verdict } from '../domain/incident';

// Temporal answers a repeated update id with the first answer only within one run. A client retrying
// with the same Idempotency-Key after a continue-as-new reaches a new run, so the workflow keeps the
// verdicts of recent update ids in its carried state and answers a repeat from there. Bounded both
// ways, so the state carried into each run stays small: at most RECENT_UPDATES_KEPT ids (each at most
// ~400 bytes with its verdict: ~200 kB at worst), none older than RECENT_UPDATES_FOR_MS.

export const RECENT_UPDATES_KEPT = 500;
export const RECENT_UPDATES_FOR_MS = 24 * 3_600_000;

export function recentVerdict(state: IncidentState, id: string, now: EpochMs): Verdict | undefined {
  const found = state.recentUpdates?.find((u) => u.id === id);
  return found && now - found.at < RECENT_UPDATES_FOR_MS ? found.verdict : undefined;
}

export function rememberVerdict(state: IncidentState, id: string, verdict: Verdict, now: EpochMs): void {
  const kept = (state.recentUpdates ?? []).filter((u) => u.id !== id && now - u.at < RECENT_UPDATES_FOR_MS);
  kept.push({ id, at: now, verdict });
  state.recentUpdates = kept.slice(-RECENT_UPDATES_KEPT);
}
