import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exited, portTaken } from '../../scripts/temporal-dev-server';
import { freePort } from '../helpers/free-port';
import { groupAlive, killGroup, startBuiltGroup, waitForLog } from '../helpers/processes';

test('the npm start banner names the state files in the given DATA_DIR, and Ctrl-C leaves nothing running', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'start-banner-'));
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [api, temporal, ui] = [...ports] as [number, number, number];
  const start = startBuiltGroup(
    'scripts/start.js',
    {
      DATA_DIR: dataDir,
      PORT: String(api),
      TEMPORAL_PORT: String(temporal),
      TEMPORAL_UI_PORT: String(ui),
      API_KEYS: '',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
    },
    path.join(tmpdir(), `${path.basename(dataDir)}.log`),
  );
  try {
    await waitForLog(start, 'Stop           Ctrl-C', 90_000);
    const log = start.log();
    expect(log).toContain(
      `start: Temporal dev server starting (state in ${path.join(dataDir, 'temporal.db')})`,
    );
    expect(log).toMatch(new RegExp(`^  Temporal state ${escape(path.join(dataDir, 'temporal.db'))}$`, 'm'));
    expect(log).toMatch(new RegExp(`^  Database       ${escape(path.join(dataDir, 'app.db'))}$`, 'm'));
    expect(log).toMatch(
      new RegExp(`^  API key        ik_\\S+   \\(kept in ${escape(path.join(dataDir, 'api-key'))}\\)$`, 'm'),
    );
    expect(log).not.toContain('data/temporal.db');

    start.child.kill('SIGINT'); // Ctrl-C
    await exited(start.child);
    expect(start.child.exitCode).toBe(0);
    expect(groupAlive(start.child.pid!)).toBe(false); // dev server, worker and API all stopped
    expect(await portTaken(temporal, '127.0.0.1')).toBeUndefined();
    expect(await portTaken(api)).toBeUndefined();
  } finally {
    killGroup(start.child.pid!);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(start.logFile, { force: true });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
