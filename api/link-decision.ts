import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import type { Verdict } from '../domain/incident';
import { decideApproval, type DecideApprovalInput } from '../inputs/decide-approval';
import type { ApprovalLink } from '../links/approval-token';
import type { PersonRecord } from '../storage/people';
import { executeInput } from './execute-input';
import { inputFailure } from './temporal-errors';

// The one way a decision made through a signed link reaches the workflow, for the JSON endpoint and the
// approver's page alike: the person and role come from the token, the stage too, so the workflow refuses
// the decision once that stage is no longer the one awaited (stage-closed).

export type LinkChoice = Pick<DecideApprovalInput, 'decision' | 'comment'>;

/** Where a decision came from, for the record on the timeline. */
export function viaOf(req: Request): NonNullable<DecideApprovalInput['via']> {
  return { address: req.ip ?? 'unknown', userAgent: (req.get('user-agent') ?? '').slice(0, 500) };
}

export async function decideByLink(
  { client, prisma }: { client: Client; prisma: PrismaClient },
  { link, person }: { link: ApprovalLink; person: PersonRecord },
  choice: LinkChoice,
  via: DecideApprovalInput['via'],
): Promise<Verdict> {
  try {
    return await executeInput(client, link.incidentId, decideApproval.update, {
      stepId: link.stepId,
      actor: { id: person.id, role: link.role },
      decision: choice.decision,
      stage: link.stage,
      ...(choice.comment === undefined ? {} : { comment: choice.comment }),
      ...(via ? { via } : {}),
    });
  } catch (err) {
    throw await inputFailure(prisma, err, link.incidentId);
  }
}
