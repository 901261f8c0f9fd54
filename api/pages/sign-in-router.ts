import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { Client } from '@temporalio/client';
import express, { Router, type Request, type Response } from 'express';
import { type Words } from '../../domain/words';
import { signInPage as w } from '../../domain/page-words';
import { verifySignInToken } from '../../links/sign-in-token';
import { findKeyHolder } from '../../storage/api-keys';
import { getPerson } from '../../storage/people';
import { endAllSessions, endSession, redeemSignInNonce, startSession } from '../../storage/sessions';
import { keyIdentifier } from '../auth';
import { startDirectMessage } from '../direct-message';
import { html, type Html } from './html';
import { langOf, say, sendPage, type Lang } from './layout';
import {
  clearSessionCookie,
  formIsOurs,
  fromOurPage,
  safeNext,
  SESSION_TTL_MS,
  setSessionCookie,
  type SessionDeps,
} from './office-session';
import { rateLimit } from '../rate-limit';

// Signing in to the office's pages: a one-time link sent through the person's own channel, or a key
// typed into the form (a person's key, or an operator's from API_KEYS). A GET of a link only shows who it
// signs in (mail and chat clients open links to preview them); the POST from that page uses it.

export interface SignInDeps extends SessionDeps {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  apiKeys: string[];
}

const LINK_TTL_MS = 15 * 60_000;
const TRIES_PER_ADDRESS = 30;
const WINDOW_MS = 10 * 60_000;

const langField = (lang: Lang) => html`<input type="hidden" name="lang" value="${lang}" />`;

function signInForms(lang: Lang, next: string, note?: Words): Html {
  return html`<h1>${say(w.title, lang)}</h1>
    <p class="hint">${say(w.intro, lang)}</p>
    ${note ? html`<p class="problem" role="alert">${say(note, lang)}</p>` : ''}
    <section aria-labelledby="by-link">
      <h2 id="by-link">${say(w.byLink, lang)}</h2>
      <p class="hint">${say(w.byLinkHint, lang)}</p>
      <form method="post" action="/sign-in/link" class="stack">
        ${langField(lang)}<input type="hidden" name="next" value="${next}" />
        <label for="who">${say(w.who, lang)}</label>
        <input id="who" name="who" type="text" autocomplete="username" required maxlength="200" />
        <button type="submit">${say(w.send, lang)}</button>
      </form>
    </section>
    <section aria-labelledby="by-key">
      <h2 id="by-key">${say(w.byKey, lang)}</h2>
      <form method="post" action="/sign-in/key" class="stack">
        ${langField(lang)}<input type="hidden" name="next" value="${next}" />
        <label for="key">${say(w.key, lang)}</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required maxlength="200" />
        <button type="submit">${say(w.signIn, lang)}</button>
      </form>
    </section>`;
}

const bodyOf = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const langOfForm = (req: Request): Lang => {
  const l = bodyOf(req).lang;
  return l === 'en' || l === 'zh' ? l : langOf(req);
};

export function signInRouter(deps: SignInDeps): Router {
  const router = Router();
  const perAddress = rateLimit(TRIES_PER_ADDRESS, WINDOW_MS);
  const identify = keyIdentifier(deps.apiKeys, (hash) => findKeyHolder(deps.prisma, hash));
  const form = express.urlencoded({ extended: false, limit: '10kb' });

  const show = (res: Response, status: number, lang: Lang, title: Words, body: Html) =>
    sendPage(res, status, {
      lang,
      title: say(title, lang),
      body,
      switchHref: `?lang=${lang === 'zh' ? 'en' : 'zh'}`,
    });
  const message = (res: Response, status: number, lang: Lang, title: Words, words: Words) =>
    show(
      res,
      status,
      lang,
      title,
      html`<h1>${say(title, lang)}</h1>
        <section><p>${say(words, lang)}</p></section>`,
    );

  /** A refused or hammering post: the page says so and nothing else happens. */
  function refused(req: Request, res: Response, lang: Lang): boolean {
    if (!fromOurPage(req, deps.publicUrl)) {
      message(res, 403, lang, w.crossSiteTitle, w.crossSite);
      return true;
    }
    const wait = perAddress.hit(req.ip ?? '');
    if (wait !== undefined) {
      res.set('Retry-After', String(wait));
      message(res, 429, lang, w.tooManyTitle, w.tooMany);
      return true;
    }
    return false;
  }

  async function signIn(
    req: Request,
    res: Response,
    holder: Parameters<typeof startSession>[1],
    next: string,
  ) {
    const id = await startSession(deps.prisma, holder, new Date(Date.now() + SESSION_TTL_MS));
    setSessionCookie(res, req, deps, id);
    res.redirect(303, next);
  }

  router.get('/sign-in', (req, res) => {
    const lang = langOf(req);
    const next = safeNext(req.query.next);
    show(res, 200, lang, w.title, signInForms(lang, next, req.query.expired ? w.expired : undefined));
  });

  router.post('/sign-in/link', form, async (req, res) => {
    const lang = langOfForm(req);
    if (refused(req, res, lang)) return;
    const who = text(bodyOf(req).who);
    if (!who)
      return show(res, 422, lang, w.title, signInForms(lang, safeNext(bodyOf(req).next), w.whoMissing));
    const person =
      (await getPerson(deps.prisma, who)) ??
      (await deps.prisma.person
        .findFirst({ where: { email: who }, select: { id: true } })
        .then((p) => (p ? getPerson(deps.prisma, p.id) : null)));
    // The same answer whether or not the person exists: the form tells nobody who works here.
    if (person?.active) {
      const nonce = randomBytes(18).toString('base64url');
      await startDirectMessage(deps.client, deps.taskQueue, `sign-in-${nonce}`, {
        kind: 'sign-in',
        personId: person.id,
        nonce,
        expiresAt: Date.now() + LINK_TTL_MS,
      });
    }
    message(res, 200, lang, w.sentTitle, w.sent);
  });

  router.get('/sign-in/link/:token', async (req, res) => {
    const lang = langOf(req);
    const link = verifySignInToken(deps.linkSecret, req.params.token, new Date());
    const person = typeof link === 'string' ? null : await getPerson(deps.prisma, link.personId);
    if (!person?.active) return message(res, 401, lang, w.linkInvalidTitle, w.linkInvalid);
    show(
      res,
      200,
      lang,
      w.linkTitle,
      html`<h1>${say(w.linkTitle, lang)}</h1>
        <form method="post" class="stack">
          ${langField(lang)}
          <button type="submit">${say(w.linkAs(person.name), lang)}</button>
        </form>`,
    );
  });

  router.post('/sign-in/link/:token', form, async (req, res) => {
    const lang = langOfForm(req);
    if (refused(req, res, lang)) return;
    const link = verifySignInToken(deps.linkSecret, req.params.token, new Date());
    const person = typeof link === 'string' ? null : await getPerson(deps.prisma, link.personId);
    if (typeof link === 'string' || !person?.active) {
      return message(res, 401, lang, w.linkInvalidTitle, w.linkInvalid);
    }
    if (!(await redeemSignInNonce(deps.prisma, link.nonce, person.id, link.expiresAt))) {
      return message(res, 401, lang, w.linkInvalidTitle, w.linkInvalid);
    }
    await signIn(req, res, { kind: 'person', personId: person.id }, '/');
  });

  router.post('/sign-in/key', form, async (req, res) => {
    const lang = langOfForm(req);
    if (refused(req, res, lang)) return;
    const next = safeNext(bodyOf(req).next);
    const principal = await identify(text(bodyOf(req).key));
    if (!principal) return show(res, 401, lang, w.title, signInForms(lang, next, w.keyRefused));
    await signIn(
      req,
      res,
      principal.kind === 'operator'
        ? { kind: 'operator', keyId: principal.keyId }
        : { kind: 'person', personId: principal.personId },
      next,
    );
  });

  // Signing out needs the form token too: another site must not be able to sign a person out.
  router.post('/sign-out', form, async (req, res) => {
    const lang = langOfForm(req);
    if (res.locals.sessionId !== undefined) {
      if (!formIsOurs(req, res, deps.publicUrl))
        return message(res, 403, lang, w.crossSiteTitle, w.crossSite);
      if (bodyOf(req).everywhere === '1' && res.locals.sessionHolder) {
        await endAllSessions(deps.prisma, res.locals.sessionHolder, new Date());
      } else {
        await endSession(deps.prisma, res.locals.sessionId);
      }
    }
    clearSessionCookie(res, req, deps);
    res.redirect(303, `/sign-in${lang === 'en' ? '?lang=en' : ''}`);
  });

  return router;
}
