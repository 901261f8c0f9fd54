import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadCatalog } from '../../plans/catalog';
import type { Plan, Step } from '../../domain/plan-schema';
import { durationMs } from '../../domain/duration';
import { escalationChain, ownerAt } from '../../domain/plan-reading';
import { getStateQuery } from '../../workflows/messages';
import { completeStep } from '../../inputs/complete-step';
import { decideApproval } from '../../inputs/decide-approval';
import { reclassify } from '../../inputs/reclassify';
import { subside } from '../../inputs/subside';
import { reopen } from '../../inputs/reopen';
import { eventually } from '../helpers/eventually';
import { keepHistory } from '../helpers/histories';
import { drive } from '../helpers/incident-driver';
import { withIncident } from '../helpers/incident-env';
import { bundleIncidentWorkflows, createTimeSkippingEnv } from '../helpers/time-skipping';

// Every plan in the catalog, run by the one interpreter: the scenarios are derived from the plan data,
// so a new or changed plan is exercised the same way.

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleIncidentWorkflows()]);
});
afterAll(async () => {
  await env?.teardown();
});

/** Whether a step applies at a level, with these flags set from intake (none in most scenarios). */
const applies = (step: Step, level: string, flags: string[] = []) =>
  (step.appliesAt === undefined || step.appliesAt.includes(level)) &&
  (step.when === undefined || flags.includes(step.when));

/** The span of a step's deadline at a level, if it has one there. */
function spanAt(step: Step, level: string): string | { workingHours: string; offHours: string } | undefined {
  if (step.kind === 'monitor') return step.followUpEvery;
  const within = step.deadline?.within;
  if (within === undefined || typeof within === 'string') return within;
  if ('workingHours' in within && typeof within.workingHours === 'string') {
    return within as { workingHours: string; offHours: string };
  }
  return (within as Record<string, string | { workingHours: string; offHours: string }>)[level];
}

/** One case per step with a deadline: the most severe level where it applies and has one. */
function deadlineCases(plan: Plan): { stepId: string; level: string; owner: string; flags: string[] }[] {
  const cases = [];
  for (const step of plan.steps) {
    // A step for a circumstance is tried with it set at intake.
    const flags = step.when === undefined ? [] : [step.when];
    const level = plan.levels.find((l) => applies(step, l.id, flags) && spanAt(step, l.id) !== undefined)?.id;
    if (level === undefined) continue;
    const owner = step.kind === 'approval' ? step.approvers[0]! : ownerAt(step, level);
    if (owner !== undefined) cases.push({ stepId: step.id, level, owner, flags });
  }
  return cases;
}

const person = (role: string) => ({ id: `person-of-${role}`, role });
const plans = loadCatalog().list();

describe.each(plans.map((p) => [p.id, p] as const))('plan %s', (_id, plan) => {
  const highest = plan.levels[0]!.id;
  const lowest = plan.levels.at(-1)!.id;

  test.each([highest, lowest])(
    'runs to closed at level %s, every step done or skipped for its level',
    async (level) => {
      await withIncident(env, bundle, plan, level, async ({ handle, recorded }) => {
        await drive(handle, plan);
        const result = await handle.result();
        expect(result.status).toBe('closed');
        // The code that ran the incident explains it: its own history replays, to the timeline it stored
        // (kept as a replay fixture with RECORD_HISTORIES=<generation>).
        const replayed = await keepHistory(bundle, `${plan.id}-${level}`, await handle.fetchHistory());
        expect(replayed.trace.events).toEqual(recorded.storedEvents());
        for (const step of plan.steps) {
          expect([step.id, result.steps[step.id]!.status]).toEqual([
            step.id,
            applies(step, level) ? 'done' : 'skipped',
          ]);
        }
        expect(result.breached).toBe(false);
      });
    },
  );

  const cases = deadlineCases(plan);
  if (cases.length > 0) {
    test.each(cases)(
      'a missed deadline of $stepId (level $level) breaches and escalates from $owner up',
      async (c) => {
        await withIncident(
          env,
          bundle,
          plan,
          c.level,
          async ({ handle }) => {
            const state = await drive(handle, plan, {
              holdBack: [c.stepId],
              until: (s) => s.steps[c.stepId]!.status === 'open',
            });
            const dueAt = state.steps[c.stepId]!.dueAt!;
            expect(dueAt).toBeGreaterThan(0);
            await env.sleep(dueAt - (await env.currentTimeMs()) + 1_000);
            const breached = await eventually(async () => {
              const s = await handle.query(getStateQuery);
              expect(s.steps[c.stepId]!.breaches.length).toBeGreaterThanOrEqual(1);
              return s;
            });
            const breach = breached.steps[c.stepId]!.breaches[0]!;
            expect(breach.dueAt).toBe(dueAt);
            // The owner and its immediate superior; the rest of the chain a role at a time after.
            expect(breach.escalatedTo).toEqual(escalationChain(plan, c.owner).slice(0, 2));
            expect(breached.steps[c.stepId]!.status).toBe('open');
          },
          { flags: c.flags },
        );
      },
    );
  }

  const approval = plan.steps.find((s) => s.kind === 'approval');
  if (approval?.kind === 'approval') {
    const level = plan.levels.find((l) => applies(approval, l.id))!.id;
    test(`a rejected ${approval.id} sends ${approval.revises} back and the chain restarts`, async () => {
      await withIncident(env, bundle, plan, level, async ({ handle }) => {
        await drive(handle, plan, { until: (s) => s.steps[approval.id]!.status === 'open' });
        const first = approval.approvers[0]!;
        await handle.executeUpdate(decideApproval.update, {
          args: [{ stepId: approval.id, actor: person(first), decision: 'reject', comment: '请修改' }],
        });
        let state = await handle.query(getStateQuery);
        expect(state.steps[approval.revises]!.status).toBe('open');
        expect(state.steps[approval.id]!.status).toBe('waiting');
        const revised = plan.steps.find((s) => s.id === approval.revises)!;
        expect(revised.kind).toBe('task');
        await handle.executeUpdate(completeStep.update, {
          args: [
            { stepId: revised.id, actor: person(ownerAt(revised, state.level) ?? first), note: '已修改' },
          ],
        });
        state = await handle.query(getStateQuery);
        expect(state.steps[approval.id]).toMatchObject({ status: 'open', stage: 0 });
        for (const role of approval.approvers) {
          await handle.executeUpdate(decideApproval.update, {
            args: [{ stepId: approval.id, actor: person(role), decision: 'approve' }],
          });
        }
        state = await handle.query(getStateQuery);
        expect(state.steps[approval.id]!.status).toBe('done');
        expect(state.steps[approval.id]!.decisions!.map((d) => d.decision)).toEqual([
          'reject',
          ...approval.approvers.map(() => 'approve'),
        ]);
      });
    });
  }

  if (highest !== lowest) {
    test(`an upgrade from ${lowest} to ${highest} starts the newly applying steps with deadlines from the upgrade`, async () => {
      await withIncident(env, bundle, plan, lowest, async ({ handle, timeline }) => {
        const before = await handle.query(getStateQuery);
        await env.sleep(60_000); // the upgrade happens a minute after discovery
        await handle.executeUpdate(reclassify.update, {
          args: [{ actor: person(before.leadRole), level: highest, reason: '舆情升温，转发量激增' }],
        });
        const after = await handle.query(getStateQuery);
        expect(after.level).toBe(highest);
        expect(after.leadRole).toBe(plan.leadRole[highest]);
        const events = await timeline();
        const upgradeAt = events.find((e) => e.type === 'level-changed')!.at;
        for (const step of plan.steps) {
          const was = before.steps[step.id]!;
          const now = after.steps[step.id]!;
          if (applies(step, highest) && was.status === 'skipped') {
            expect([step.id, now.status]).not.toEqual([step.id, 'skipped']);
            const span = spanAt(step, highest);
            if (now.status === 'open' && typeof span === 'string' && step.deadline?.from === 'discovery') {
              expect([step.id, now.dueAt]).toEqual([step.id, upgradeAt + durationMs(span)]);
            }
          }
          if (!applies(step, highest) && was.status === 'open')
            expect([step.id, now.status]).toEqual([step.id, 'skipped']);
        }
      });
    });
  }

  const monitor = plan.steps.find((s) => s.kind === 'monitor');
  const review = plan.steps.find((s) => s.kind === 'review');
  if (monitor && review) {
    test('subsides, relapses during aftercare, subsides again, is reviewed and closes', async () => {
      await withIncident(env, bundle, plan, lowest, async ({ handle, timeline }) => {
        await drive(handle, plan, { subside: false });
        let state = await handle.query(getStateQuery);
        expect(state.steps[monitor.id]!.status).toBe('open');
        await handle.executeUpdate(subside.update, {
          args: [{ actor: person(state.leadRole), note: '舆情平息' }],
        });
        state = await handle.query(getStateQuery);
        expect(state.status).toBe('aftercare');
        // Aftercare work the plan puts before the review (P3 keeps tracking the poster) comes first.
        state = await drive(handle, plan, { until: (st) => st.steps[review.id]!.status === 'open' });
        expect(state.status).toBe('aftercare');
        expect(state.steps[review.id]!.status).toBe('open');

        await handle.executeUpdate(reopen.update, {
          args: [{ actor: person(ownerAt(monitor, state.level)!), reason: '出现新的转发' }],
        });
        state = await handle.query(getStateQuery);
        expect(state.status).toBe('open');
        expect(state.steps[monitor.id]!.status).toBe('open');
        expect(state.steps[review.id]!.status).toBe('waiting');

        await drive(handle, plan);
        const result = await handle.result();
        expect(result.status).toBe('closed');
        expect(Object.keys(result.steps[review.id]!.answers ?? {})).toEqual(
          review.kind === 'review' ? review.form.map((f) => f.id) : [],
        );
        const types = (await timeline()).map((e) => e.type);
        expect(types.filter((t) => t === 'incident-subsided')).toHaveLength(2);
        expect(types).toContain('incident-reopened');
        expect(types.at(-1)).toBe('incident-closed');
      });
    });
  }
});
