import type { ContractKit } from '../input-schema';
import type { InputContract, InputOf } from '../define-input';

const fields = ({ Metrics }: ContractKit) => ({ metrics: Metrics });

export const contract: InputContract<typeof fields> = {
  name: 'updateMetrics',
  path: '/:id/metrics',
  summary: { zh: '更新传播数据', en: 'Update the metrics' },
  fields,
};
export type UpdateMetricsInput = InputOf<typeof fields>;
