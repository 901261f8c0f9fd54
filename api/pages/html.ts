import escapeHtml from 'escape-html';

// HTML escaped by construction: every value put into an `html` template is escaped unless it is itself
// Html made by this module, so user text (an incident title, a comment) can never become markup.

const HTML = Symbol('html');

/** Markup this module made: safe to put into another template as it is. */
export interface Html {
  readonly [HTML]: string;
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && HTML in v;

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v) => render(v as Value)).join('');
  if (isHtml(value)) return value[HTML];
  return escapeHtml(String(value as string | number));
}

/** A template whose interpolations are escaped; nested `html` templates and lists are kept as markup. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { [HTML]: out };
}

/**
 * A <style> element for CSS this program wrote. CSS is not HTML: escaping it would break it, so instead
 * anything that could end the element early is refused; user text goes in only through `cssString`.
 */
export function styleElement(css: string): Html {
  if (/<\/style/i.test(css)) throw new Error('a stylesheet must not contain </style');
  return { [HTML]: `<style>${css}</style>` };
}

/**
 * Text as a quoted CSS string: every character but letters, digits and spaces written as a hex escape,
 * so no quote, backslash, newline or `<` of the text reaches the stylesheet as itself.
 */
export function cssString(text: string): string {
  const safe = /[\p{L}\p{N} ]/u;
  return `"${[...text].map((c) => (safe.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** The document as text, to send. */
export const toText = (page: Html): string => page[HTML];
