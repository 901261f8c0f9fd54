import type { EpochMs, IncidentState, Plan } from '../../domain/incident';
import { applyMetrics } from '../../engine/metrics';
import { activeCheck } from '../checks';
import type { UpdateMetricsInput } from './contract';

export function validate(state: IncidentState, plan: Plan, input: UpdateMetricsInput) {
  return activeCheck(state, plan, input.actor);
}

export function apply(state: IncidentState, plan: Plan, input: UpdateMetricsInput, now: EpochMs) {
  return applyMetrics(state, plan, input.actor, input.metrics, now);
}
