import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({
  milestoneId: z.string().min(1),
  note: z.string().max(10_000).optional(),
});

export const contract: InputContract<typeof fields> = {
  name: 'completeMilestone',
  path: '/:id/milestones/:milestoneId/complete',
  summary: { zh: '完成节点', en: 'Complete a milestone' },
  fields,
};
export type CompleteMilestoneInput = InputOf<typeof fields>;
