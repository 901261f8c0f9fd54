import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({ note: z.string().max(10_000).optional() });

export const contract: InputContract<typeof fields> = {
  name: 'subside',
  path: '/:id/subside',
  summary: { zh: '事态平息', en: 'Mark as subsided' },
  fields,
};
export type SubsideInput = InputOf<typeof fields>;
