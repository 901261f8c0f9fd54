import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { type Words } from '../../domain/words';
import { peoplePages as w } from '../../domain/page-words';
import type { PlanCatalog } from '../../plans/catalog';
import { activeKeyCounts, issueApiKey, listApiKeys, revokeApiKey } from '../../storage/api-keys';
import {
  createPerson,
  getPerson,
  listPeople,
  replaceRoles,
  updatePerson,
  type PersonRecord,
} from '../../storage/people';
import { HttpError, reportOf } from '../errors';
import { ApiKeyParams, PersonParams } from '../people-schemas';
import type { Html } from './html';
import { langOf, say, type Lang } from './layout';
import { csrfField, sendOfficePage } from './office-layout';
import {
  emptyForm,
  formOf,
  keyLabelFrom,
  newPersonFrom,
  personChangeFrom,
  readPersonForm,
  type FieldProblem,
  type PersonFormValues,
} from './people-form';
import {
  keyIssuedPage,
  newPersonPage,
  pageHref,
  peopleListPage,
  personPage,
  problemPage,
  testMessagePage,
  type PageContext,
} from './people-pages';
import { sendTestMessage, type TestMessageOutcome } from './test-message';

// The people and roles pages for operators (mounted at /people): the list, adding and changing a
// person, issuing and revoking their keys, and a test message through their channels. Mounted behind
// the office session (res.locals.viewer and csrf), an operator-only check, express.urlencoded and the
// CSRF check, so a POST here arrives parsed and from a signed-in operator's own form. The writes are
// the people API's own storage functions, checked by its own schemas (people-form.ts); success answers
// 303 to a page to GET, so a reload never repeats a change. The one page that must not be reloaded into
// view again, a new key, is answered directly and never stored.

export interface PeoplePagesDeps {
  prisma: PrismaClient;
  catalog: PlanCatalog;
  /** A test message is the worker's to send (see test-message.ts). */
  client: Client;
  taskQueue: string;
  /** How long a test message's page waits for the worker (default 15 s). */
  testMessageWaitMs?: number;
}

const DONE = ['added', 'saved', 'revoked'] as const;
type Done = (typeof DONE)[number];
const doneOf = (q: unknown): Done | undefined => DONE.find((d) => d === q);

/** 502: a receiver or the mail server refused; 409: nobody to send to; 202: the worker is still trying. */
const TEST_STATUS: Record<TestMessageOutcome['kind'] | 'inactive', number> = {
  sent: 200,
  failed: 502,
  'no-channel': 409,
  'no-person': 409,
  inactive: 409,
  pending: 202,
};

const notFound = () => new HttpError(404, 'not-found', 'no such person or key');

export function peoplePagesRouter(deps: PeoplePagesDeps): Router {
  const { prisma, catalog } = deps;
  const router = Router();

  const context = (req: Request, res: Response): PageContext => ({
    lang: langOf(req),
    base: req.baseUrl,
    csrf: csrfField(res),
  });

  /** The same page in the other language, named outright (the browser's own may be the one left). */
  const switchHref = (req: Request, lang: Lang) =>
    `${req.baseUrl}${req.path === '/' ? '' : req.path}?lang=${lang === 'zh' ? 'en' : 'zh'}`;

  function send(req: Request, res: Response, status: number, title: string, body: Html): void {
    const lang = langOf(req);
    sendOfficePage(res, status, { lang, title, here: 'people', body, switchHref: switchHref(req, lang) });
  }

  const redirect = (req: Request, res: Response, path: string, done?: Done) =>
    res.redirect(303, pageHref(req.baseUrl, path, langOf(req), done ? { done } : {}));

  /** The person in the path, or a 404 page: a path that is not a person id names nobody. */
  async function personIn(req: Request): Promise<PersonRecord> {
    const parsed = PersonParams.safeParse({ id: req.params.id });
    const person = parsed.success ? await getPerson(prisma, parsed.data.id) : null;
    if (!person) throw notFound();
    return person;
  }

  async function showPerson(
    req: Request,
    res: Response,
    status: number,
    person: PersonRecord,
    form: {
      values?: PersonFormValues;
      problems?: FieldProblem[];
      keyLabel?: { value: string; problem?: FieldProblem };
    },
  ): Promise<void> {
    const ctx = context(req, res);
    const body = personPage(ctx, catalog, {
      person,
      values: form.values ?? formOf(person),
      problems: form.problems ?? [],
      keys: await listApiKeys(prisma, person.id),
      ...(form.keyLabel ? { keyLabel: form.keyLabel } : {}),
      done: status === 200 ? doneOf(req.query.done) : undefined,
    });
    send(req, res, status, say(w.editTitle(person.name), ctx.lang), body);
  }

  router.get('/', async (req, res) => {
    const lang = langOf(req);
    const [people, keyCounts] = await Promise.all([listPeople(prisma), activeKeyCounts(prisma)]);
    const body = peopleListPage({ lang, base: req.baseUrl }, catalog, people, keyCounts);
    // The table takes the desk's width; the pages with a form stay a readable column.
    sendOfficePage(res, 200, {
      lang,
      title: say(w.title, lang),
      here: 'people',
      body,
      switchHref: switchHref(req, lang),
      wide: true,
    });
  });

  router.get('/new', (req, res) => {
    const ctx = context(req, res);
    send(req, res, 200, say(w.newTitle, ctx.lang), newPersonPage(ctx, catalog, emptyForm(), []));
  });

  router.post('/', async (req, res) => {
    const ctx = context(req, res);
    const { values, secret } = readPersonForm(req.body);
    const again = (status: number, problems: FieldProblem[]) =>
      send(req, res, status, say(w.newTitle, ctx.lang), newPersonPage(ctx, catalog, values, problems));
    const checked = newPersonFrom(values, secret, catalog);
    if (!checked.ok) return again(422, checked.problems);
    const { roles, ...person } = checked.value;
    const created = await createPerson(prisma, person, roles);
    if (created === 'exists') return again(409, [{ field: 'id', problem: 'idTaken' }]);
    redirect(req, res, `/${encodeURIComponent(created.id)}`, 'added');
  });

  router.get('/:id', async (req, res) => {
    await showPerson(req, res, 200, await personIn(req), {});
  });

  router.post('/:id', async (req, res) => {
    const person = await personIn(req);
    const { values, secret } = readPersonForm(req.body);
    const checked = personChangeFrom(values, secret, catalog);
    if (!checked.ok) return showPerson(req, res, 422, person, { values, problems: checked.problems });
    const { patch, roles } = checked.value;
    // Both checked before either is written: a refused form changes nothing.
    const updated = await updatePerson(prisma, person.id, patch);
    if (!updated || !(await replaceRoles(prisma, person.id, roles))) throw notFound();
    redirect(req, res, `/${encodeURIComponent(person.id)}`, 'saved');
  });

  router.post('/:id/keys', async (req, res) => {
    const person = await personIn(req);
    const label = keyLabelFrom(req.body);
    if (!label.ok) {
      return showPerson(req, res, 422, person, {
        keyLabel: { value: label.label, ...(label.problems[0] ? { problem: label.problems[0] } : {}) },
      });
    }
    const issued = await issueApiKey(prisma, person.id, label.value);
    if (!issued) throw notFound();
    const lang = langOf(req);
    // The only time the key is shown (only its digest is kept); the page is never cached (no-store).
    send(req, res, 201, say(w.issuedTitle, lang), keyIssuedPage({ lang, base: req.baseUrl }, person, issued));
  });

  router.post('/:id/keys/:keyId/revoke', async (req, res) => {
    const parsed = ApiKeyParams.safeParse(req.params);
    if (!parsed.success || !(await revokeApiKey(prisma, parsed.data.id, parsed.data.keyId))) {
      throw notFound();
    }
    redirect(req, res, `/${encodeURIComponent(parsed.data.id)}`, 'revoked');
  });

  router.post('/:id/test-message', async (req, res) => {
    const person = await personIn(req);
    // What is known here is not sent for: the worker would refuse it the same way.
    const outcome: TestMessageOutcome | { kind: 'inactive' } = !person.active
      ? { kind: 'inactive' }
      : !person.email && !person.webhook
        ? { kind: 'no-channel' }
        : await sendTestMessage(
            {
              client: deps.client,
              taskQueue: deps.taskQueue,
              ...(deps.testMessageWaitMs === undefined ? {} : { waitMs: deps.testMessageWaitMs }),
            },
            person.id,
          );
    const lang = langOf(req);
    const page = testMessagePage({ lang, base: req.baseUrl }, person, outcome);
    send(req, res, TEST_STATUS[outcome.kind], say(w.test.title, lang), page);
  });

  // An operator gets a page, never a JSON error.
  router.use(((err, req: Request, res, next) => {
    if (res.headersSent) return next(err);
    const lang = langOf(req);
    const ctx = { lang, base: req.baseUrl };
    const page = (status: number, title: Words, text: Words) =>
      send(req, res, status, say(title, lang), problemPage(ctx, title, text));
    // A path that names nobody, or that does not even percent-decode (the router's 400).
    const reported = reportOf(err);
    if (reported && reported.status < 500) return page(reported.status, w.notFoundTitle, w.notFound);
    console.error('api: people pages:', err);
    page(500, w.unexpectedTitle, w.unexpected);
  }) as ErrorRequestHandler);

  return router;
}
