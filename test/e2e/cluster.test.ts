import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import { exited } from '../../scripts/temporal-dev-server';
import { setCurrentWorkerVersion } from '../../scripts/temporal-server';
import { incidentWorkflowId } from '../../workflows/messages';
import { apiClient } from '../helpers/api-client';
import { eventually } from '../helpers/eventually';
import { freePort } from '../helpers/free-port';
import {
  groupAlive,
  killGroup,
  killHard,
  startBuilt,
  startBuiltGroup,
  waitForLog,
  type RunningProcess,
} from '../helpers/processes';

// `npm run cluster` as an operator runs it: the full Temporal server on PostgreSQL, two workers and two
// API processes. Incidents are started and driven alternately through both APIs; every answer agrees.

const INCIDENTS = 10;

test('npm run cluster brings up Temporal on PostgreSQL with two workers and two APIs; incidents run across both APIs, through a rolling replacement of the workers and onto a new build by worker versioning; Ctrl-C leaves nothing behind', async () => {
  const [api1, temporal] = [await freePort(), await freePort()];
  const cluster = startBuiltGroup(
    'scripts/cluster.js',
    {
      PORT: String(api1),
      TEMPORAL_PORT: String(temporal),
      CLUSTER_WORKERS: '2',
      CLUSTER_APIS: '2',
      WORKER_BUILD_ID: 'build-1',
    },
    path.join(tmpdir(), `cluster-${api1}.log`),
  );
  let nextBuild: RunningProcess | undefined;
  let connection: Connection | undefined;
  try {
    await waitForLog(cluster, 'Stop           Ctrl-C', 240_000);
    expect(cluster.log()).toContain('cluster: build build-1 is the current version of incident-orchestrator');
    const log = cluster.log();
    const key = /^ {2}API key {8}(\S+)/m.exec(log)![1]!;
    const dataDir = /log (\/\S+)\/temporal\/server\.log/.exec(log)![1]!;
    const apis = [api1, api1 + 1].map((p) => apiClient(() => `http://127.0.0.1:${p}`, key));
    const workerHealth = [...log.matchAll(/^ {2}Worker \d {7}(\S+)$/gm)].map((m) => m[1]!);
    expect(workerHealth).toHaveLength(2);
    for (const url of workerHealth) {
      const res = await fetch(url);
      expect(await res.json()).toEqual({ status: 'ok', worker: 'ok', temporal: 'ok', database: 'ok' });
    }

    const ids: string[] = [];
    for (let i = 0; i < INCIDENTS; i++) {
      const created = await apis[i % 2]!('POST', '/api/incidents', {
        planId: 'p1-acheng-agriculture',
        title: `集群演练 ${i}`,
        level: 'l3',
        reporter: 'monitor-wang',
      });
      expect(created.status).toBe(201);
      ids.push(String(created.body.id));
    }
    // Each incident driven through the API that did not start it.
    for (const [i, id] of ids.entries()) {
      const done = await apis[(i + 1) % 2]!('POST', `/api/incidents/${id}/steps/report-facts/complete`, {
        actor: { id: 'wang', role: 'monitor' },
      });
      expect(done).toMatchObject({ status: 200, body: { accepted: true } });
    }
    // A rolling replacement, as a deploy does it: each worker in turn is stopped (SIGTERM, it drains) and
    // a new one takes its place, while the incidents take their next input.
    for (const n of [1, 2]) {
      const pid = Number(new RegExp(`the worker ${n} started \\(pid (\\d+)\\)`).exec(cluster.log())![1]);
      process.kill(pid, 'SIGTERM');
      await eventually(
        () => expect(cluster.log()).toContain(`cluster: the worker ${n} is running again`),
        60_000,
      );
    }
    for (const [i, id] of ids.entries()) {
      const done = await apis[i % 2]!('POST', `/api/incidents/${id}/steps/consult/complete`, {
        actor: { id: 'li', role: 'party-group' },
      });
      expect(done).toMatchObject({ status: 200, body: { accepted: true } });
    }
    for (const id of ids) {
      for (const api of apis) {
        const state = await api('GET', `/api/incidents/${id}`);
        expect(state).toMatchObject({ status: 200, body: { source: 'workflow', status: 'open' } });
        const steps = state.body.steps as Record<string, { status: string }>;
        expect([steps['report-facts']!.status, steps.consult!.status]).toEqual(['done', 'done']);
      }
    }
    // A new build rolled out by worker versioning: its worker polls beside the old ones, is made the
    // deployment's current version, and each running incident moves to it with its next task.
    const address = /^ {2}Temporal {7}(\S+)/m.exec(log)![1]!;
    connection = await Connection.connect({ address });
    const client = new Client({ connection });
    const buildOf = async (id: string) =>
      (await client.workflow.getHandle(incidentWorkflowId(id)).describe()).raw.workflowExecutionInfo
        ?.versioningInfo?.deploymentVersion;
    expect(await buildOf(ids[0]!)).toMatchObject({
      deploymentName: 'incident-orchestrator',
      buildId: 'build-1',
    });
    nextBuild = startBuilt(
      'worker/main.js',
      {
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: 'default',
        TASK_QUEUE: 'incidents',
        DATA_DIR: path.join(dataDir, 'data'),
        DATABASE_URL: /^ {2}Database {7}(\S+)/m.exec(log)![1]!,
        WORKER_BUILD_ID: 'build-2',
      },
      path.join(tmpdir(), `cluster-${api1}-build-2.log`),
    );
    await waitForLog(nextBuild, 'as build build-2 of deployment incident-orchestrator');
    await setCurrentWorkerVersion(address, 'incident-orchestrator', 'build-2');
    for (const [i, id] of ids.entries()) {
      const updated = await apis[i % 2]!('POST', `/api/incidents/${id}/metrics`, {
        actor: { id: 'wang', role: 'monitor' },
        metrics: { views24h: 1000 + i },
      });
      expect(updated).toMatchObject({ status: 200, body: { accepted: true } });
      expect(await buildOf(id)).toMatchObject({
        deploymentName: 'incident-orchestrator',
        buildId: 'build-2',
      });
    }

    // The projection in PostgreSQL has every incident, as both APIs list it.
    for (const api of apis) {
      await eventually(async () => {
        const list = await api('GET', '/api/incidents?limit=100');
        const listed = (list.body.items as { id: string }[]).map((r) => r.id);
        expect(listed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
      });
    }

    cluster.child.kill('SIGINT'); // Ctrl-C
    await exited(cluster.child);
    expect(cluster.child.exitCode).toBe(0);
    expect(groupAlive(cluster.child.pid!)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  } finally {
    await connection?.close();
    if (nextBuild) await killHard(nextBuild.child);
    killGroup(cluster.child.pid!);
  }
});
