import type { PrismaClient } from '@prisma/client';
import { Router } from 'express';
import { getPerson } from '../../storage/people';
import { principalOf } from '../auth';
import { HttpError } from '../errors';
import { personAnswer } from '../people-answers';
import type { Me } from '../responses';

/** GET /api/me: whom the key belongs to and the roles they may act in, so a client can check before acting. */
export function meRouter({ prisma }: { prisma: PrismaClient }): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const principal = principalOf(res);
    if (principal.kind === 'operator') {
      // Operators name the acting person in each input; they hold no plan role themselves.
      const body: Me = { kind: 'operator', keyId: principal.keyId, person: null, roles: [] };
      res.json(body);
      return;
    }
    const person = await getPerson(prisma, principal.personId);
    // Deleted between the key check and this read: the key died with them.
    if (!person) throw new HttpError(401, 'unauthorized', 'unknown API key');
    const { roles, ...rest } = personAnswer(person);
    const body: Me = { kind: 'person', keyId: principal.keyId, person: rest, roles };
    res.json(body);
  });
  return router;
}
