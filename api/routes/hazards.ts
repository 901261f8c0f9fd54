import { Router } from 'express';
import { principalOf } from '../auth';
import { parseOr400 } from '../errors';
import { createHazardRegister, actingPerson, type HazardRegisterDeps } from '../hazard-register';
import {
  CreateHazardBody,
  HazardIncidentBody,
  HazardParams,
  ListHazardsQuery,
  ResolveHazardBody,
  type HazardList,
} from '../hazard-schemas';
import { refuseQuery } from '../incident-list-query';

/**
 * P4's hazard register (隐患排查): report an entry of 网络舆情隐患排查表, list the register, resolve an entry,
 * and turn one that broke out into an incident.
 */
export function hazardRouter(deps: HazardRegisterDeps): Router {
  const router = Router();
  const register = createHazardRegister(deps);

  router.get('/', async (req, res) => {
    const parsed = ListHazardsQuery.safeParse(req.query);
    if (!parsed.success) refuseQuery(parsed.error);
    const body: HazardList = { items: await register.list(parsed.data) };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    const body = parseOr400(CreateHazardBody, req.body, 'hazard entry');
    const reporter = actingPerson(principalOf(res), body.reporter, 'reporter');
    res.status(201).json(await register.report(body, reporter));
  });

  router.post('/:id/resolve', async (req, res) => {
    const { id } = parseOr400(HazardParams, req.params, 'path');
    const body = parseOr400(ResolveHazardBody, req.body ?? {}, 'request body');
    res.json(await register.resolve(id, body, actingPerson(principalOf(res), body.by, 'by')));
  });

  router.post('/:id/incident', async (req, res) => {
    const { id } = parseOr400(HazardParams, req.params, 'path');
    const body = parseOr400(HazardIncidentBody, req.body, 'request body');
    res.status(201).json(await register.toIncident(id, body, actingPerson(principalOf(res), body.by, 'by')));
  });

  return router;
}
