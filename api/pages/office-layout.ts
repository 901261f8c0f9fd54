import type { Response } from 'express';
import type { RoleRef } from '../../storage/people';
import type { SessionHolder } from '../../storage/sessions';
import { officeBar as bar } from '../../domain/page-words';
import type { Words } from '../../domain/words';
import { html, toText, type Html } from './html';
import { pageDocument, say, setPageHeaders, type Lang } from './layout';

// The shell of the office's pages (board, incident, intake, plans, people): who is signed in, the way
// between pages, and the CSRF field every form carries. The session middleware (office-session.ts) sets
// the viewer and the form token on res.locals before any office page runs.

/** Who is signed in: a person acts as themselves in the roles they hold; an operator administers. */
export type Viewer =
  | { kind: 'operator'; keyId: string; name: string }
  | { kind: 'person'; personId: string; name: string; roles: RoleRef[] };

// @types/express types res.locals through this global namespace; merging into it is the only way in.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by the office session middleware on every office page it lets through. */
      viewer?: Viewer;
      /** The session's form token, to put in every form (checked on every POST). */
      csrf?: string;
      /** The session id behind the cookie, to end it on sign-out. */
      sessionId?: string;
      /** Whose session it is, to end all of theirs. */
      sessionHolder?: SessionHolder;
    }
  }
}

/** The signed-in viewer; an office route reached without the session middleware is a wiring mistake. */
export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer;
  if (!viewer) throw new Error('no viewer: mount the office session middleware before this page');
  return viewer;
}

/** The hidden field every office form carries: the session's CSRF token. */
export function csrfField(res: Response): Html {
  const token = res.locals.csrf;
  if (token === undefined) throw new Error('no form token: mount the office session middleware first');
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

export type OfficeSection = 'board' | 'new' | 'plans' | 'people' | 'incident';

const NAV: { id: OfficeSection; href: string; words: Words; operatorOnly?: boolean }[] = [
  { id: 'board', href: '/', words: bar.board },
  { id: 'new', href: '/incidents/new', words: bar.newIncident },
  { id: 'plans', href: '/plans', words: bar.plans },
  { id: 'people', href: '/people', words: bar.people, operatorOnly: true },
];

/** The bar at the top of every office page: the sections, who is signed in, and the way out. */
function officeBar(res: Response, here: OfficeSection, lang: Lang): Html {
  const viewer = viewerOf(res);
  const links = NAV.filter((n) => !n.operatorOnly || viewer.kind === 'operator');
  const q = lang === 'en' ? '?lang=en' : '';
  return html`<nav class="office" aria-label="${lang === 'zh' ? '页面' : 'Pages'}">
    <ul>
      ${links.map(
        (n) =>
          html`<li>
            <a href="${n.href}${q}" ${n.id === here ? html`aria-current="page"` : ''}
              >${say(n.words, lang)}</a
            >
          </li>`,
      )}
    </ul>
    <form method="post" action="/sign-out" class="sign-out">
      ${csrfField(res)}
      <span class="who">${viewer.name}</span>
      <button type="submit">${say(bar.signOut, lang)}</button>
      <button type="submit" name="everywhere" value="1">${say(bar.signOutEverywhere, lang)}</button>
    </form>
  </nav>`;
}

export interface OfficePageParts {
  lang: Lang;
  title: string;
  here: OfficeSection;
  body: Html;
  /** The same page in the other language (the path with its query). */
  switchHref: string;
  /** A wide page (board, incident, plan) uses the desk width; forms stay a readable column. */
  wide?: boolean;
  /** A script of ours that keeps the page current (see pageDocument). */
  script?: string;
}

/** Sends an office page: the shell, the bar, the body, with the strict headers of every page. */
export function sendOfficePage(res: Response, status: number, parts: OfficePageParts): void {
  setPageHeaders(res, { script: parts.script !== undefined });
  const body = html`${officeBar(res, parts.here, parts.lang)}${parts.body}`;
  const { lang, title, switchHref, wide = false, script } = parts;
  res
    .status(status)
    .send(toText(pageDocument({ lang, title, body, switchHref, wide, ...(script ? { script } : {}) })));
}
