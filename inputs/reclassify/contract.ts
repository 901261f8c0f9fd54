import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z, text }: ContractKit) => ({
  level: z.string().min(1),
  reason: text(2_000),
});

export const contract: InputContract<typeof fields> = {
  name: 'reclassify',
  path: '/:id/level',
  summary: { zh: '调整级别', en: 'Re-classify the level' },
  fields,
};
export type ReclassifyInput = InputOf<typeof fields>;
