import { z } from 'zod';
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { type Words } from '../../domain/words';
import { approvalPage as w } from '../../domain/page-words';
import { HttpError } from '../errors';
import { checkedLink, type LinkCheckDeps } from '../link-checks';
import { decideByLink, viaOf, type LinkChoice } from '../link-decision';
import { approvalFacts, type ApprovalDeps } from './approval-facts';
import { fromOurPage } from './office-session';
import { decisionPage, outcomePage, problemPage, settledPage } from './approval-page';
import type { Html } from './html';
import { langOf, say, sendPage, type Lang } from './layout';
import { rateLimit } from '../rate-limit';

// The page an approver reaches from the link in their message (PUBLIC_URL/approve/<token>). The token
// is the credential; a GET only shows (link scanners in mail and chat clients open links), a POST
// decides through the same path as the JSON endpoint, and the page says only what the workflow stored.

export interface ApproveDeps extends ApprovalDeps, LinkCheckDeps {
  /** Where approvers reach the service; a decision posted from any other origin is refused. */
  publicUrl?: string;
}

/** The page's form, as the browser posts it; checked by hand so a bad post gets the page back, not JSON. */
export const ApprovalForm = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(10_000).optional(),
  lang: z.enum(['zh', 'en']).optional(),
});

/** Tries per token and per address within ten minutes: enough for a person, not for a script. */
const TRIES_PER_TOKEN = 10;
const TRIES_PER_ADDRESS = 60;
const WINDOW_MS = 10 * 60_000;

/** What a link that cannot be used answers: the status, and words that do not help a forger. */
function linkProblem(err: HttpError): { status: number; title: Words; text: Words } {
  switch (err.code) {
    case 'link-expired':
      return { status: 410, title: w.linkExpiredTitle, text: w.linkExpired };
    case 'person-inactive':
    case 'role-not-assigned':
      return { status: 403, title: w.notAllowedTitle, text: w.notAllowed };
    default:
      return { status: err.status === 404 ? 404 : 401, title: w.linkInvalidTitle, text: w.linkInvalid };
  }
}

export function approveRouter(deps: ApproveDeps): Router {
  const router = Router();
  const perToken = rateLimit(TRIES_PER_TOKEN, WINDOW_MS);
  const perAddress = rateLimit(TRIES_PER_ADDRESS, WINDOW_MS);

  const show = (res: Response, status: number, lang: Lang, body: Html) =>
    sendPage(res, status, {
      lang,
      title: say(w.title, lang),
      body,
      switchHref: `?lang=${lang === 'zh' ? 'en' : 'zh'}`,
    });
  const problem = (res: Response, status: number, lang: Lang, title: Words, text: Words) =>
    sendPage(res, status, { lang, title: say(title, lang), body: problemPage(title, text, lang) });

  /** The checked link, or undefined once its problem page is sent. */
  async function linkOrProblem(req: Request, res: Response, lang: Lang) {
    try {
      return await checkedLink(deps, req.params.token);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const p = linkProblem(err);
      problem(res, p.status, lang, p.title, p.text);
      return undefined;
    }
  }

  // A link cut short in the message (no token at all) is a link that is not valid.
  const cutShort: RequestHandler = (req, res) =>
    problem(res, 401, langOf(req), w.linkInvalidTitle, w.linkInvalid);
  router.get('/', cutShort);
  router.post('/', cutShort);

  router.get('/:token', async (req, res) => {
    const lang = langOf(req);
    const checked = await linkOrProblem(req, res, lang);
    if (!checked) return;
    const facts = await approvalFacts(deps, checked.link, checked.person);
    show(res, 200, lang, facts.decidable ? decisionPage(facts, lang) : settledPage(facts, lang));
  });

  router.post('/:token', express.urlencoded({ extended: false, limit: '20kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang: Lang = body.lang === 'en' ? 'en' : body.lang === 'zh' ? 'zh' : langOf(req);
    if (!fromOurPage(req, deps.publicUrl)) return problem(res, 403, lang, w.crossSiteTitle, w.crossSite);
    const wait = perAddress.hit(req.ip ?? '') ?? perToken.hit(req.params.token);
    if (wait !== undefined) {
      res.set('Retry-After', String(wait));
      return problem(res, 429, lang, w.tooManyTitle, w.tooMany);
    }
    const checked = await linkOrProblem(req, res, lang);
    if (!checked) return;
    const facts = await approvalFacts(deps, checked.link, checked.person);
    if (!facts.decidable) return show(res, 200, lang, settledPage(facts, lang));

    const decision = body.decision === 'approve' || body.decision === 'reject' ? body.decision : undefined;
    const comment = typeof body.comment === 'string' ? body.comment.slice(0, 10_000) : '';
    const retry = (problemWords: Words) =>
      show(
        res,
        422,
        lang,
        decisionPage(facts, lang, {
          problem: problemWords,
          comment,
          ...(decision ? { choice: decision } : {}),
        }),
      );
    if (!decision) return retry(w.chooseFirst);
    if (decision === 'reject' && !comment.trim()) return retry(w.commentRequired);

    const choice: LinkChoice = { decision, ...(comment.trim() ? { comment } : {}) };
    const decidedAt = Date.now();
    try {
      const verdict = await decideByLink(deps, checked, choice, viaOf(req));
      const after = await approvalFacts(deps, checked.link, checked.person);
      return show(res, 200, lang, outcomePage(after, lang, choice, verdict, decidedAt));
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 409) throw err;
      // Decided meanwhile (a second submit, another tab), or no longer open: say who decided and when.
      const now = await approvalFacts(deps, checked.link, checked.person);
      return show(res, 200, lang, settledPage(now, lang));
    }
  });

  // An approver sees a page, never a JSON error; the error is logged without the URL (it holds the token).
  router.use(((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const lang = langOf(req);
    // The body parser's own refusals (bad encoding, too large) are the sender's 4xx.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problem(res, status, lang, w.refusedTitle, w.unreadable);
    }
    console.error('api: approval page:', err);
    problem(res, 503, lang, w.unexpectedTitle, w.unexpected);
  }) as ErrorRequestHandler);

  return router;
}
