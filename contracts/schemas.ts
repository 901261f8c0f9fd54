import { z } from 'zod';

// Payloads that cross into an incident workflow. The API parses requests with these schemas; the
// workflow imports only the inferred types (no zod runtime in the workflow bundle).

const roleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a plan role id');

export const Actor = z.strictObject({
  /** Who acts, for the record (person id or name). */
  id: z.string().min(1).max(200),
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
});
export type DecideApprovalInput = z.infer<typeof DecideApprovalInput>;
