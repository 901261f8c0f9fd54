import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { OWNER_NOTICES_PATCH } from '../../workflows/incident-workflow';
import { recordedHistories } from '../helpers/histories';
import { bundleIncidentWorkflows } from '../helpers/time-skipping';

// Histories recorded from the plan scenarios (RECORD_HISTORIES=1), replayed against the current workflow
// code: a change that would break a running incident fails here unless it goes through patched().

const histories = recordedHistories();

describe('recorded incident histories', () => {
  test('there is a recorded history for the highest and lowest level of every built-in plan', () => {
    expect(histories.length).toBeGreaterThanOrEqual(24);
  });

  test('histories from before owner notices carry no patch marker and newer ones do, so both branches replay', () => {
    const patchedIn = (h: (typeof histories)[number]) =>
      (h.history.events ?? []).some((e) =>
        JSON.stringify(e.markerRecordedEventAttributes?.details ?? {}).includes(
          Buffer.from(JSON.stringify(OWNER_NOTICES_PATCH)).toString('base64'),
        ),
      );
    const before = histories.filter((h) => h.name.startsWith('before-owner-notices-'));
    const after = histories.filter((h) => !h.name.startsWith('before-owner-notices-'));
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(after.length).toBeGreaterThanOrEqual(12);
    expect(before.filter(patchedIn)).toEqual([]);
    expect(after.filter((h) => !patchedIn(h)).map((h) => h.name)).toEqual([]);
  });

  test('every recorded history replays against the current workflow code', async () => {
    const workflowBundle = await bundleIncidentWorkflows();
    for (const { name, history } of histories) {
      await expect(
        Worker.runReplayHistory({ workflowBundle, replayName: name }, history),
      ).resolves.toBeUndefined();
    }
  });

  test('an unpatched incompatible change is caught as a determinism violation', async () => {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../fixtures/workflows/changed-incident-workflow'),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    const first = histories[0]!;
    const failure = await Worker.runReplayHistory(
      { workflowBundle, replayName: first.name },
      first.history,
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(DeterminismViolationError);
  });
});
