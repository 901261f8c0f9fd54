import type { Plan } from './types';

/** The role and everyone above it along `reportsTo`, nearest first. Plans are validated cycle-free. */
export function escalationChain(plan: Plan, roleId: string): string[] {
  const byId = new Map(plan.roles.map((r) => [r.id, r]));
  const chain: string[] = [];
  let current: string | undefined = roleId;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = byId.get(current)?.reportsTo;
  }
  return chain;
}

export function roleName(plan: Plan, roleId: string): { zh: string; en: string } {
  return plan.roles.find((r) => r.id === roleId)?.names ?? { zh: roleId, en: roleId };
}
