import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { PlanCatalog } from '../../plans/catalog';
import { getIncidentRow } from '../../storage/incident-list';
import type { Verdict } from '../../domain/incident';
import { decideApproval } from '../../inputs/decide-approval';
import { contractKit } from '../../inputs/input-schema';
import { invalid } from '../errors';
import { decideByLink, viaOf } from '../link-decision';
import { awaitsLink, checkedLink, liveState } from '../link-checks';
import { storedStatus } from '../projection-view';
import type { ApprovalLinkView } from '../responses';

// The signed link in an approval message. No API key: the token is the credential, good for one stage of
// one approval, as one person in one role, until it expires (checked in link-checks.ts).

export { LinkParams } from '../link-checks';
const { decision, comment } = decideApproval.fields(contractKit);
export const LinkDecisionBody = z.strictObject({ decision, comment });

export interface LinkRouterDeps {
  prisma: PrismaClient;
  client: Client;
  catalog: PlanCatalog;
  /** Verifies the links the worker signed (same secret). */
  linkSecret: string;
}

export function linkRouter(deps: LinkRouterDeps): Router {
  const { prisma, client, catalog } = deps;
  const router = Router();

  router.get('/:token', async (req, res) => {
    const { link, person } = await checkedLink(deps, req.params.token);
    const state = await liveState(client, link.incidentId);
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
      decidable: awaitsLink(state, link),
    };
    res.json(body);
  });

  router.post('/:token/decision', async (req, res) => {
    const checked = await checkedLink(deps, req.params.token);
    const parsed = LinkDecisionBody.safeParse(req.body);
    if (!parsed.success) throw invalid('decision', parsed.error);
    const verdict: Verdict = await decideByLink(deps, checked, parsed.data, viaOf(req));
    res.json(verdict);
  });

  return router;
}
