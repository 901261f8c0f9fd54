import type { PlanCatalog } from '../plans/catalog';
import type { ErrorDetail } from './errors';
import type { RoleAssignment } from './people-schemas';

/** Names the place of assignment `index`'s field the way the caller's input is addressed. */
export type RolePath = (index: number, field: 'planId' | 'role') => string;

/** `roles.2.role`, as the API's error details name body fields. */
export const bodyRolePath: RolePath = (i, field) => `roles.${i}.${field}`;

/**
 * What is wrong with role assignments measured against the plan catalog, each problem named by its
 * path. A role no plan has would never be asked to act, which is a typo, not a choice.
 */
export function roleProblems(catalog: PlanCatalog, roles: RoleAssignment[], at: RolePath): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  roles.forEach((r, i) => {
    if (r.planId === '*') {
      if (!catalog.list().some((p) => p.roles.some((role) => role.id === r.role))) {
        problems.push({ path: at(i, 'role'), issue: `no plan has a role "${r.role}"` });
      }
      return;
    }
    const plan = catalog.get(r.planId);
    if (!plan) {
      const known = catalog
        .list()
        .map((p) => p.id)
        .join(', ');
      problems.push({ path: at(i, 'planId'), issue: `unknown plan "${r.planId}"; known: *, ${known}` });
      return;
    }
    if (!plan.roles.some((role) => role.id === r.role)) {
      const known = plan.roles.map((role) => role.id).join(', ');
      problems.push({
        path: at(i, 'role'),
        issue: `plan ${plan.id} has no role "${r.role}"; known: ${known}`,
      });
    }
  });
  return problems;
}
