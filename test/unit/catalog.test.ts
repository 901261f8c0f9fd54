import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog, parsePlan, PlanError, readPlansDir } from '../../plans/catalog';
import p1Doc from '../../plans/catalog/p1-acheng-agriculture.json';
import { task, tinyPlanDoc } from './tiny-plan';
import { FigureId } from '../../domain/plan-schema';
import { applies } from '../../domain/plan-reading';

const P1_REF = 'p1-acheng-agriculture.json';

/** A deep copy of the built-in P1 document, safe to break. */
const p1Copy = (): { steps: Record<string, unknown>[] } & Record<string, unknown> =>
  structuredClone(p1Doc) as unknown as { steps: Record<string, unknown>[] } & Record<string, unknown>;

/** The PlanError thrown by `fn`; fails the test if it throws nothing or something else. */
function planErrorOf(fn: () => unknown): PlanError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlanError);
    return err as PlanError;
  }
  throw new Error('expected a PlanError, nothing was thrown');
}

describe('loadCatalog', () => {
  it('loads the built-in P1 plan with its roles and steps', () => {
    const plan = loadCatalog().get('p1-acheng-agriculture');
    expect(plan).toBeDefined();
    expect(plan!.version).toBe(5);
    expect(plan!.levels.map((l) => l.id)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(plan!.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(['report-facts', 'approve-statement']),
    );
    expect(
      loadCatalog()
        .list()
        .map((p) => p.id),
    ).toContain('p1-acheng-agriculture');
  });

  it('fills in schema defaults, so the engine never sees a step without after', () => {
    const plan = loadCatalog().get('p1-acheng-agriculture')!;
    for (const step of plan.steps) expect(Array.isArray(step.after)).toBe(true);
    expect(plan.classifiers).toEqual(expect.any(Array));
  });

  it('knows nothing of a plan id it was not given', () => {
    expect(loadCatalog().get('p9-nowhere')).toBeUndefined();
  });

  it('adds user plans to the built-in ones', () => {
    const catalog = loadCatalog({ '/plans/tiny.json': tinyPlanDoc([task('a', 'clerk')]) });
    expect(catalog.get('tiny')?.steps.map((s) => s.id)).toEqual(['a']);
    expect(catalog.get('p1-acheng-agriculture')).toBeDefined();
  });

  it('refuses a user plan reusing a built-in id, naming the file and the id', () => {
    const err = planErrorOf(() => loadCatalog({ '/plans/copy.json': p1Copy() }));
    expect(err.planRef).toBe('/plans/copy.json');
    expect(err.problems).toEqual([{ path: 'id', problem: 'duplicate plan id "p1-acheng-agriculture"' }]);
    expect(err.message).toContain('/plans/copy.json');
  });

  it('refuses a broken user plan, naming the file and the path', () => {
    const broken = tinyPlanDoc([task('a', 'nobody')]);
    const err = planErrorOf(() => loadCatalog({ '/plans/broken.json': broken }));
    expect(err.planRef).toBe('/plans/broken.json');
    expect(err.problems).toEqual([{ path: 'steps[0].owner', problem: 'unknown role "nobody"' }]);
  });
});

describe('what the review measures', () => {
  // The review's figures (time to first report, approved statement, public response) read these marks;
  // a level where a plan has the step but no mark would drop the figure silently.
  it.each(
    loadCatalog()
      .list()
      .map((p) => [p.id, p] as const),
  )('%s marks its first report and its public response, at most one step per level for each', (_id, plan) => {
    const doubled = plan.levels.flatMap((level) =>
      FigureId.options
        .map((figure) => ({
          level: level.id,
          figure,
          steps: plan.steps.filter((s) => s.figure === figure && applies(s, level.id)).map((s) => s.id),
        }))
        .filter((m) => m.steps.length > 1),
    );
    expect(doubled).toEqual([]);
    expect(plan.steps.some((s) => s.figure === 'first-report')).toBe(true);
    expect(plan.steps.some((s) => s.figure === 'public-response')).toBe(true);
  });
});

describe('parsePlan', () => {
  it('accepts an unbroken copy of P1', () => {
    expect(parsePlan(P1_REF, p1Copy()).id).toBe('p1-acheng-agriculture');
  });

  it('refuses a copy of P1 with an unknown owner, naming the plan ref and the path', () => {
    const doc = p1Copy();
    const consult = doc.steps.findIndex((s) => s.id === 'consult');
    doc.steps[consult] = { ...doc.steps[consult], owner: 'mayor' };
    const err = planErrorOf(() => parsePlan(P1_REF, doc));
    expect(err.name).toBe('PlanError');
    expect(err.planRef).toBe(P1_REF);
    expect(err.problems).toEqual([{ path: `steps[${consult}].owner`, problem: 'unknown role "mayor"' }]);
    expect(err.message).toBe(`plan ${P1_REF} refused:\n  steps[${consult}].owner: unknown role "mayor"`);
  });

  it('refuses a copy of P1 failing the schema, with the zod path written as a plan path', () => {
    const doc = p1Copy();
    doc.steps[0] = { ...doc.steps[0], deadline: { within: 'PT', from: 'discovery' } };
    const err = planErrorOf(() => parsePlan(P1_REF, doc));
    expect(err.problems.map((p) => p.path)).toContain('steps[0].deadline.within');
    expect(err.message).toContain(`plan ${P1_REF} refused:`);
    expect(err.message).toContain('steps[0].deadline.within: ');
  });

  it('refuses an unknown field with its path', () => {
    const doc = p1Copy();
    doc.steps[1] = { ...doc.steps[1], ownr: 'office' };
    const err = planErrorOf(() => parsePlan(P1_REF, doc));
    expect(err.problems.map((p) => p.path)).toEqual(['steps[1]']);
    expect(err.problems[0]!.problem).toContain('ownr');
  });

  it('refuses an id that is not lower-case with the message the schema gives', () => {
    const err = planErrorOf(() => parsePlan(P1_REF, { ...p1Copy(), id: 'P1' }));
    expect(err.problems).toEqual([
      { path: 'id', problem: 'lower-case letters, digits and dashes, starting with a letter' },
    ]);
  });

  it('lists every schema problem, not only the first', () => {
    const doc = p1Copy();
    delete doc.version;
    doc.steps[0] = { ...doc.steps[0], owner: 'Monitor' };
    const err = planErrorOf(() => parsePlan(P1_REF, doc));
    expect(err.problems.map((p) => p.path).sort()).toEqual(['steps[0].owner', 'version']);
  });
});

describe('readPlansDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plans-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every .json file in the folder, keyed by its path, and ignores other files', () => {
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ id: 'b' }));
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ id: 'a' }));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a plan');
    const docs = readPlansDir(dir);
    expect(Object.keys(docs)).toEqual([path.join(dir, 'a.json'), path.join(dir, 'b.json')]);
    expect(docs[path.join(dir, 'a.json')]).toEqual({ id: 'a' });
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, '{ "id": ');
    const err = planErrorOf(() => readPlansDir(dir));
    expect(err.planRef).toBe(file);
    expect(err.problems[0]!.path).toBe('(file)');
    expect(err.problems[0]!.problem).toMatch(/^not valid JSON: /);
  });

  it('refuses a folder that cannot be read, naming the folder', () => {
    const missing = path.join(dir, 'missing');
    const err = planErrorOf(() => readPlansDir(missing));
    expect(err.planRef).toBe(missing);
    expect(err.problems[0]!.path).toBe('(folder)');
    expect(err.problems[0]!.problem).toContain('cannot read PLANS_DIR');
  });

  it('hands a folder of plans to loadCatalog', () => {
    writeFileSync(path.join(dir, 'tiny.json'), JSON.stringify(tinyPlanDoc([task('a', 'clerk')])));
    expect(loadCatalog(readPlansDir(dir)).get('tiny')).toBeDefined();
  });
});
