import { z } from 'zod';

// One schema for the plan format: the catalog loader validates with it, the workflow receives the
// parsed snapshot and imports only the inferred types.

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes, starting with a letter');

export const Bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

/** Where in a seed plan a clause comes from, so every encoded step can be traced to its original. */
export const SourceRef = z.strictObject({ file: z.string().min(1), section: z.string().min(1) });
export type SourceRef = z.infer<typeof SourceRef>;

/** ISO-8601 duration with day, hour, minute and second parts (seconds resolution), e.g. PT30M, P1DT2H. */
export const IsoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'an ISO-8601 duration such as PT30M, PT12H or P1DT2H',
  );
export type IsoDuration = z.infer<typeof IsoDuration>;

export const Level = z.strictObject({
  id,
  names: Bilingual,
  colour: z.string().optional(),
  criteria: Bilingual.optional(),
});
export type Level = z.infer<typeof Level>;

export const Role = z.strictObject({
  id,
  names: Bilingual,
  /** The role this one answers to: the next rung of the escalation chain. */
  reportsTo: id.optional(),
});
export type Role = z.infer<typeof Role>;

export const DeadlineAnchor = z.union([
  z.literal('discovery'),
  z.literal('activation'),
  z.strictObject({ stepDone: id }),
]);
export type DeadlineAnchor = z.infer<typeof DeadlineAnchor>;

export const Deadline = z.strictObject({
  /** One duration for every level, or one per level id (levels left out have no deadline). */
  within: z.union([IsoDuration, z.record(z.string(), IsoDuration)]),
  from: DeadlineAnchor.default('activation'),
});
export type Deadline = z.infer<typeof Deadline>;

const stepCommon = {
  id,
  title: Bilingual,
  source: SourceRef,
  /** Level ids at which the step applies; absent means every level. */
  appliesAt: z.array(id).min(1).optional(),
  /** Steps that must be done (or skipped) before this one opens. */
  after: z.array(id).default([]),
  deadline: Deadline.optional(),
};

export const TaskStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('task'),
  owner: id,
  instructions: Bilingual,
});
export type TaskStep = z.infer<typeof TaskStep>;

export const ApprovalStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('approval'),
  /** Ordered chain: each role approves in turn. */
  approvers: z.array(id).min(1),
  /** The step whose work is approved; a rejection sends the work back to it. */
  revises: id,
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const NotifyStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('notify'),
  recipients: z.array(id).min(1),
  message: Bilingual,
});
export type NotifyStep = z.infer<typeof NotifyStep>;

export const Step = z.discriminatedUnion('kind', [TaskStep, ApprovalStep, NotifyStep]);
export type Step = z.infer<typeof Step>;

export const Plan = z.strictObject({
  id,
  version: z.number().int().positive(),
  title: Bilingual,
  source: SourceRef,
  /** Most severe first. */
  levels: z.array(Level).min(1),
  roles: z.array(Role).min(1),
  /** Which role leads the response at each level. */
  leadRole: z.record(z.string(), id),
  steps: z.array(Step).min(1),
});
export type Plan = z.infer<typeof Plan>;
