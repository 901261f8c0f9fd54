import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Words } from '../../domain/words';
import { html, toText, type Html } from './html';

// The shell every page shares: Chinese first (English by Accept-Language or the switch), one stylesheet
// from the app, no script, and the headers a page carrying a credential in its URL needs.

export type Lang = 'zh' | 'en';

/** `?lang=` first (the visible switch), then the browser's first preference; Chinese otherwise. */
export function langOf(req: Request): Lang {
  const asked = req.query.lang;
  if (asked === 'en' || asked === 'zh') return asked;
  const first = (req.get('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export const say = (words: Words, lang: Lang): string => words[lang];

/**
 * No cache, no referrer (the URL holds the token), no indexing, no framing, nothing loaded from
 * elsewhere, forms only to ourselves. A page that needs a <style> of its own (the review's running
 * head in print) names it, and the policy admits that element by its hash and nothing else inline.
 */
export function setPageHeaders(res: Response, { inlineStyles = [] }: { inlineStyles?: string[] } = {}): void {
  const hashes = inlineStyles.map((css) => ` 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  res.set({
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      `default-src 'none'; style-src 'self'${hashes.join('')}; img-src 'self'; form-action 'self'; ` +
      "frame-ancestors 'none'; base-uri 'none'",
  });
}

export interface PageParts {
  lang: Lang;
  title: string;
  body: Html;
  switchHref?: string;
  /** What styles the page: the app's stylesheet unless a page brings its own. */
  styles?: Html;
  /** A page with wide content (the board, an incident) takes the desk's width. */
  wide?: boolean;
}

/** The whole document around a page's body. */
export function pageDocument({ lang, title, body, switchHref, styles, wide }: PageParts): Html {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        ${styles ?? html`<link rel="stylesheet" href="/assets/style.css" />`}
      </head>
      <body>
        <main ${wide ? html`class="wide"` : ''}>
          ${switchHref === undefined
            ? ''
            : html`<p class="lang">
                <a class="switch" href="${switchHref}" lang="${other === 'zh' ? 'zh-CN' : 'en'}"
                  >${other === 'zh' ? '中文' : 'English'}</a
                >
              </p>`}
          ${body}
        </main>
      </body>
    </html> `;
}

export function sendPage(
  res: Response,
  status: number,
  parts: { lang: Lang; title: string; body: Html; switchHref?: string },
): void {
  setPageHeaders(res);
  res.status(status).send(toText(pageDocument(parts)));
}
