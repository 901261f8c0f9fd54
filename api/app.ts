import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import express from 'express';
import type { PlanCatalog } from '../plans/catalog';
import { findKeyHolder } from '../storage/api-keys';
import { requireApiKey } from './auth';
import { docsRouter } from './docs';
import { errorHandler, unmatchedRequest } from './errors';
import { healthCheck } from '../ops/health';
import { createMetrics } from './metrics';
import { openApiDocument, operations } from './openapi';
import { approveRouter } from './pages/approve-router';
import { BOARD_SCRIPT } from './pages/board-script';
import { officeForms, officeRouter, requireOperatorViewer } from './pages/office-router';
import { peoplePagesRouter } from './pages/people-pages-router';
import { planPagesRouter } from './pages/plan-pages-router';
import { PLAN_STYLES } from './pages/style-plans';
import { PEOPLE_STYLES } from './pages/style-people';
import { readSession, requireSignIn } from './pages/office-session';
import { reviewRouter } from './pages/review-router';
import { signInRouter } from './pages/sign-in-router';
import { OFFICE_STYLES } from './pages/style-office';
import { STYLESHEET } from './pages/style';
import { registeredRoutes } from './route-table';
import { hazardRouter } from './routes/hazards';
import { incidentRouter } from './routes/incidents';
import { linkRouter } from './routes/links';
import { meRouter } from './routes/me';
import { peopleRouter } from './routes/people';
import { planRouter } from './routes/plans';

export interface AppDeps {
  client: Client;
  catalog: PlanCatalog;
  prisma: PrismaClient;
  taskQueue: string;
  /** Set the Incident* search attributes on new incidents (the server must have them registered). */
  searchAttributes: boolean;
  apiKeys: string[];
  /** Resolves when Temporal answers; rejects with the reason otherwise. */
  checkTemporal: () => Promise<void>;
  /** Verifies signed approval links (the worker signs them with the same secret). */
  linkSecret: string;
  /** Where approvers reach the service (PUBLIC_URL): the approval page takes decisions only from it. */
  publicUrl?: string;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = createMetrics({ prisma: deps.prisma, routes: () => registeredRoutes(app) });
  // Built at start: a schema that cannot be documented stops the API here, not at the first request.
  const document = openApiDocument(operations);

  app.use(metrics.observeRequests);
  // Pages for people come before the JSON parser: a browser posts them forms, and whatever else is sent
  // there is answered with a page, not a JSON error.
  app.use('/approve', approveRouter(deps));
  // Who is signed in to the office's pages, when a request carries the session cookie.
  app.use(readSession(deps));
  app.use(signInRouter(deps));
  // The review to read and print: signed in, or the /api key as a bearer header.
  app.use('/incidents', reviewRouter(deps));
  app.use(officeRouter({ ...deps, onIncidentStarted: metrics.incidentStarted }));
  app.use('/plans', requireSignIn, planPagesRouter(deps));
  app.use('/people', requireSignIn, requireOperatorViewer, ...officeForms(deps), peoplePagesRouter(deps));
  const stylesheet = STYLESHEET + OFFICE_STYLES + PEOPLE_STYLES + PLAN_STYLES;
  app.get('/assets/style.css', (_req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
    res.send(stylesheet);
  });
  app.get('/assets/board.js', (_req, res) => {
    res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
    res.send(BOARD_SCRIPT);
  });
  app.use(express.json({ limit: '100kb' }));

  // Outside /api, so no API key: probes, scrapers and people reading the docs do not hold one.
  app.get(
    '/healthz',
    healthCheck({
      temporal: deps.checkTemporal,
      database: async () => {
        await deps.prisma.$queryRawUnsafe('SELECT 1');
      },
    }),
  );
  app.get('/metrics', metrics.expose);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', docsRouter('/openapi.json'));

  // The token in the link is the credential: no API key.
  app.use('/links', linkRouter(deps));

  app.use(
    '/api',
    requireApiKey(deps.apiKeys, (hash) => findKeyHolder(deps.prisma, hash)),
  );
  app.use('/api/me', meRouter(deps));
  app.use('/api/people', peopleRouter(deps));
  app.use('/api/incidents', incidentRouter({ ...deps, onIncidentStarted: metrics.incidentStarted }));
  app.use('/api/plans', planRouter(deps));
  app.use('/api/hazards', hazardRouter({ ...deps, onIncidentStarted: metrics.incidentStarted }));
  // Last of all, so the table holds every route: a known path asked with another method is a 405.
  app.use(unmatchedRequest(registeredRoutes(app)));
  app.use(errorHandler);
  return app;
}
