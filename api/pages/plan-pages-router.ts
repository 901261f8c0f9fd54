import type { PrismaClient } from '@prisma/client';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { planPages as w } from '../../domain/page-words';
import type { PlanCatalog } from '../../plans/catalog';
import { planFigures, readPlanStatsRows } from '../../storage/plan-stats';
import { planStatsAnswer } from '../plan-stats-answer';
import { html } from './html';
import { langOf, say, type Lang } from './layout';
import { sendOfficePage } from './office-layout';
import { planBody, planListBody } from './plan-page';

// The office's plan pages, mounted at /plans behind the session middleware (which sets the viewer and
// the form token): the catalog, and each plan whole with its figures from the projection.

export interface PlanPagesDeps {
  catalog: PlanCatalog;
  prisma: PrismaClient;
}

/** The same page in the other language: this path, with only ?lang= in its query. */
function switchHref(req: Request, lang: Lang): string {
  const path = `${req.baseUrl}${req.path}`.replace(/(.)\/$/, '$1');
  return `${path}?lang=${lang === 'zh' ? 'en' : 'zh'}`;
}

export function planPagesRouter({ catalog, prisma }: PlanPagesDeps): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const lang = langOf(req);
    sendOfficePage(res, 200, {
      lang,
      title: say(w.title, lang),
      here: 'plans',
      body: planListBody(catalog.list(), lang),
      switchHref: switchHref(req, lang),
      wide: true,
    });
  });

  router.get('/:planId', async (req, res) => {
    const lang = langOf(req);
    const plan = catalog.get(req.params.planId);
    if (!plan) {
      return sendOfficePage(res, 404, {
        lang,
        title: say(w.notFoundTitle, lang),
        here: 'plans',
        body: html`<div class="plan-page">
          <h1>${say(w.notFoundTitle, lang)}</h1>
          <p class="problem">${say(w.notFound(req.params.planId), lang)}</p>
          <p><a href="${lang === 'en' ? '/plans?lang=en' : '/plans'}">${say(w.backToList, lang)}</a></p>
        </div>`,
        switchHref: switchHref(req, lang),
      });
    }
    const figures = planStatsAnswer(plan, planFigures(await readPlanStatsRows(prisma, plan.id)));
    sendOfficePage(res, 200, {
      lang,
      title: `${say(plan.title, lang)} · ${say(w.title, lang)}`,
      here: 'plans',
      body: planBody(plan, figures, lang),
      switchHref: switchHref(req, lang),
      wide: true,
    });
  });

  // A reader gets a page, never a JSON error.
  router.use(((err, req: Request, res: Response, next) => {
    if (res.headersSent) return next(err);
    console.error('api: plan page:', err);
    const lang = langOf(req);
    sendOfficePage(res, 500, {
      lang,
      title: say(w.unexpectedTitle, lang),
      here: 'plans',
      body: html`<div class="plan-page">
        <h1>${say(w.unexpectedTitle, lang)}</h1>
        <p class="problem">${say(w.unexpected, lang)}</p>
      </div>`,
      switchHref: switchHref(req, lang),
    });
  }) as ErrorRequestHandler);

  return router;
}
