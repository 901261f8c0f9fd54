import { Router } from 'express';
import type { PlanCatalog } from '../../plans/catalog';
import { HttpError } from '../errors';
import type { PlanList } from '../responses';

/** The plan catalog as integrators choose from it: a summary list, and each plan whole. */
export function planRouter(catalog: PlanCatalog): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: PlanList = {
      plans: catalog.list().map((p) => ({
        id: p.id,
        version: p.version,
        title: p.title,
        levels: p.levels.map((l) => ({
          id: l.id,
          names: l.names,
          ...(l.colour ? { colour: l.colour } : {}),
        })),
        suggestsLevelFromMetrics: p.levels.some((l) => l.thresholds),
      })),
    };
    res.json(body);
  });
  router.get('/:planId', (req, res) => {
    const plan = catalog.get(req.params.planId);
    if (!plan) throw new HttpError(404, 'not-found', `no plan ${req.params.planId}`);
    res.json(plan);
  });
  return router;
}
