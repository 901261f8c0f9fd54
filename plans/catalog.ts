import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import p1 from './catalog/p1-acheng-agriculture.json';
import p2 from './catalog/p2-hrss-bureau.json';
import p3 from './catalog/p3-work-safety.json';
import p4 from './catalog/p4-wenquan-subdistrict.json';
import p5 from './catalog/p5-yinzhou-civil-affairs.json';
import p6 from './catalog/p6-lixian-cyberspace.json';
import { checkPlan, type PlanProblem } from './check-plan';
import { Plan } from '../domain/plan-schema';

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

/** The six seed plans (../shared/seeds), by file name so a refusal names the file. */
const builtin: Record<string, unknown> = {
  'p1-acheng-agriculture.json': p1,
  'p2-hrss-bureau.json': p2,
  'p3-work-safety.json': p3,
  'p4-wenquan-subdistrict.json': p4,
  'p5-yinzhou-civil-affairs.json': p5,
  'p6-lixian-cyberspace.json': p6,
};

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
