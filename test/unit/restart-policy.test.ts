import { afterExit, defaultRestartPolicy as policy } from '../../scripts/supervisor';

describe('when a part npm start runs stops on its own', () => {
  test('it starts again after 1 s, the pause doubling while it keeps failing within 30 s, up to the fifth', () => {
    const pauses: number[] = [];
    let fastInRow = 0;
    for (let i = 0; i < 4; i++) {
      const next = afterExit(policy, fastInRow, 2_000, 'exit code 1');
      if (!('restartInMs' in next)) throw new Error(`gave up at failure ${i + 1}`);
      pauses.push(next.restartInMs);
      fastInRow = next.fastInRow;
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(afterExit(policy, fastInRow, 2_000, 'exit code 1')).toEqual({
      giveUp: 'failed 5 times in a row, each within 30 s of starting (last: exit code 1)',
    });
  });

  test('a run that lasted past 30 s starts the count afresh: a crash after hours is restarted in 1 s', () => {
    expect(afterExit(policy, 4, 3 * 3_600_000, 'SIGKILL')).toEqual({ restartInMs: 1_000, fastInRow: 1 });
  });

  test('the pause stops growing at 30 s', () => {
    const patient = { ...policy, maxFastFailures: 100 };
    expect(afterExit(patient, 20, 0, 'exit code 1')).toEqual({ restartInMs: 30_000, fastInRow: 21 });
  });
});
