import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/paths';
import { exited } from '../../scripts/temporal-dev-server';
import { startBuilt } from '../helpers/processes';

test('the API refuses to start with a broken plan in PLANS_DIR and names the plan, the place and the problem', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'broken-plans-'));
  const plan = JSON.parse(
    readFileSync(path.join(repoRoot, 'test/fixtures/plans/durability-drill.json'), 'utf8'),
  ) as { id: string; steps: { owner?: string }[] };
  plan.id = 'broken-drill';
  plan.steps[2]!.owner = 'nobody';
  const file = path.join(dir, 'broken-drill.json');
  writeFileSync(file, JSON.stringify(plan));

  const api = startBuilt(
    'api/main.js',
    {
      PLANS_DIR: dir,
      API_KEYS: 'broken-plan-key-0123456789',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATA_DIR: dir,
    },
    path.join(dir, 'api.log'),
  );
  await exited(api.child);
  expect(api.child.exitCode).toBe(2);
  const log = api.log();
  expect(log).toContain(`plan ${file} refused`);
  expect(log).toContain('steps[2].owner: unknown role "nobody"');
  expect(log).not.toMatch(/\n\s+at /); // a message, not a stack trace
});
