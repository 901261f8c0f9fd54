import type { Plan } from '../domain/plan-schema';
import { NO_STEP_FIGURES, type PlanFigures } from '../storage/plan-stats';
import type { PlanStats } from './responses';

// The projection's figures in the order and words of the plan as the catalog holds it now: every level
// and every step, those no incident reached included, so a clause nobody has kept yet shows as zero.

export function planStatsAnswer(plan: Plan, figures: PlanFigures): PlanStats {
  return {
    planId: plan.id,
    planVersion: plan.version,
    incidents: {
      total: figures.incidents.total,
      byLevel: plan.levels.map((l) => ({
        level: l.id,
        names: l.names,
        count: figures.incidents.byLevel.get(l.id) ?? 0,
      })),
      byStatus: figures.incidents.byStatus,
      breached: figures.incidents.breached,
    },
    steps: plan.steps.map((s) => ({
      stepId: s.id,
      title: s.title,
      kind: s.kind,
      ...(figures.steps.get(s.id) ?? NO_STEP_FIGURES),
    })),
  };
}
