import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z }: ContractKit) => ({ stepId: z.string().min(1) });

export const contract: InputContract<typeof fields> = {
  name: 'resendApprovalLink',
  path: '/:id/steps/:stepId/links',
  summary: { zh: '重新发送审批链接', en: 'Send the approval link again' },
  fields,
};
export type ResendApprovalLinkInput = InputOf<typeof fields>;
