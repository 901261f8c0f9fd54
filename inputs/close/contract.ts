import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ text }: ContractKit) => ({ reason: text(2_000) });

export const contract: InputContract<typeof fields> = {
  name: 'close',
  path: '/:id/close',
  summary: { zh: '结案', en: 'Close' },
  fields,
};
export type CloseInput = InputOf<typeof fields>;
