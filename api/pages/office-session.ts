import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { Request, RequestHandler, Response } from 'express';
import { getPerson } from '../../storage/people';
import { findSession, type SessionHolder } from '../../storage/sessions';
import type { Viewer } from './office-layout';

// The office's session: a cookie holding a random session id and its HMAC (so a forged cookie is turned
// away before the database is asked), the stored session behind it, and the form token derived from it.
// HttpOnly (no script reads it), SameSite=Lax (no other site's form or frame sends it), Secure when the
// service is reached over HTTPS.

/**
 * Over HTTPS the name carries the __Host- prefix: the browser then keeps only a cookie set Secure, for
 * this host and path /, so a sibling subdomain cannot plant a session of its choosing. Plain HTTP (a
 * machine on loopback) cannot set it.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-office_session' : 'office_session');
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface SessionDeps {
  prisma: PrismaClient;
  /** The service's secret (the link secret): signs cookies and derives form tokens. */
  linkSecret: string;
  publicUrl?: string;
}

const mac = (secret: string, purpose: string, value: string) =>
  createHmac('sha256', secret).update(`${purpose}.${value}`).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The cookie's value: the session id and its signature. */
export const signedSessionId = (secret: string, id: string) => `${id}.${mac(secret, 'session', id)}`;

/** The form token of a session: derived, so nothing more is stored, and useless without the cookie. */
export const csrfTokenOf = (secret: string, sessionId: string) => mac(secret, 'csrf', sessionId);

const secure = (req: Request, publicUrl: string | undefined) =>
  req.secure || (publicUrl?.startsWith('https:') ?? false);

/** The session id in the request's cookie, if it carries one signed by us. */
function sessionIdOf(req: Request, deps: SessionDeps): string | undefined {
  const name = sessionCookieName(secure(req, deps.publicUrl));
  const secret = deps.linkSecret;
  const header = req.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = value.slice(0, dot);
    return sameText(value.slice(dot + 1), mac(secret, 'session', id)) ? id : undefined;
  }
  return undefined;
}

export function setSessionCookie(res: Response, req: Request, deps: SessionDeps, id: string): void {
  const https = secure(req, deps.publicUrl);
  res.cookie(sessionCookieName(https), signedSessionId(deps.linkSecret, id), {
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    path: '/',
    maxAge: SESSION_TTL_MS,
  });
}

export function clearSessionCookie(res: Response, req: Request, deps: SessionDeps): void {
  const https = secure(req, deps.publicUrl);
  res.clearCookie(sessionCookieName(https), {
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    path: '/',
  });
}

const OPERATOR_NAME = '运维 / Operator';

async function viewerOfHolder(prisma: PrismaClient, holder: SessionHolder): Promise<Viewer | null> {
  if (holder.kind === 'operator') return { kind: 'operator', keyId: holder.keyId, name: OPERATOR_NAME };
  const person = await getPerson(prisma, holder.personId);
  if (!person?.active) return null;
  return { kind: 'person', personId: person.id, name: person.name, roles: person.roles };
}

/**
 * Reads the session, when there is one, onto res.locals (viewer and form token) and its id for sign-out.
 * Never refuses: pages that need a viewer say so with requireSignIn.
 */
export function readSession(deps: SessionDeps): RequestHandler {
  return (req, res, next) => {
    const id = sessionIdOf(req, deps);
    if (id === undefined) return next();
    findSession(deps.prisma, id, new Date())
      .then(async (session) => {
        const viewer = session ? await viewerOfHolder(deps.prisma, session.holder) : null;
        if (session && viewer) {
          res.locals.viewer = viewer;
          res.locals.csrf = csrfTokenOf(deps.linkSecret, id);
          res.locals.sessionId = id;
          res.locals.sessionHolder = session.holder;
        }
        next();
      })
      .catch(next);
  };
}

/** Where a sign-in returns to: a path of ours only, never another site ("//evil" or a full URL). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length <= 2000 ? next : '/';
}

/** A page for people who signed in: others are sent to sign in and brought back. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (res.locals.viewer) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  // A form posted after the session ended: sign in again, then back to the page the form was on.
  res.redirect(303, '/sign-in?expired=1');
};

/**
 * A browser's post from our own pages. Browsers that send Sec-Fetch-Site say so there. Under our
 * no-referrer policy a form post's Origin is "null", so Origin decides only when it names a site: it
 * must be ours.
 */
export function fromOurPage(req: Request, publicUrl: string | undefined): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return true;
  const ours = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host')}`;
  return origin === ours;
}

/** Whether a form post carries the session's token and comes from our own page. */
export function formIsOurs(req: Request, res: Response, publicUrl: string | undefined): boolean {
  const expected = res.locals.csrf;
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  return (
    expected !== undefined &&
    typeof given === 'string' &&
    sameText(given, expected) &&
    fromOurPage(req, publicUrl)
  );
}
