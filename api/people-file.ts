import { readFileSync } from 'node:fs';
import type { PlanCatalog } from '../plans/catalog';
import { PeopleFile, type SeedPerson } from './people-schemas';
import { roleProblems } from './role-check';

export interface PeopleFileProblem {
  path: string;
  problem: string;
}

/** A PEOPLE_FILE the API refuses to start with; the message names the file, each path and its problem. */
export class PeopleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: PeopleFileProblem[],
  ) {
    super(`people file ${file} refused:\n${problems.map((p) => `  ${p.path}: ${p.problem}`).join('\n')}`);
    this.name = 'PeopleFileError';
  }
}

/** `people[2].roles[0].role`: the way the plan catalog names places, so both read alike. */
function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

/** The seed people, validated by the file's schema and then against the plan catalog. */
export function parsePeopleFile(file: string, doc: unknown, catalog: PlanCatalog): SeedPerson[] {
  const parsed = PeopleFile.safeParse(doc);
  if (!parsed.success) {
    throw new PeopleFileError(
      file,
      parsed.error.issues.map((i) => ({
        path: formatPath(i.path) || '(file)',
        problem: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
      })),
    );
  }
  const problems: PeopleFileProblem[] = [];
  const firstIndex = new Map<string, number>();
  parsed.data.people.forEach((person, p) => {
    const earlier = firstIndex.get(person.id);
    if (earlier !== undefined) {
      problems.push({
        path: `people[${p}].id`,
        problem: `duplicate id "${person.id}" (also people[${earlier}])`,
      });
    } else {
      firstIndex.set(person.id, p);
    }
    for (const r of roleProblems(catalog, person.roles, (i, field) => `people[${p}].roles[${i}].${field}`)) {
      problems.push({ path: r.path, problem: r.issue });
    }
  });
  if (problems.length > 0) throw new PeopleFileError(file, problems);
  return parsed.data.people;
}

export function readPeopleFile(file: string, catalog: PlanCatalog): SeedPerson[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PeopleFileError(file, [{ path: '(file)', problem: `cannot read: ${(err as Error).message}` }]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PeopleFileError(file, [
      { path: '(file)', problem: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
  return parsePeopleFile(file, doc, catalog);
}
