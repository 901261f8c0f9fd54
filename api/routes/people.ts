import type { PrismaClient } from '@prisma/client';
import { Router } from 'express';
import type { PlanCatalog } from '../../plans/catalog';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../storage/api-keys';
import {
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  replaceRoles,
  updatePerson,
  type RoleRef,
} from '../../storage/people';
import { requireOperator } from '../auth';
import { HttpError, parseOr400 } from '../errors';
import { issuedKeyAnswer, keySummaryAnswer, personAnswer } from '../people-answers';
import {
  ApiKeyParams,
  CreateApiKeyBody,
  CreatePersonBody,
  PersonParams,
  ReplaceRolesBody,
  UpdatePersonBody,
} from '../people-schemas';
import type { ApiKeyList, PersonList } from '../responses';
import { bodyRolePath, roleProblems } from '../role-check';

export interface PeopleRouterDeps {
  prisma: PrismaClient;
  catalog: PlanCatalog;
}

const noPerson = (id: string) => new HttpError(404, 'not-found', `no person ${id}`);

/**
 * People, their plan roles and their API keys: the installation's administration, so operator keys
 * only. Answers never carry a webhook secret, only whether one is set.
 */
export function peopleRouter({ prisma, catalog }: PeopleRouterDeps): Router {
  const router = Router();
  router.use(requireOperator);

  function checkRoles(roles: RoleRef[], what: string): void {
    const problems = roleProblems(catalog, roles, bodyRolePath);
    const first = problems[0];
    if (first) {
      throw new HttpError(400, 'invalid-request', `invalid ${what}: ${first.path}: ${first.issue}`, problems);
    }
  }

  router.get('/', async (_req, res) => {
    const body: PersonList = { items: (await listPeople(prisma)).map(personAnswer) };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    const { roles, ...person } = parseOr400(CreatePersonBody, req.body, 'person');
    checkRoles(roles, 'person');
    const created = await createPerson(prisma, person, roles);
    if (created === 'exists') {
      throw new HttpError(409, 'person-exists', `a person with id ${person.id} exists`, [
        { path: 'id', issue: 'taken: ids are recorded as actors and are never reused' },
      ]);
    }
    res.status(201).json(personAnswer(created));
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    const person = await getPerson(prisma, id);
    if (!person) throw noPerson(id);
    res.json(personAnswer(person));
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    const patch = parseOr400(UpdatePersonBody, req.body, 'person');
    const person = await updatePerson(prisma, id, patch);
    if (!person) throw noPerson(id);
    res.json(personAnswer(person));
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    if (!(await deletePerson(prisma, id))) throw noPerson(id);
    res.status(204).end();
  });

  router.put('/:id/roles', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    const { roles } = parseOr400(ReplaceRolesBody, req.body, 'roles');
    checkRoles(roles, 'roles');
    const person = await replaceRoles(prisma, id, roles);
    if (!person) throw noPerson(id);
    res.json(personAnswer(person));
  });

  router.get('/:id/api-keys', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    if (!(await getPerson(prisma, id))) throw noPerson(id);
    const body: ApiKeyList = { items: (await listApiKeys(prisma, id)).map(keySummaryAnswer) };
    res.json(body);
  });

  router.post('/:id/api-keys', async (req, res) => {
    const { id } = parseOr400(PersonParams, req.params, 'path');
    const { label } = parseOr400(CreateApiKeyBody, req.body, 'API key');
    const issued = await issueApiKey(prisma, id, label);
    if (!issued) throw noPerson(id);
    // The only time the key is shown: only its SHA-256 is kept.
    res.status(201).json(issuedKeyAnswer(issued));
  });

  router.delete('/:id/api-keys/:keyId', async (req, res) => {
    const { id, keyId } = parseOr400(ApiKeyParams, req.params, 'path');
    if (!(await revokeApiKey(prisma, id, keyId))) {
      throw new HttpError(404, 'not-found', `${id} has no active key ${keyId}`);
    }
    res.status(204).end();
  });

  return router;
}
