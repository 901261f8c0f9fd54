import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ z, text }: ContractKit) => ({
  title: text(500),
  /** P4: "对不能及时回复的，要说明原因，给出时间表": a timetable says why the answer is not ready yet. */
  reason: text(1000),
  /** Sent as an ISO time with its offset; the workflow receives epoch milliseconds. */
  dueAt: z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso)),
});

export const contract: InputContract<typeof fields> = {
  name: 'promiseMilestone',
  path: '/:id/milestones',
  summary: { zh: '承诺节点', en: 'Promise a milestone' },
  fields,
};
export type PromiseMilestoneInput = InputOf<typeof fields>;
