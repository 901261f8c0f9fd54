import { z } from 'zod';
import { Metrics } from '../domain/plan-schema';

// The parts every input's contract is built from. Contracts take this kit as an argument instead of
// importing zod, so the workflow, which imports every input, never loads zod; the API builds them.

const roleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a plan role id');
const text = (max: number) => z.string().trim().min(1).max(max);

export const Actor = z.strictObject({
  /** Who acts, for the record (person id or name). */
  id: text(200),
  /** The plan role they act in. */
  role: roleId,
});

export const contractKit = { z, text, Metrics };
export type ContractKit = typeof contractKit;
