import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exited } from '../../scripts/temporal-dev-server';
import { apiClient } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import {
  groupAlive,
  killGroup,
  startBuiltGroup,
  waitForLog,
  type RunningProcess,
} from '../helpers/processes';

// Before: `kill -9` of the embedded dev server made npm start say "the Temporal dev server stopped;
// stopping everything", and deadlines went unwatched until someone noticed. Now each part that stops on
// its own is started again, and the incident carries on.

type PartName = 'Temporal dev server' | 'worker' | 'api';

/** The pid npm start last logged for the part. */
function pidOf(start: RunningProcess, part: PartName): number {
  const pids = [...start.log().matchAll(new RegExp(`start: the ${part} started \\(pid (\\d+)\\)`, 'g'))];
  const last = pids.at(-1);
  if (!last) throw new Error(`npm start logged no pid for the ${part}`);
  return Number(last[1]);
}

/** SIGKILLs the part and waits until npm start says it runs again, under a new pid. */
async function killAndAwaitRestart(start: RunningProcess, part: PartName): Promise<void> {
  const before = pidOf(start, part);
  const restarts = start.log().split(`start: the ${part} is running again`).length - 1;
  process.kill(before, 'SIGKILL');
  await eventually(() => {
    const log = start.log();
    expect(log).toContain(`start: the ${part} stopped (SIGKILL); starting it again in 1 s`);
    expect(log.split(`start: the ${part} is running again`).length - 1).toBe(restarts + 1);
  }, 60_000);
  expect(pidOf(start, part)).not.toBe(before);
}

test('npm start starts again a dev server, worker or API killed with SIGKILL, and the incident carries on through each', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'start-supervision-'));
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [apiPort, temporal, ui] = [...ports] as [number, number, number];
  const start = startBuiltGroup(
    'scripts/start.js',
    {
      DATA_DIR: dataDir,
      PORT: String(apiPort),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      API_KEYS: '',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
    },
    path.join(dataDir, 'start.log'),
  );
  try {
    await waitForLog(start, 'Stop           Ctrl-C', 90_000);
    const key = /^ {2}API key {8}(\S+)/m.exec(start.log())![1]!;
    const api = apiClient(() => `http://127.0.0.1:${apiPort}`, key);
    const created = await api('POST', '/api/incidents', {
      planId: 'p1-acheng-agriculture',
      title: '守护进程演练',
      level: 'l3',
      reporter: 'monitor-wang',
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    /** The input goes through once the restarted part is back (503s meanwhile are the API's to give). */
    const complete = (stepId: string, role: string) =>
      eventually(async () => {
        const done = await api('POST', `/api/incidents/${id}/steps/${stepId}/complete`, {
          actor: { id: `person-${role}`, role },
        });
        expect(done).toMatchObject({ status: 200, body: { accepted: true } });
      }, 60_000);

    await killAndAwaitRestart(start, 'Temporal dev server');
    await complete('report-facts', 'monitor');

    await killAndAwaitRestart(start, 'worker');
    await complete('consult', 'party-group');

    await killAndAwaitRestart(start, 'api');
    const state = await eventually(async () => {
      const answer = await api('GET', `/api/incidents/${id}`);
      expect(answer).toMatchObject({ status: 200, body: { source: 'workflow', status: 'open' } });
      return answer.body as { steps: Record<string, { status: string }> };
    }, 60_000);
    expect(state.steps['report-facts']!.status).toBe('done');
    expect(state.steps.consult!.status).toBe('done');
    expect(start.log()).not.toContain('stopping everything');

    start.child.kill('SIGINT'); // Ctrl-C
    await exited(start.child);
    expect(start.child.exitCode).toBe(0);
    expect(groupAlive(start.child.pid!)).toBe(false);
  } finally {
    killGroup(start.child.pid!);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
