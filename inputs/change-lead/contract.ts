import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z, text }: ContractKit) => ({
  /** The plan role that leads the response from now on. */
  role: z.string().min(1),
  reason: text(2_000),
});

export const contract: InputContract<typeof fields> = {
  name: 'changeLead',
  path: '/:id/lead',
  summary: { zh: '调整牵头部门', en: 'Change the lead' },
  fields,
};
export type ChangeLeadInput = InputOf<typeof fields>;
