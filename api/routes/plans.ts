import type { PrismaClient } from '@prisma/client';
import { Router } from 'express';
import type { Plan } from '../../domain/plan-schema';
import type { PlanCatalog } from '../../plans/catalog';
import { planFigures, readPlanStatsRows } from '../../storage/plan-stats';
import { HttpError } from '../errors';
import { planStatsAnswer } from '../plan-stats-answer';
import type { PlanList, PlanStats } from '../responses';

export interface PlanRouterDeps {
  catalog: PlanCatalog;
  prisma: PrismaClient;
}

/**
 * The plan catalog as integrators choose from it: a summary list, and each plan whole; and how each plan
 * fares across its incidents.
 */
export function planRouter({ catalog, prisma }: PlanRouterDeps): Router {
  const router = Router();

  const planFor = (planId: string): Plan => {
    const plan = catalog.get(planId);
    if (!plan) throw new HttpError(404, 'not-found', `no plan ${planId}`);
    return plan;
  };

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
    res.json(planFor(req.params.planId));
  });
  router.get('/:planId/stats', async (req, res) => {
    const plan = planFor(req.params.planId);
    const body: PlanStats = planStatsAnswer(plan, planFigures(await readPlanStatsRows(prisma, plan.id)));
    res.json(body);
  });
  return router;
}
