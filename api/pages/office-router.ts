import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { ownersOf } from '../../domain/plan-reading';
import type { Plan } from '../../domain/plan-schema';
import { type Words } from '../../domain/words';
import {
  boardPage,
  hazardPages,
  incidentPage,
  intakePage,
  peoplePages,
  signInPage,
} from '../../domain/page-words';
import { suggestLevel } from '../../engine/levels';
import type { PlanCatalog } from '../../plans/catalog';
import { listBoard, type BoardPosition } from '../../storage/board';
import { listHazards, OPEN_HAZARD_STATUSES } from '../../storage/hazards';
import { namesOf } from '../../storage/people';
import { requireRole } from '../acting-person';
import { HttpError, reportOf } from '../errors';
import { executeInput } from '../execute-input';
import { createHazardRegister } from '../hazard-register';
import { CreateHazardBody } from '../hazard-schemas';
import { incidentAnswer, incidentPlan } from '../incident-answer';
import { createIntake, type IntakeDeps } from '../intake';
import { CreateIncidentBody, IncidentParams } from '../schemas';
import { inputFailure } from '../temporal-errors';
import { boardBody, boardRows, type BoardQuery, type BoardView } from './board-page';
import { hazardFormBody, hazardSection, type HazardForm } from './hazard-page';
import { html, toText } from './html';
import { incidentBody, type TimelineFilter } from './incident-page';
import { beijingIso, bodyFromForm, formByName, offers } from './input-forms';
import { intakeBody, METRICS, type IntakeForm } from './intake-page';
import { langOf, say, type Lang } from './layout';
import { csrfField, sendOfficePage, viewerOf, type Viewer } from './office-layout';
import { formIsOurs, requireSignIn, type SessionDeps } from './office-session';

// The office's pages behind sign-in: the board, an incident with the forms its viewer may use, and
// intake. Every form carries the session's token (checked here before anything is done); what a form
// asks of an incident goes through the same input routes, checks and workflow updates as the JSON API.

export interface OfficeDeps extends SessionDeps, IntakeDeps {
  client: Client;
  prisma: PrismaClient;
  catalog: PlanCatalog;
}

const BOARD_PAGE = 25;
/** Open hazard register entries under the board: the soonest deadlines (GET /api/hazards has them all). */
const BOARD_HAZARDS = 50;

const other = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');

/** The same path in the other language. */
function switchHref(req: Request, lang: Lang): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('lang', other(lang));
  return `${url.pathname}${url.search}`;
}

function boardQuery(req: Request, plans: Map<string, Plan>): BoardQuery {
  const q = req.query as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined);
  const status = q.status === 'open' || q.status === 'aftercare' ? q.status : undefined;
  const planId = str(q.planId);
  return {
    status,
    planId: planId !== undefined && plans.has(planId) ? planId : undefined,
    level: str(q.level),
    breached: q.breached === '1' ? true : undefined,
    mine: q.mine === '1' ? true : undefined,
    q: str(q.q),
  };
}

const encodePosition = (p: BoardPosition) =>
  Buffer.from(JSON.stringify([p.urgentAt?.getTime() ?? null, p.id])).toString('base64url');

function decodePosition(s: unknown): BoardPosition | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    const [t, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'string' || (t !== null && typeof t !== 'number')) return undefined;
    return { urgentAt: t === null ? null : new Date(t), id };
  } catch {
    return undefined;
  }
}

/** Per plan, the steps the viewer's roles act on: owner, an approver, or a recipient of nothing. */
function myStepsByPlan(viewer: Viewer, plans: Plan[]) {
  if (viewer.kind !== 'person') return [];
  return plans.map((plan) => {
    const roles = new Set(
      viewer.roles.filter((r) => r.planId === plan.id || r.planId === '*').map((r) => r.role),
    );
    const stepIds = plan.steps
      .filter((s) =>
        s.kind === 'approval' ? s.approvers.some((a) => roles.has(a)) : ownersOf(s).some((o) => roles.has(o)),
      )
      .map((s) => s.id);
    return { planId: plan.id, stepIds };
  });
}

function rolesIn(viewer: Viewer, planId: string): string[] {
  if (viewer.kind !== 'person') return [];
  return [...new Set(viewer.roles.filter((r) => r.planId === planId || r.planId === '*').map((r) => r.role))];
}

/** A refusal of the office's own, as a page. */
function refusedPage(req: Request, res: Response, status: number, title: Words, text: Words): void {
  const lang = langOf(req);
  sendOfficePage(res, status, {
    lang,
    title: say(title, lang),
    here: 'board',
    body: html`<h1>${say(title, lang)}</h1>
      <p>${say(text, lang)}</p>`,
    switchHref: switchHref(req, lang),
  });
}

/** Parses an office form and lets it through only with the session's token, from our own page. */
export function officeForms(deps: { publicUrl?: string }): RequestHandler[] {
  const parse = express.urlencoded({ extended: false, limit: '50kb' });
  return [
    (req, res, next) => (req.method === 'POST' ? parse(req, res, next) : next()),
    (req, res, next) => {
      if (req.method !== 'POST' || formIsOurs(req, res, deps.publicUrl)) return next();
      refusedPage(req, res, 403, signInPage.crossSiteTitle, signInPage.crossSite);
    },
  ];
}

/** People administration: operators only. */
export const requireOperatorViewer: RequestHandler = (req, res, next) => {
  if (viewerOf(res).kind === 'operator') return next();
  refusedPage(req, res, 403, peoplePages.operatorsOnlyTitle, peoplePages.operatorsOnly);
};

export function officeRouter(deps: OfficeDeps): Router {
  const router = Router();
  const intake = createIntake(deps);
  const hazards = createHazardRegister(deps);
  const planMap = () => new Map(deps.catalog.list().map((p) => [p.id, p]));

  // Every page needs a signed-in viewer; every post our page's token and origin, or nothing happens.
  const post = [requireSignIn, ...officeForms(deps)];

  async function boardView(req: Request, res: Response): Promise<BoardView> {
    const plans = planMap();
    const query = boardQuery(req, plans);
    const after = decodePosition(req.query.after);
    const page = await listBoard(
      deps.prisma,
      {
        ...query,
        mine: query.mine ? myStepsByPlan(viewerOf(res), [...plans.values()]) : undefined,
      },
      { limit: BOARD_PAGE, after },
    );
    const url = new URL(req.originalUrl, 'http://x');
    url.searchParams.delete('fragment');
    const nextUrl = new URL(url);
    if (page.next) nextUrl.searchParams.set('after', encodePosition(page.next));
    const firstUrl = new URL(url);
    firstUrl.searchParams.delete('after');
    const now = Date.now();
    // The register is the office's own list, not an incident filter: shown on the first page only.
    const openHazards = after
      ? undefined
      : await listHazards(deps.prisma, { status: OPEN_HAZARD_STATUSES }, BOARD_HAZARDS);
    return {
      rows: page.items,
      plans,
      query,
      now,
      nextHref: page.next ? `/${nextUrl.search}` : undefined,
      firstHref: after ? `/${firstUrl.search}` : undefined,
      hazards: openHazards ? hazardSection(openHazards, now, langOf(req)) : undefined,
    };
  }

  router.get('/', requireSignIn, async (req, res) => {
    const lang = langOf(req);
    const view = await boardView(req, res);
    if (req.query.fragment === 'rows') {
      res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.send(toText(boardRows(view, lang)));
      return;
    }
    const rowsUrl = new URL(req.originalUrl, 'http://x');
    rowsUrl.searchParams.set('fragment', 'rows');
    rowsUrl.searchParams.set('lang', lang);
    sendOfficePage(res, 200, {
      lang,
      title: say(boardPage.title, lang),
      here: 'board',
      body: boardBody(view, lang, `/${rowsUrl.search}`),
      switchHref: switchHref(req, lang),
      wide: true,
      script: '/assets/board.js',
    });
  });

  // Intake.
  const showIntake = (
    req: Request,
    res: Response,
    status: number,
    lang: Lang,
    values: IntakeForm,
    extra: { problem?: Words; suggestion?: Words } = {},
  ) =>
    sendOfficePage(res, status, {
      lang,
      title: say(intakePage.title, lang),
      here: 'new',
      body: intakeBody(deps.catalog.list(), values, { lang, csrf: csrfField(res), ...extra }),
      switchHref: switchHref(req, lang),
    });

  router.get('/incidents/new', requireSignIn, (req, res) => {
    showIntake(req, res, 200, langOf(req), { metrics: {} });
  });

  router.post('/incidents/new', ...post, async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const lang: Lang = b.lang === 'en' ? 'en' : 'zh';
    const s = (k: string) => (typeof b[k] === 'string' ? b[k].trim() : '');
    const metrics = Object.fromEntries(
      METRICS.filter((k) => s(`metrics.${k}`) !== '').map((k) => [k, s(`metrics.${k}`)]),
    );
    const [levelPlan, level] = s('level').includes(':') ? s('level').split(':') : [undefined, undefined];
    const values: IntakeForm = {
      planId: s('planId'),
      title: s('title'),
      summary: s('summary'),
      ...(level ? { level } : {}),
      platform: s('platform'),
      url: s('url'),
      occurredAt: s('occurredAt'),
      flags: [b.flags].flat().filter((f): f is string => typeof f === 'string'),
      metrics,
    };
    const plan = deps.catalog.get(values.planId ?? '');
    const numbers = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number(v)]));
    if (b.suggest === '1' && plan) {
      const suggested = suggestLevel(plan, numbers);
      const name = plan.levels.find((l) => l.id === suggested)?.names;
      return showIntake(req, res, 200, lang, values, {
        suggestion: name ? intakePage.suggested(name) : intakePage.noSuggestion,
      });
    }
    if (levelPlan !== undefined && levelPlan !== values.planId) {
      return showIntake(req, res, 422, lang, values, { problem: intakePage.levelOtherPlan });
    }
    const flags = (values.flags ?? []).map((f) => f.split(':'));
    if (flags.some(([planId]) => planId !== values.planId)) {
      return showIntake(req, res, 422, lang, values, { problem: intakePage.flagsOtherPlan });
    }
    const viewer = viewerOf(res);
    const body = {
      planId: values.planId,
      title: values.title,
      summary: values.summary,
      reporter: viewer.kind === 'person' ? viewer.personId : viewer.name,
      ...(level ? { level } : {}),
      ...(Object.keys(numbers).length > 0 ? { metrics: numbers } : {}),
      ...(values.platform
        ? { source: { platform: values.platform, ...(values.url ? { url: values.url } : {}) } }
        : {}),
      ...(values.occurredAt ? { occurredAt: beijingIso(values.occurredAt) } : {}),
      ...(flags.length > 0 ? { flags: flags.map(([, flag]) => flag) } : {}),
    };
    try {
      const parsed = CreateIncidentBody.safeParse(body);
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        return showIntake(req, res, 422, lang, values, {
          problem: incidentPage.badField(i.path.join('.') || '(form)', i.message),
        });
      }
      const { answer } = await intake(parsed.data, undefined);
      res.redirect(303, `/incidents/${answer.id}${lang === 'en' ? '?lang=en' : ''}`);
    } catch (err) {
      const r = reportOf(err);
      if (!r || r.status >= 500) throw err;
      return showIntake(req, res, 422, lang, values, { problem: { zh: r.message, en: r.message } });
    }
  });

  // The hazard register: one row of 网络舆情隐患排查表 (P4 附件3) at a time.
  const showHazardForm = (
    req: Request,
    res: Response,
    status: number,
    lang: Lang,
    values: HazardForm,
    problem?: Words,
  ) =>
    sendOfficePage(res, status, {
      lang,
      title: say(hazardPages.add, lang),
      here: 'board',
      body: hazardFormBody(values, { lang, csrf: csrfField(res), problem }),
      switchHref: switchHref(req, lang),
    });

  router.get('/hazards/new', requireSignIn, (req, res) => {
    showHazardForm(req, res, 200, langOf(req), {});
  });

  router.post('/hazards/new', ...post, async (req, res) => {
    const b = req.body as Record<string, unknown>;
    const lang: Lang = b.lang === 'en' ? 'en' : 'zh';
    const s = (k: string) => (typeof b[k] === 'string' ? b[k].trim() : '');
    const values: HazardForm = {
      section: s('section'),
      hazard: s('hazard'),
      offlineMeasure: s('offlineMeasure'),
      onlineMeasure: s('onlineMeasure'),
      resolveBy: s('resolveBy'),
    };
    const parsed = CreateHazardBody.safeParse({ ...values, resolveBy: beijingIso(values.resolveBy ?? '') });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      const field = String(i.path[0] ?? '');
      const name = field in hazardPages ? hazardPages[field as keyof HazardForm] : { zh: field, en: field };
      return showHazardForm(req, res, 422, lang, values, hazardPages.badField(name, i.message));
    }
    const viewer = viewerOf(res);
    await hazards.report(parsed.data, viewer.kind === 'person' ? viewer.personId : viewer.name);
    // Post, redirect, get: the board lists the entry once its workflow has stored it, in moments.
    res.redirect(303, `/${lang === 'en' ? '?lang=en' : ''}#hazards`);
  });

  // One incident.
  async function showIncident(
    req: Request,
    res: Response,
    id: string,
    lang: Lang,
    status: number,
    flash?: { ok: boolean; words: Words; detail?: string },
  ) {
    const viewer = viewerOf(res);
    const answer = await incidentAnswer(deps, id);
    const plan = await incidentPlan(deps, answer);
    if (!plan) throw new HttpError(404, 'not-found', `plan ${answer.planId} is not in the catalog`);
    const now = Date.now();
    const actors = answer.timeline.flatMap((e) => (e.actor ? [e.actor] : []));
    const live = answer.source === 'workflow' ? answer : undefined;
    const deciders = live
      ? Object.values(live.steps).flatMap((s) => [
          ...(s.decisions ?? []).map((d) => d.by),
          ...(s.doneBy ? [s.doneBy] : []),
        ])
      : [];
    const names = await namesOf(deps.prisma, [...new Set([...actors, ...deciders])]);
    const filter: TimelineFilter =
      req.query.events === 'human' || req.query.events === 'system' ? req.query.events : 'all';
    const q = lang === 'en' ? '?lang=en' : '';
    sendOfficePage(res, status, {
      lang,
      title: `${answer.incident.title} · ${say(boardPage.title, lang)}`,
      here: 'incident',
      wide: true,
      switchHref: switchHref(req, lang),
      body: incidentBody(
        {
          answer,
          plan,
          offers: live ? offers(live, plan, rolesIn(viewer, plan.id), now) : [],
          operator: viewer.kind === 'operator',
          names,
          filter,
          csrf: csrfField(res),
          now,
          flash,
        },
        lang,
        { self: `/incidents/${id}${q}`, action: (name) => `/incidents/${id}/do/${name}` },
      ),
    });
  }

  router.get('/incidents/:id', requireSignIn, async (req, res, next) => {
    const parsed = IncidentParams.safeParse(req.params);
    // Not an incident id (e.g. "new" is handled above): someone else's route.
    if (!parsed.success) return next();
    const done = req.query.done === '1' ? { ok: true, words: incidentPage.accepted } : undefined;
    await showIncident(req, res, parsed.data.id, langOf(req), 200, done);
  });

  router.post('/incidents/:id/do/:input', ...post, async (req, res) => {
    const posted = req.body as Record<string, unknown>;
    const lang: Lang = posted.lang === 'en' ? 'en' : 'zh';
    const checked = IncidentParams.safeParse({ id: req.params.id });
    if (!checked.success) throw new HttpError(404, 'not-found', `no incident ${String(req.params.id)}`);
    const { id } = checked.data;
    const inputName = String(req.params.input);
    const f = formByName(inputName);
    if (!f) throw new HttpError(404, 'not-found', `no input ${inputName}`);
    const viewer = viewerOf(res);
    if (viewer.kind !== 'person') {
      return showIncident(req, res, id, lang, 403, { ok: false, words: incidentPage.operatorNoActions });
    }
    const { params, body } = bodyFromForm(f, posted);
    try {
      const parsed = f.route.parse({ id, ...params }, body);
      await requireRole(deps, viewer.personId, id, parsed.actor.role);
      const actor = { id: viewer.personId, role: parsed.actor.role };
      await executeInput(deps.client, id, f.route.input.update, parsed.withActor(actor));
    } catch (raw) {
      const err =
        raw instanceof HttpError && raw.status === 409 ? raw : await inputFailure(deps.prisma, raw, id);
      const r = reportOf(err);
      if (!r || r.status >= 500) throw err;
      const words =
        incidentPage.refusals[r.code as keyof typeof incidentPage.refusals] ??
        (r.details[0]
          ? incidentPage.badField(r.details[0].path, r.details[0].issue)
          : { zh: r.message, en: r.message });
      return showIncident(req, res, id, lang, r.status === 409 ? 409 : 422, {
        ok: false,
        words,
        detail: r.message,
      });
    }
    // Post, redirect, get: a reload does not send the form again.
    res.redirect(303, `/incidents/${id}?done=1${lang === 'en' ? '&lang=en' : ''}#do`);
  });

  // Only the office's own failures: an error from a route before this router (any path passes through
  // it) goes on to the handler that owns it. A person sees a page, never the API's JSON: Temporal busy
  // or out of reach is a 503 page with Retry-After, anything unexpected a 500 page, logged.
  router.use(((err, req: Request, res: Response, next) => {
    if (res.headersSent || !res.locals.viewer) return next(err);
    const lang = langOf(req);
    const r = reportOf(err);
    if (r && r.status < 500) {
      return sendOfficePage(res, r.status, {
        lang,
        title: say(incidentPage.refusedTitle, lang),
        here: 'board',
        body: html`<h1>${say(incidentPage.refusedTitle, lang)}</h1>
          <p>${r.message}</p>`,
        switchHref: switchHref(req, lang),
      });
    }
    if (!r) console.error('api: office page:', err);
    else res.set('Retry-After', String(r.retryAfterS ?? 1));
    const title = say(r ? incidentPage.unavailableTitle : incidentPage.refusedTitle, lang);
    sendOfficePage(res, r?.status ?? 500, {
      lang,
      title,
      here: 'board',
      body: html`<h1>${title}</h1>
        <p>${say(r ? incidentPage.unavailable : incidentPage.unexpected, lang)}</p>`,
      switchHref: switchHref(req, lang),
    });
  }) as ErrorRequestHandler);

  return router;
}
