import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exited } from '../../scripts/temporal-dev-server';
import { startBuilt } from '../helpers/processes';

test('the API refuses to start with a broken PEOPLE_FILE and names the file, the place and the problem', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'broken-people-'));
  const file = path.join(dir, 'people.json');
  writeFileSync(
    file,
    JSON.stringify({
      people: [
        {
          id: 'li-jianguo',
          name: '李建国',
          roles: [{ planId: 'p1-acheng-agriculture', role: 'party-group' }],
        },
        { id: 'chen-jing', name: '陈静', roles: [{ planId: 'p1-acheng-agriculture', role: 'secretary' }] },
      ],
    }),
  );

  const api = startBuilt(
    'api/main.js',
    {
      PEOPLE_FILE: file,
      API_KEYS: 'broken-people-key-0123456789',
      // Unreachable on purpose: the file must be refused before anything is contacted.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATA_DIR: dir,
    },
    path.join(dir, 'api.log'),
  );
  await exited(api.child);
  expect(api.child.exitCode).toBe(2);
  const log = api.log();
  expect(log).toContain(`people file ${file} refused`);
  expect(log).toContain('people[1].roles[0].role: plan p1-acheng-agriculture has no role "secretary"');
  expect(log).not.toMatch(/\n\s+at /); // a message, not a stack trace
});
