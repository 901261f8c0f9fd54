import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({
  stepId: z.string().min(1),
  answers: z.record(z.string(), z.string().max(20_000)),
});

export const contract: InputContract<typeof fields> = {
  name: 'submitReview',
  path: '/:id/steps/:stepId/review',
  summary: { zh: '提交复盘', en: 'Submit a review' },
  fields,
};
export type SubmitReviewInput = InputOf<typeof fields>;
