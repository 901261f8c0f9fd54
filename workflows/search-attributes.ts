import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { IncidentState } from '../domain/incident';

// Custom search attributes that let the Temporal Web UI list and filter incidents. The embedded dev
// server registers them at start (scripts/temporal-dev-server.ts); another cluster needs them created
// once (see README) before SEARCH_ATTRIBUTES=on.

export const incidentPlanKey = defineSearchAttributeKey('IncidentPlan', SearchAttributeType.KEYWORD);
export const incidentLevelKey = defineSearchAttributeKey('IncidentLevel', SearchAttributeType.KEYWORD);
export const incidentStatusKey = defineSearchAttributeKey('IncidentStatus', SearchAttributeType.KEYWORD);
export const incidentBreachedKey = defineSearchAttributeKey('IncidentBreached', SearchAttributeType.BOOL);

/** `temporal server start-dev --search-attribute` arguments for the keys above. */
export const devServerSearchAttributeArgs = [
  'IncidentPlan=Keyword',
  'IncidentLevel=Keyword',
  'IncidentStatus=Keyword',
  'IncidentBreached=Bool',
].flatMap((sa) => ['--search-attribute', sa]);

export function searchAttributesOf(
  state: Pick<IncidentState, 'planId' | 'level' | 'status'>,
  breached: boolean,
) {
  return [
    { key: incidentPlanKey, value: state.planId },
    { key: incidentLevelKey, value: state.level },
    { key: incidentStatusKey, value: state.status },
    { key: incidentBreachedKey, value: breached },
  ];
}
