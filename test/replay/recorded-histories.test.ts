import path from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadCatalog } from '../../plans/catalog';
import {
  GENERATION_PATCHES,
  generations,
  isContinuedRun,
  markerProblem,
  patchesOf,
  recordedHistories,
  type HistoryFixture,
} from '../helpers/histories';
import { describeDivergence, replayTrace, traceHash, type ReplayTrace } from '../helpers/replay-hash';
import { bundleIncidentWorkflows } from '../helpers/time-skipping';

// Histories recorded by every generation of the workflow code (test/fixtures/histories/<generation>/),
// replayed against the current code. Each must replay (the same commands) and give back the same
// final-state hash (the same stored timeline and final state): a change that running incidents would
// notice goes behind patched(), and both sides of the patch keep replaying here.

const histories = recordedHistories();
const byId = (id: string): HistoryFixture => {
  const found = histories.find((h) => h.id === id);
  if (!found) throw new Error(`no recorded history ${id}`);
  return found;
};

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleIncidentWorkflows();
});

/** Why a replay failed, or undefined if it replayed. */
const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('recorded incident histories', () => {
  test.each(generations())(
    'generation %s has the highest and lowest level of every built-in plan',
    (generation) => {
      const names = histories.filter((h) => h.generation === generation).map((h) => h.name);
      for (const plan of loadCatalog().list()) {
        for (const level of [plan.levels[0]!.id, plan.levels.at(-1)!.id]) {
          expect(names).toContain(`${plan.id}-${level}`);
        }
      }
    },
  );

  test('generation 2-owner-notices holds the scenarios of issue 8, every run of a continued one', () => {
    const names = histories.filter((h) => h.generation === '2-owner-notices').map((h) => h.name);
    expect(names.filter((n) => n.startsWith('scenario-'))).toEqual(
      expect.arrayContaining([
        'scenario-breach',
        'scenario-continue-as-new.run1',
        'scenario-continue-as-new.run2',
        'scenario-hung-peer',
        'scenario-milestones',
        'scenario-reclassify-down',
        'scenario-reclassify-up',
        'scenario-rejection-resubmission',
        'scenario-relapse',
      ]),
    );
  });

  test('generation 3-engine-correctness holds the same scenarios, and an incident that took the patch up midway', () => {
    const names = histories.filter((h) => h.generation === '3-engine-correctness').map((h) => h.name);
    const before = histories.filter((h) => h.generation === '2-owner-notices').map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(before));
    // Started by generation-2 code, continued by this code: the marker comes after the old code's
    // first workflow tasks, and the trace shows the new behaviour (a deadline moved by the level change).
    const upgraded = histories.find((h) => h.id.endsWith('3-engine-correctness/scenario-upgraded-midway'));
    expect(upgraded).toBeDefined();
    const markers = (upgraded!.history.events ?? []).filter((e) => e.markerRecordedEventAttributes);
    const opening = markers[0]!.eventId!.toString();
    const takenUp = markers.at(-1)!.eventId!.toString();
    expect(Number(takenUp)).toBeGreaterThan(Number(opening) + 10);
    expect(upgraded!.trace!.events.map((e) => e.type)).toContain('deadline-changed');
  });

  test('generation 5-stepwise-escalation climbs the chain a role at a time, where the earlier ones told it all at once', () => {
    const trace = (generation: string, name: string) =>
      histories.find((h) => h.generation === generation && h.name === name)!.trace!;
    const climbed = trace('5-stepwise-escalation', 'scenario-stepwise-escalation').events;
    expect(climbed.filter((e) => e.type === 'escalated').map((e) => e.data.role)).toEqual(['party-group']);
    const breach = (events: typeof climbed) =>
      events.find((e) => e.type === 'deadline-breached' && e.stepId === 'oral-report')!.data.escalatedTo;
    expect(breach(trace('4-local-projection', 'scenario-breach').events)).toEqual([
      'section',
      'leader-in-charge',
      'principal-leader',
    ]);
    expect(breach(trace('5-stepwise-escalation', 'scenario-breach').events)).toEqual([
      'section',
      'leader-in-charge',
    ]);
  });

  test.each(generations())(
    'histories of generation %s carry the patch markers GENERATION_PATCHES gives it',
    (generation) => {
      expect(Object.keys(GENERATION_PATCHES)).toContain(generation);
      const problems = histories
        .filter((h) => h.generation === generation)
        .map((h) => [h.name, markerProblem(generation, h.history)] as const)
        .filter(([, problem]) => problem !== undefined);
      expect(problems).toEqual([]);
    },
  );

  test('both sides of every patch are recorded: some incident opened without it, some with it', () => {
    const opening = histories.filter((h) => !isContinuedRun(h.history));
    for (const patch of new Set(Object.values(GENERATION_PATCHES).flat())) {
      const carrying = opening.filter((h) => patchesOf(h.history).includes(patch));
      expect([patch, carrying.length > 0]).toEqual([patch, true]);
      expect([patch, carrying.length < opening.length]).toEqual([patch, true]);
    }
  });

  test.each(histories.map((h) => [h.id, h] as const))(
    '%s replays against the current code to its recorded final-state hash',
    async (id, fixture) => {
      const { hash, trace } = fixture;
      if (hash === undefined || trace === undefined) {
        throw new Error(`${id} has no .hash or .trace.json beside it: record it with RECORD_HISTORIES`);
      }
      expect(traceHash(trace)).toBe(hash); // the kept trace is what the hash was taken of
      expectConsecutive(trace);

      const replayed = await replayTrace(workflowBundle, id, fixture.history);
      // A sink that reports nothing would make every hash check vacuous.
      expect(replayed.trace.events.length).toBeGreaterThan(0);
      expect(replayed.trace.final).not.toBeNull();
      if (replayed.hash !== hash) {
        throw new Error(
          `${id} replays, but to another final-state hash (recorded ${hash.slice(0, 12)}…, ` +
            `now ${replayed.hash.slice(0, 12)}…): the code records a different timeline or state for ` +
            `incidents already running; put the change behind patched().\n` +
            describeDivergence(trace, replayed.trace),
        );
      }
    },
  );

  test('an unpatched incompatible change is caught as a determinism violation naming the mismatch', async () => {
    // The revision sleeps before it stores anything: the history's first command is an activity.
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('../fixtures/workflows/changed-incident-workflow'),
      logger: quietLogger,
    });
    const before = byId('1-before-owner-notices/p1-acheng-agriculture-l1');
    const timerForActivity = await failureOf(
      Worker.runReplayHistory({ workflowBundle: changed, replayName: before.id }, before.history),
    );
    expect(timerForActivity).toBeInstanceOf(DeterminismViolationError);
    expect((timerForActivity as Error).message).toMatch(
      /\[TMPRL1100\] Nondeterminism error: Timer machine does not handle this event: HistoryEvent\(id: \d+, ActivityTaskScheduled\)/,
    );

    // On a history made under a patch, the first thing the revision fails to do is call patched().
    const patched = byId('2-owner-notices/p1-acheng-agriculture-l1');
    const markerWithoutPatch = await failureOf(
      Worker.runReplayHistory({ workflowBundle: changed, replayName: patched.id }, patched.history),
    );
    expect(markerWithoutPatch).toBeInstanceOf(DeterminismViolationError);
    expect((markerWithoutPatch as Error).message).toContain(
      'Non-deprecated patch marker encountered for change owner-notices, but there is no corresponding change command',
    );
  });

  test('an unpatched change that only adds a timeline event replays, and the final-state hash catches it', async () => {
    // The real workflow, bundled with an engine that records one more event at intake.
    const workflowsDir = path.resolve(__dirname, '../../workflows');
    const revisedEngine = require.resolve('../fixtures/workflows/extra-event-engine');
    const revised = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: quietLogger,
      webpackConfigHook: (config) => ({
        ...config,
        plugins: [
          ...(config.plugins ?? []),
          {
            apply(compiler) {
              compiler.hooks.normalModuleFactory.tap('revised-engine', (factory) => {
                factory.hooks.beforeResolve.tap('revised-engine', (request) => {
                  if (request.request === '../engine/incident' && request.context === workflowsDir) {
                    request.request = revisedEngine;
                  }
                });
              });
            },
          },
        ],
      }),
    });
    const fixture = byId('2-owner-notices/p1-acheng-agriculture-l4');
    const replayed = await replayTrace(revised, fixture.id, fixture.history); // Temporal sees no difference
    expect(replayed.ended).toBe('closed');
    expect(replayed.hash).not.toBe(fixture.hash);

    const recorded = fixture.trace!;
    const extra = replayed.trace.events.findIndex((e) => e.type === 'metrics-updated');
    expect(extra).toBeGreaterThan(0);
    expect(describeDivergence(recorded, replayed.trace)).toContain(
      `first differing stored event is #${extra + 1} of ${recorded.events.length} recorded / ${recorded.events.length + 1} replayed`,
    );
    // Besides the extra event, the same timeline: only its numbering moved on by one.
    expect(replayed.trace.events.filter((_, i) => i !== extra).map((e) => e.type)).toEqual(
      recorded.events.map((e) => e.type),
    );
  });
});

/** Stored events are numbered without gaps, and the final state knows the last one. */
function expectConsecutive(trace: ReplayTrace): void {
  const seqs = trace.events.map((e) => e.seq);
  const first = seqs[0] ?? 1;
  expect(seqs).toEqual(seqs.map((_, i) => first + i));
  expect(trace.final?.lastSeq).toBe(seqs.at(-1));
}
