import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { type Words } from '../../domain/words';
import { reviewPage as w } from '../../domain/page-words';
import type { PlanCatalog } from '../../plans/catalog';
import { findKeyHolder } from '../../storage/api-keys';
import { requireApiKey } from '../auth';
import { invalid, reportOf } from '../errors';
import { incidentReview } from '../incident-review';
import { IncidentParams } from '../schemas';
import { html } from './html';
import { langOf, say, sendPage, setPageHeaders, type Lang } from './layout';
import { reviewDocument, reviewRunningHead } from './review-page';

// The after-action review as a page (GET /incidents/:id/review): the same review the JSON API answers,
// drawn for people to read on screen and print. A history the code cannot explain is a 409 page that
// says which run and event diverged and explains nothing else.

export interface ReviewPageDeps {
  client: Client;
  prisma: PrismaClient;
  catalog: PlanCatalog;
  apiKeys: string[];
}

export function reviewRouter(deps: ReviewPageDeps): Router {
  const router = Router();
  // Someone signed in to the office's pages reads it in their browser; a script sends an /api key.
  const bearer = requireApiKey(deps.apiKeys, (hash) => findKeyHolder(deps.prisma, hash));
  const auth: RequestHandler = (req, res, next) => (res.locals.viewer ? next() : bearer(req, res, next));

  const problem = (res: Response, status: number, lang: Lang, title: Words, text: string) =>
    sendPage(res, status, {
      lang,
      title: say(title, lang),
      body: html`<p class="hint">${say(w.title, lang)}</p>
        <h1>${say(title, lang)}</h1>
        <section class="problem-page"><p>${text}</p></section>`,
    });

  router.get('/:id/review', auth, async (req, res) => {
    const lang = langOf(req);
    const parsed = IncidentParams.safeParse(req.params);
    if (!parsed.success) throw invalid('path', parsed.error);
    const review = await incidentReview(deps, parsed.data.id);
    setPageHeaders(res, { inlineStyles: [reviewRunningHead(review, lang)] });
    res
      .status(review.replay.consistent ? 200 : 409)
      .send(reviewDocument(review, lang, { stylesheet: 'link' }));
  });

  // A reader gets a page, never a JSON error.
  router.use(((err, req: Request, res, next) => {
    if (res.headersSent) return next(err);
    const lang = langOf(req);
    // Refusals from express's own parts count too: a path that does not percent-decode is the reader's 400.
    const reported = reportOf(err);
    if (reported?.status === 401) {
      res.set('WWW-Authenticate', 'Bearer');
      return problem(res, 401, lang, w.problem.unauthorizedTitle, say(w.problem.unauthorized, lang));
    }
    if (reported?.status === 404) return problem(res, 404, lang, w.problem.notFoundTitle, reported.message);
    if (reported && reported.status >= 400 && reported.status < 500) {
      return problem(res, reported.status, lang, w.problem.badRequestTitle, reported.message);
    }
    console.error('api: review page:', err);
    problem(res, 500, lang, w.problem.unexpectedTitle, say(w.problem.unexpected, lang));
  }) as ErrorRequestHandler);

  return router;
}
