import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ text }: ContractKit) => ({
  /** The question or doubt, as people put it under the reply (跟帖中的疑问、质疑). */
  text: text(2_000),
});

export const contract: InputContract<typeof fields> = {
  name: 'raiseQuestion',
  path: '/:id/questions',
  summary: { zh: '上报疑问', en: 'Raise a question' },
  fields,
};
export type RaiseQuestionInput = InputOf<typeof fields>;
