import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({
  stepId: z.string().min(1),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(10_000).optional(),
  /** The approval stage (0 = first approver) this decision is for; refused if it is no longer open. */
  stage: z.number().int().min(0).max(50).optional(),
  /** Decided through a signed link: from which address and browser, for the record. */
  via: z.strictObject({ address: z.string().max(200), userAgent: z.string().max(500) }).optional(),
});

export const contract: InputContract<typeof fields> = {
  name: 'decideApproval',
  path: '/:id/steps/:stepId/decision',
  summary: { zh: '审批决定', en: 'Decide an approval' },
  fields,
  fromServer: ['via'],
};
export type DecideApprovalInput = InputOf<typeof fields>;
