import type { Actor, EpochMs, IncidentState, Metrics, NotificationRequest, Plan } from '../domain/incident';
import { levelName, severity } from '../domain/plan-reading';
import { thresholdCrossed } from '../domain/words';
import { changeLevel, suggestLevel } from './levels';
import { record } from './timeline';

/** Stores new metrics; crossing a more severe threshold raises the level by itself (never lowers it). */
export function applyMetrics(
  state: IncidentState,
  plan: Plan,
  actor: Actor,
  metrics: Metrics,
  now: EpochMs,
): NotificationRequest[] {
  state.metrics = { ...state.metrics, ...metrics };
  record(state, now, { type: 'metrics-updated', actor: actor.id, data: { ...state.metrics } });
  const suggested = suggestLevel(plan, state.metrics);
  if (suggested === undefined || severity(plan, suggested) >= severity(plan, state.level)) return [];
  return changeLevel(state, plan, suggested, 'metrics', thresholdCrossed(levelName(plan, suggested)), now);
}
