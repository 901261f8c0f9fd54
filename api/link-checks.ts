import type { PrismaClient } from '@prisma/client';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { IncidentView } from '../domain/incident';
import { TokenError, verifyApprovalToken, type ApprovalLink } from '../links/approval-token';
import { getPerson, type PersonRecord } from '../storage/people';
import { getStateQuery, incidentWorkflowId } from '../workflows/messages';
import { requireRole } from './acting-person';
import { HttpError } from './errors';
import { fromTemporal } from './temporal-errors';

// What an approval link is checked against before it is shown or used. Everything the token says is
// checked again against today: the person still active and still holding the role, the stage still the
// one to decide.

export const LinkParams = z.strictObject({ token: z.string().min(1).max(2_000) });

export interface LinkCheckDeps {
  prisma: PrismaClient;
  client: Client;
  /** Verifies the links the worker signed (same secret). */
  linkSecret: string;
}

function verify(secret: string, token: string): ApprovalLink {
  try {
    return verifyApprovalToken(secret, token, new Date());
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    const code = err.reason === 'expired' ? 'link-expired' : 'link-invalid';
    throw new HttpError(401, code, err.message, [], { cause: err });
  }
}

/** The link, once its signature, expiry, person and role have all been checked. */
export async function checkedLink(
  { prisma, client, linkSecret }: LinkCheckDeps,
  token: unknown,
): Promise<{ link: ApprovalLink; person: PersonRecord }> {
  const params = LinkParams.safeParse({ token });
  if (!params.success) throw new HttpError(401, 'link-invalid', 'the link is not a valid approval link');
  const link = verify(linkSecret, params.data.token);
  const person = await getPerson(prisma, link.personId);
  if (!person?.active) {
    throw new HttpError(403, 'person-inactive', `${link.personId} may no longer act in this service`);
  }
  await requireRole({ prisma, client }, person.id, link.incidentId, link.role);
  return { link, person };
}

/** The live state, or undefined once the workflow is gone (then nothing can be decided). */
export async function liveState(client: Client, incidentId: string): Promise<IncidentView | undefined> {
  try {
    return await client.workflow.getHandle(incidentWorkflowId(incidentId)).query(getStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw fromTemporal(err, incidentId);
  }
}

/** Whether the stage the link was made for is the one the step awaits now. */
export function awaitsLink(state: IncidentView | undefined, link: ApprovalLink): boolean {
  const step = state?.steps[link.stepId];
  return state?.status !== 'closed' && step?.status === 'open' && (step.stage ?? 0) === link.stage;
}
