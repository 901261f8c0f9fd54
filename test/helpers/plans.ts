import { loadCatalog } from '../../plans/catalog';
import type { Plan } from '../../domain/plan-schema';

export function builtinPlan(id: string): Plan {
  const plan = loadCatalog().get(id);
  if (!plan) throw new Error(`no built-in plan ${id}`);
  return plan;
}
