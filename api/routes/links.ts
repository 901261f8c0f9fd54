import type { PrismaClient } from '@prisma/client';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { TokenError, verifyApprovalToken, type ApprovalLink } from '../../links/approval-token';
import type { PlanCatalog } from '../../plans/catalog';
import { getIncidentRow } from '../../storage/incident-list';
import { getPerson, type PersonRecord } from '../../storage/people';
import { getStateQuery, incidentWorkflowId } from '../../workflows/messages';
import type { IncidentView, Verdict } from '../../domain/incident';
import { decideApproval } from '../../inputs/decide-approval';
import { contractKit } from '../../inputs/input-schema';
import { requireRole } from '../acting-person';
import { HttpError, invalid } from '../errors';
import { executeInput } from '../execute-input';
import { storedStatus } from '../projection-view';
import type { ApprovalLinkView } from '../responses';
import { fromTemporal } from '../temporal-errors';

// The signed link in an approval message. No API key: the token is the credential, good for one stage of
// one approval, as one person in one role, until it expires. Everything the token says is checked again
// against today: the person still active and still holding the role, the stage still the one to decide.

export const LinkParams = z.strictObject({ token: z.string().min(1).max(2_000) });
const { decision, comment } = decideApproval.fields(contractKit);
export const LinkDecisionBody = z.strictObject({ decision, comment });

export interface LinkRouterDeps {
  prisma: PrismaClient;
  client: Client;
  catalog: PlanCatalog;
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

export function linkRouter({ prisma, client, catalog, linkSecret }: LinkRouterDeps): Router {
  const router = Router();

  /** The link, once its signature, expiry, person and role have all been checked. */
  async function checkedLink(token: unknown): Promise<{ link: ApprovalLink; person: PersonRecord }> {
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
  async function stateOf(incidentId: string): Promise<IncidentView | undefined> {
    try {
      return await client.workflow.getHandle(incidentWorkflowId(incidentId)).query(getStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw fromTemporal(err, incidentId);
    }
  }

  /** Whether the stage the link was made for is the one the step awaits now. */
  const awaits = (state: IncidentView | undefined, link: ApprovalLink): boolean => {
    const step = state?.steps[link.stepId];
    return state?.status !== 'closed' && step?.status === 'open' && (step.stage ?? 0) === link.stage;
  };

  router.get('/:token', async (req, res) => {
    const { link, person } = await checkedLink(req.params.token);
    const state = await stateOf(link.incidentId);
    const stored = state ? undefined : await getIncidentRow(prisma, link.incidentId);
    const planId = state?.planId ?? stored?.planId;
    // The catalog's title for the step: the running incident holds its own plan snapshot, but titles
    // are what a person recognises, and a step keeps its id across plan versions.
    const step = planId ? catalog.get(planId)?.steps.find((s) => s.id === link.stepId) : undefined;
    const body: ApprovalLinkView = {
      incident: {
        id: link.incidentId,
        title: state?.incident.title ?? stored?.title ?? null,
        planId: planId ?? null,
        status: state?.status ?? (stored ? storedStatus(stored.status) : null),
      },
      step: { id: link.stepId, title: step?.title ?? null },
      stage: link.stage,
      role: link.role,
      person: { id: person.id, name: person.name },
      expiresAt: link.expiresAt.toISOString(),
      decidable: awaits(state, link),
    };
    res.json(body);
  });

  router.post('/:token/decision', async (req, res) => {
    const { link, person } = await checkedLink(req.params.token);
    const parsed = LinkDecisionBody.safeParse(req.body);
    if (!parsed.success) throw invalid('decision', parsed.error);
    try {
      const verdict: Verdict = await executeInput(client, link.incidentId, decideApproval.update, {
        stepId: link.stepId,
        actor: { id: person.id, role: link.role },
        decision: parsed.data.decision,
        // The workflow refuses the decision if this stage is no longer the one awaited (stage-closed).
        stage: link.stage,
        ...(parsed.data.comment === undefined ? {} : { comment: parsed.data.comment }),
      });
      res.json(verdict);
    } catch (err) {
      throw fromTemporal(err, link.incidentId);
    }
  });

  return router;
}
