import type { Client } from '@temporalio/client';
import express from 'express';
import type { PlanCatalog } from '../plans/catalog';
import { requireApiKey } from './auth';
import { errorHandler, HttpError } from './errors';
import { incidentRouter } from './routes/incidents';
import { planRouter } from './routes/plans';

export interface AppDeps {
  client: Client;
  catalog: PlanCatalog;
  taskQueue: string;
  /** Set the Incident* search attributes on new incidents (the server must have them registered). */
  searchAttributes: boolean;
  apiKeys: string[];
  /** Resolves when Temporal answers; rejects with the reason otherwise. */
  checkTemporal: () => Promise<void>;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.checkTemporal();
      res.json({ status: 'ok', temporal: 'ok' });
    } catch (err) {
      res
        .status(503)
        .json({ status: 'unavailable', temporal: err instanceof Error ? err.message : 'unreachable' });
    }
  });

  app.use('/api', requireApiKey(deps.apiKeys));
  app.use('/api/incidents', incidentRouter(deps));
  app.use('/api/plans', planRouter(deps.catalog));
  app.use((req, _res, next) => next(new HttpError(404, 'not-found', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
