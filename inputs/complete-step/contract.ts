import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({
  stepId: z.string().min(1),
  note: z.string().max(10_000).optional(),
  link: z.url().optional(),
});

export const contract: InputContract<typeof fields> = {
  name: 'completeStep',
  path: '/:id/steps/:stepId/complete',
  summary: { zh: '完成步骤', en: 'Complete a step' },
  fields,
};
export type CompleteStepInput = InputOf<typeof fields>;
