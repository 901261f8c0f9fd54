import { parsePlan } from '../../plans/catalog';
import type { Plan } from '../../domain/plan-schema';

// Small plans built in code, for behaviour the built-in P1 plan does not exercise (per-level deadlines,
// deadlines on approvals, parallel deadlines). Documents are plain data, as a plan file would be.

export type Doc = Record<string, unknown>;

const source = { file: 'unit-test', section: 'n/a' };
const names = (id: string) => ({ zh: id, en: id });

export const task = (id: string, owner: string, more: Doc = {}): Doc => ({
  id,
  kind: 'task',
  title: names(id),
  source,
  owner,
  instructions: names(id),
  ...more,
});

export const approval = (id: string, revises: string, approvers: string[], more: Doc = {}): Doc => ({
  id,
  kind: 'approval',
  title: names(id),
  source,
  after: [revises],
  revises,
  approvers,
  ...more,
});

export const notify = (id: string, recipients: string[], more: Doc = {}): Doc => ({
  id,
  kind: 'notify',
  title: names(id),
  source,
  recipients,
  message: names(id),
  ...more,
});

export const monitor = (id: string, owner: string, more: Doc = {}): Doc => ({
  id,
  kind: 'monitor',
  title: names(id),
  source,
  owner,
  instructions: names(id),
  ...more,
});

/** A form field labelled by its id, required unless `more` says otherwise. */
export const formField = (id: string, more: Doc = {}): Doc => ({ id, label: names(id), ...more });

export const review = (id: string, owner: string, form: Doc[], more: Doc = {}): Doc => ({
  id,
  kind: 'review',
  title: names(id),
  source,
  owner,
  instructions: names(id),
  form,
  ...more,
});

/**
 * A plan document with two levels (l1 most severe) and the reportsTo chain clerk → lead → chief;
 * `extra` replaces any top-level field.
 */
export function tinyPlanDoc(steps: Doc[], extra: Doc = {}): Doc {
  return {
    id: 'tiny',
    version: 1,
    title: names('tiny'),
    source,
    levels: [
      { id: 'l1', names: names('l1') },
      { id: 'l2', names: names('l2') },
    ],
    roles: [
      { id: 'chief', names: names('chief') },
      { id: 'lead', names: names('lead'), reportsTo: 'chief' },
      { id: 'clerk', names: names('clerk'), reportsTo: 'lead' },
    ],
    leadRole: { l1: 'chief', l2: 'lead' },
    steps,
    ...extra,
  };
}

/** A tiny plan that passed the same validation as a catalog plan. */
export function tinyPlan(steps: Doc[], extra: Doc = {}): Plan {
  return parsePlan('tiny', tinyPlanDoc(steps, extra));
}
