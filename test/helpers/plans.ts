import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Plan } from '../../domain/plan-schema';
import { loadCatalog } from '../../plans/catalog';
import type { IncidentWorkflowInput } from '../../workflows/messages';
import { historiesDir, readHistoryJson, type History } from './histories';

export function builtinPlan(id: string): Plan {
  const plan = loadCatalog().get(id);
  if (!plan) throw new Error(`no built-in plan ${id}`);
  return plan;
}

/**
 * The plan an incident in a recorded history ran: the snapshot in its start event's input. A scenario that
 * records fixtures keeps running the plan its fixtures recorded after the catalog's plan moves on.
 */
export function planRecordedIn(generation: string, name: string): Plan {
  return planOfRun(readHistoryJson(path.join(historiesDir, generation, `${name}.history.json`)), name);
}

/** The plan snapshot a run of an incident was started with. */
export function planOfRun(history: History, label = 'history'): Plan {
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error(`${label}: no workflow input in the first event`);
  return defaultPayloadConverter.fromPayload<IncidentWorkflowInput>(payload).plan;
}
