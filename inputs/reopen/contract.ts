import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ text }: ContractKit) => ({ reason: text(2_000) });

export const contract: InputContract<typeof fields> = {
  name: 'reopen',
  path: '/:id/reopen',
  summary: { zh: '重新打开', en: 'Reopen' },
  fields,
};
export type ReopenInput = InputOf<typeof fields>;
