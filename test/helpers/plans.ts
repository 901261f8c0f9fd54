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

/**
 * What a drill incident (test/fixtures/plans: durability-drill, fault-drill) records besides its
 * notifications, in order: the draft done and approved, the reply left undone until its deadline passes.
 */
export const DRILL_EVENTS = [
  'incident-opened',
  'step-opened:draft',
  'step-opened:respond',
  'step-done:draft',
  'step-opened:approve',
  'approval-decided:approve',
  'step-done:approve',
  'deadline-breached:respond',
];

/** A stored event as `type:stepId` (or `type`), to compare timelines by what happened. */
export const eventKind = (e: { type: string; stepId: string | null }) =>
  `${e.type}${e.stepId ? `:${e.stepId}` : ''}`;
