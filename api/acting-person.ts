import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import { Actor as ActorSchema } from '../inputs/input-schema';
import type { Actor } from '../domain/incident';
import { storedPlanId } from '../storage/incident-list';
import { holdsRole } from '../storage/people';
import { getStateQuery, incidentWorkflowId } from '../workflows/messages';
import type { Principal } from './auth';
import { HttpError } from './errors';
import { fromTemporal } from './temporal-errors';

/**
 * The actor as an HTTP body names it. With a person's key the key says who acts, so `id` may be left out;
 * the workflow still receives `{ id, role }`.
 */
export const ActorInBody = ActorSchema.extend({ id: ActorSchema.shape.id.optional() });
export type ActorInBody = z.infer<typeof ActorInBody>;

export interface ActingDeps {
  prisma: PrismaClient;
  client: Client;
}

/**
 * The plan an incident runs under: the projection answers without touching the workflow; an incident
 * whose first write has not landed yet is asked directly.
 */
export async function incidentPlanId(deps: ActingDeps, incidentId: string): Promise<string> {
  const stored = await storedPlanId(deps.prisma, incidentId);
  if (stored !== null) return stored;
  try {
    const state = await deps.client.workflow.getHandle(incidentWorkflowId(incidentId)).query(getStateQuery);
    return state.planId;
  } catch (err) {
    throw fromTemporal(err, incidentId);
  }
}

/**
 * Who the workflow records as acting. An operator key names the person in the body; a person's key is
 * that person, who may act only in a role assigned to them for this incident's plan (or for every plan).
 * Whether the role may take this step is the workflow's question, answered by its own refusal.
 */
export async function resolveActor(
  deps: ActingDeps,
  principal: Principal,
  incidentId: string,
  actor: ActorInBody,
): Promise<Actor> {
  if (principal.kind === 'operator') {
    if (actor.id === undefined) {
      const issue = 'required with an operator key: the id of the person who acts';
      throw new HttpError(400, 'invalid-request', `invalid request body: actor.id: ${issue}`, [
        { path: 'actor.id', issue },
      ]);
    }
    return { id: actor.id, role: actor.role };
  }
  if (actor.id !== undefined && actor.id !== principal.personId) {
    throw new HttpError(403, 'actor-mismatch', `this key acts as ${principal.personId}, not as ${actor.id}`, [
      { path: 'actor.id', issue: `must be ${principal.personId} (the key's owner) or left out` },
    ]);
  }
  await requireRole(deps, principal.personId, incidentId, actor.role);
  return { id: principal.personId, role: actor.role };
}

/** 403 unless the (active) person holds `role` for the incident's plan or for every plan. */
export async function requireRole(
  deps: ActingDeps,
  personId: string,
  incidentId: string,
  role: string,
): Promise<void> {
  const planId = await incidentPlanId(deps, incidentId);
  if (!(await holdsRole(deps.prisma, personId, planId, role))) {
    throw new HttpError(
      403,
      'role-not-assigned',
      `${personId} does not hold role ${role} in plan ${planId}`,
      [{ path: 'actor.role', issue: `not assigned to ${personId} for plan ${planId}` }],
    );
  }
}
