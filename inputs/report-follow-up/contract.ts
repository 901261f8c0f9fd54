import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z, text, Metrics }: ContractKit) => ({
  stepId: z.string().min(1),
  note: text(10_000),
  metrics: Metrics.optional(),
});

export const contract: InputContract<typeof fields> = {
  name: 'reportFollowUp',
  path: '/:id/steps/:stepId/follow-up',
  summary: { zh: '报告跟进情况', en: 'Report a follow-up' },
  fields,
};
export type ReportFollowUpInput = InputOf<typeof fields>;
