import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EscalateHazard, HazardView, ResolveHazard } from '../domain/hazard';

// The one place that names the hazard workflow's messages and its workflow id (see domain/hazard.ts).
// Updates, not signals: the caller learns whether the entry took the input, once it is stored.
// A refusal is an ApplicationFailure of type INPUT_REFUSED (workflows/messages.ts), like an incident's.

export const getHazardQuery = defineQuery<HazardView>('getHazard');
export const resolveHazardUpdate = defineUpdate<HazardView, [ResolveHazard]>('resolveHazard');
export const escalateHazardUpdate = defineUpdate<HazardView, [EscalateHazard]>('escalateHazard');

export { hazardWorkflowId } from '../domain/hazard';
