import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import p1 from './catalog/p1-acheng-agriculture.json';
import { checkPlan, type PlanProblem } from './check-plan';
import { Plan } from './plan-schema';

export class PlanError extends Error {
  constructor(
    readonly planRef: string,
    readonly problems: PlanProblem[],
  ) {
    super(`plan ${planRef} refused:\n${problems.map((p) => `  ${p.path}: ${p.problem}`).join('\n')}`);
    this.name = 'PlanError';
  }
}

/** Validates one plan document: the schema first, then references and cycles. */
export function parsePlan(planRef: string, doc: unknown): Plan {
  const parsed = Plan.safeParse(doc);
  if (!parsed.success) {
    throw new PlanError(
      planRef,
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), problem: i.message })),
    );
  }
  const problems = checkPlan(parsed.data);
  if (problems.length > 0) throw new PlanError(planRef, problems);
  return parsed.data;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

export interface PlanCatalog {
  get(planId: string): Plan | undefined;
  list(): Plan[];
}

const builtin: Record<string, unknown> = { 'p1-acheng-agriculture.json': p1 };

/** Reads every *.json plan in a folder; a file that is not JSON is refused like any other broken plan. */
export function readPlansDir(dir: string): Record<string, unknown> {
  const docs: Record<string, unknown> = {};
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new PlanError(dir, [
      { path: '(folder)', problem: `cannot read PLANS_DIR: ${(err as Error).message}` },
    ]);
  }
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    try {
      docs[file] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new PlanError(file, [{ path: '(file)', problem: `not valid JSON: ${(err as Error).message}` }]);
    }
  }
  return docs;
}

/**
 * The built-in plans plus user plans (by file), all validated; a broken one stops start-up with a
 * message naming plan, path and problem.
 */
export function loadCatalog(userPlans: Record<string, unknown> = {}): PlanCatalog {
  const plans = new Map<string, Plan>();
  for (const [ref, doc] of Object.entries({ ...builtin, ...userPlans })) {
    const plan = parsePlan(ref, doc);
    if (plans.has(plan.id))
      throw new PlanError(ref, [{ path: 'id', problem: `duplicate plan id "${plan.id}"` }]);
    plans.set(plan.id, plan);
  }
  return { get: (id) => plans.get(id), list: () => [...plans.values()] };
}
