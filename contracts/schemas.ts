import { z } from 'zod';
import { Metrics } from '../plans/plan-schema';

// Payloads that cross into an incident workflow. The API parses requests with these schemas; the
// workflow imports only the inferred types (no zod runtime in the workflow bundle).

const roleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a plan role id');
const text = (max: number) => z.string().trim().min(1).max(max);

export const Actor = z.strictObject({
  /** Who acts, for the record (person id or name). */
  id: text(200),
  /** The plan role they act in. */
  role: roleId,
});
export type Actor = z.infer<typeof Actor>;

export const CompleteStepInput = z.strictObject({
  stepId: z.string().min(1),
  actor: Actor,
  note: z.string().max(10_000).optional(),
  link: z.url().optional(),
});
export type CompleteStepInput = z.infer<typeof CompleteStepInput>;

export const DecideApprovalInput = z.strictObject({
  stepId: z.string().min(1),
  actor: Actor,
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(10_000).optional(),
  /** The approval stage (0 = first approver) this decision is for; refused if it is no longer open. */
  stage: z.number().int().min(0).max(50).optional(),
});
export type DecideApprovalInput = z.infer<typeof DecideApprovalInput>;

export const ReportFollowUpInput = z.strictObject({
  stepId: z.string().min(1),
  actor: Actor,
  note: text(10_000),
  metrics: Metrics.optional(),
});
export type ReportFollowUpInput = z.infer<typeof ReportFollowUpInput>;

export const SubmitReviewInput = z.strictObject({
  stepId: z.string().min(1),
  actor: Actor,
  answers: z.record(z.string(), z.string().max(20_000)),
});
export type SubmitReviewInput = z.infer<typeof SubmitReviewInput>;

export const ReclassifyInput = z.strictObject({
  actor: Actor,
  level: z.string().min(1),
  reason: text(2_000),
});
export type ReclassifyInput = z.infer<typeof ReclassifyInput>;

export const UpdateMetricsInput = z.strictObject({
  actor: Actor,
  metrics: Metrics,
});
export type UpdateMetricsInput = z.infer<typeof UpdateMetricsInput>;

export const PromiseMilestoneInput = z.strictObject({
  actor: Actor,
  title: text(500),
  /** Epoch milliseconds (the API accepts an ISO time and converts it). */
  dueAt: z.number().int().positive(),
});
export type PromiseMilestoneInput = z.infer<typeof PromiseMilestoneInput>;

export const CompleteMilestoneInput = z.strictObject({
  actor: Actor,
  milestoneId: z.string().min(1),
  note: z.string().max(10_000).optional(),
});
export type CompleteMilestoneInput = z.infer<typeof CompleteMilestoneInput>;

export const SubsideInput = z.strictObject({ actor: Actor, note: z.string().max(10_000).optional() });
export type SubsideInput = z.infer<typeof SubsideInput>;

export const ReopenInput = z.strictObject({ actor: Actor, reason: text(2_000) });
export type ReopenInput = z.infer<typeof ReopenInput>;

export const CloseInput = z.strictObject({ actor: Actor, reason: text(2_000) });
export type CloseInput = z.infer<typeof CloseInput>;
