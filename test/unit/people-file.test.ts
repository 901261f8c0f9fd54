import path from 'node:path';
import { parsePeopleFile, PeopleFileError, readPeopleFile } from '../../api/people-file';
import { loadCatalog } from '../../plans/catalog';
import { repoRoot } from '../../scripts/paths';

const catalog = loadCatalog();
const FILE = '/etc/incidents/people.json';

function refusal(doc: unknown): PeopleFileError {
  try {
    parsePeopleFile(FILE, doc, catalog);
  } catch (err) {
    expect(err).toBeInstanceOf(PeopleFileError);
    return err as PeopleFileError;
  }
  throw new Error('the file was accepted');
}

const person = (extra: object = {}) => ({
  id: 'li-jianguo',
  name: '李建国',
  roles: [{ planId: 'p1-acheng-agriculture', role: 'party-group' }],
  ...extra,
});

describe('people file', () => {
  test('the example in config/ is a valid file for the built-in plans', () => {
    const people = readPeopleFile(path.join(repoRoot, 'config/people.example.json'), catalog);
    expect(people.length).toBeGreaterThan(5);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(people.flatMap((p) => p.roles.map((r) => r.planId))).toEqual(
      expect.arrayContaining(['*', 'p1-acheng-agriculture']),
    );
  });

  test('names the file, the path and the problem for a role the plan does not have', () => {
    const err = refusal({
      people: [person(), person({ id: 'x', roles: [{ planId: 'p1-acheng-agriculture', role: 'mayor' }] })],
    });
    expect(err.message).toMatch(/^people file \/etc\/incidents\/people\.json refused:\n/);
    expect(err.problems).toEqual([
      {
        path: 'people[1].roles[0].role',
        problem: expect.stringContaining('plan p1-acheng-agriculture has no role "mayor"') as string,
      },
    ]);
  });

  test('refuses an unknown plan, a role no plan has under "*", and a duplicate id, all at once', () => {
    const err = refusal({
      people: [
        person({ roles: [{ planId: 'p9', role: 'office' }] }),
        person({ roles: [{ planId: '*', role: 'astronaut' }] }),
      ],
    });
    expect(err.problems.map((p) => p.path)).toEqual([
      'people[0].roles[0].planId',
      'people[1].id',
      'people[1].roles[0].role',
    ]);
    expect(err.problems[1]?.problem).toBe('duplicate id "li-jianguo" (also people[0])');
  });

  test('refuses what the schema refuses, naming the field: a bad webhook format, an unknown field', () => {
    const err = refusal({
      people: [person({ webhook: { url: 'https://hooks.example/x', format: 'slack' }, title: '局长' })],
    });
    expect(err.problems.map((p) => p.path).sort()).toEqual(['people[0]', 'people[0].webhook.format']);
    expect(err.problems.find((p) => p.path === 'people[0]')?.problem).toBe('unknown field(s): title');
  });

  test('says so when the file cannot be read or is not JSON', () => {
    expect(() => readPeopleFile('/nonexistent/people.json', catalog)).toThrow(
      /people file \/nonexistent\/people\.json refused:\n {2}\(file\): cannot read/,
    );
    const err = refusal('not an object');
    expect(err.problems[0]?.path).toBe('(file)');
  });
});
