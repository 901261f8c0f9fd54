import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import type { IncidentStatus, StepState, TimelineEvent } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import type { ApprovalLink } from '../../links/approval-token';
import type { PlanCatalog } from '../../plans/catalog';
import { namesOf, type PersonRecord } from '../../storage/people';
import { incidentAnswer, incidentPlan } from '../incident-answer';
import { awaitsLink } from '../link-checks';

// Everything the approver's page shows, read once per request: the live incident (or what the
// projection remembers of it), the plan it runs under, the material to approve and the chain so far.

export interface Material {
  note?: string;
  link?: string;
  by: string;
  at: number;
}

export interface ApprovalFacts {
  link: ApprovalLink;
  person: PersonRecord;
  incidentTitle: string;
  incidentStatus: IncidentStatus;
  plan?: Plan;
  level: string;
  /** The step as the incident holds it; undefined once the workflow is gone. */
  step?: StepState;
  /** The stage the link names is the one the step awaits now. */
  decidable: boolean;
  /** The work being approved, as its step was last completed. */
  material?: Material;
  /** People's names by id, for everyone the page mentions. */
  names: Map<string, string>;
}

export type ApprovalDeps = { client: Client; prisma: PrismaClient; catalog: PlanCatalog };

/** The drafting step's last completion: what the approvers are asked to approve. */
function materialOf(timeline: TimelineEvent[], workStepId: string | undefined): Material | undefined {
  const done = timeline.filter((e) => e.type === 'step-done' && e.stepId === workStepId).at(-1);
  if (!done) return undefined;
  const note = typeof done.data.note === 'string' ? done.data.note : undefined;
  const link = typeof done.data.link === 'string' ? done.data.link : undefined;
  return { by: done.actor ?? '', at: done.at, ...(note ? { note } : {}), ...(link ? { link } : {}) };
}

export async function approvalFacts(
  deps: ApprovalDeps,
  link: ApprovalLink,
  person: PersonRecord,
): Promise<ApprovalFacts> {
  const answer = await incidentAnswer(deps, link.incidentId);
  const plan = await incidentPlan(deps, answer);
  const planStep = plan?.steps.find((s) => s.id === link.stepId);
  const revises = planStep?.kind === 'approval' ? planStep.revises : undefined;
  const live = answer.source === 'workflow' ? answer : undefined;
  const step = live?.steps[link.stepId];
  const material = materialOf(answer.timeline, revises);
  const ids = [...(step?.decisions?.map((d) => d.by) ?? []), ...(material ? [material.by] : [])];
  const names = await namesOf(deps.prisma, [...new Set(ids)]);
  names.set(person.id, person.name);
  return {
    decidable: awaitsLink(live, link),
    link,
    person,
    incidentTitle: answer.incident.title,
    incidentStatus: answer.status,
    level: answer.level,
    names,
    ...(plan ? { plan } : {}),
    ...(step ? { step } : {}),
    ...(material ? { material } : {}),
  };
}
