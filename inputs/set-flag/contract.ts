import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z, text }: ContractKit) => ({
  /** One of the plan's flags: a fact besides the level that some steps wait for (P3: accident). */
  flag: z.string().min(1),
  note: text(2_000).optional(),
});

export const contract: InputContract<typeof fields> = {
  name: 'setFlag',
  path: '/:id/flags',
  summary: { zh: '标记特殊情形', en: 'Mark a circumstance' },
  fields,
};
export type SetFlagInput = InputOf<typeof fields>;
