import { spawn } from 'node:child_process';
import { supervise, type Part, type Running } from '../../scripts/supervisor';
import { exited } from '../../scripts/temporal-dev-server';

// The supervisor over real processes, with pauses of milliseconds instead of seconds.

const fast = { firstDelayMs: 10, maxDelayMs: 40, fastMs: 5_000, maxFastFailures: 3 };

/** A node process running `code`; its runs are counted in `starts`. */
function nodePart(name: string, code: string, starts: number[]): Part {
  return {
    name,
    start: () => {
      const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
      starts.push(child.pid!);
      const running: Running = {
        ended: new Promise((resolve) => child.once('exit', (c, s) => resolve(s ?? `exit code ${c}`))),
        stop: async () => {
          child.kill('SIGTERM');
          await exited(child);
        },
      };
      return Promise.resolve(running);
    },
  };
}

test('a part that keeps failing fast stops the whole service with its name and last failure; the others are stopped', async () => {
  const lines: string[] = [];
  const steady: number[] = [];
  const failing: number[] = [];
  const gaveUp = new Promise<string>((resolve) => {
    const supervisor = supervise(
      [
        nodePart('steady', 'setInterval(() => {}, 1000)', steady),
        nodePart('failing', 'process.exit(3)', failing),
      ],
      { policy: fast, log: (l) => lines.push(l), onGiveUp: resolve },
    );
    void supervisor.startAll();
  });

  expect(await gaveUp).toBe(
    'the failing failed 3 times in a row, each within 5 s of starting (last: exit code 3)',
  );
  expect(failing).toHaveLength(3);
  expect(lines).toEqual([
    'start: the failing stopped (exit code 3); starting it again in 0.01 s',
    'start: the failing is running again',
    'start: the failing stopped (exit code 3); starting it again in 0.02 s',
    'start: the failing is running again',
    'start: the failing failed 3 times in a row, each within 5 s of starting (last: exit code 3); stopping everything',
  ]);
  // Stopped by the supervisor before it gave up, not left behind.
  expect(steady).toHaveLength(1);
  expect(() => process.kill(steady[0]!, 0)).toThrow(/ESRCH/);
});

test('a part killed from outside is started again, and stop() leaves no part running nor restarts one', async () => {
  const lines: string[] = [];
  const starts: number[] = [];
  const supervisor = supervise([nodePart('worker', 'setInterval(() => {}, 1000)', starts)], {
    policy: fast,
    log: (l) => lines.push(l),
    onGiveUp: () => undefined,
  });
  await supervisor.startAll();
  process.kill(starts[0]!, 'SIGKILL');
  while (starts.length < 2 || !lines.includes('start: the worker is running again'))
    await new Promise((r) => setTimeout(r, 10));
  expect(lines[0]).toBe('start: the worker stopped (SIGKILL); starting it again in 0.01 s');

  await supervisor.stop();
  expect(() => process.kill(starts[1]!, 0)).toThrow(/ESRCH/);
  await new Promise((r) => setTimeout(r, 100));
  expect(starts).toHaveLength(2);
});
