// Text inside a server-drawn SVG: the server cannot measure glyphs, so widths are estimated from the
// characters (a CJK character is one em wide, Latin letters about half that), generously enough that a
// wrapped line never overruns its box in the fonts UI.md names. Chinese breaks between any two
// characters, except before closing punctuation; English breaks between words.

const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2160-\u217f]/u;
const NARROW = /[ilj.,:;'’!|()[\]\s]/u;
const CAPITAL = /[A-Z0-9MW]/;
/** Punctuation that must not begin a line (避头): it stays with the character before it. */
const CLOSING = /^[，。、；：！？）》」』】〕,.;:!?)\]’”%]/u;

/** Estimated advance of one character, in ems. */
function charEm(c: string): number {
  if (WIDE.test(c)) return 1;
  if (NARROW.test(c)) return 0.32;
  if (CAPITAL.test(c)) return 0.68;
  return 0.53;
}

/** Estimated width of the text at the font size, in user units. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * fontSize;
}

/** The text cut into pieces a line may break between: words with their trailing space, CJK characters. */
function tokens(text: string): string[] {
  const raw = text.match(/[A-Za-z0-9'’\-/&+.@#_]+\s*|\s+|./gsu) ?? [];
  const out: string[] = [];
  for (const t of raw) {
    if (CLOSING.test(t) && out.length > 0) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}

/** Cuts a token too wide for any line into pieces that fit. */
function split(token: string, maxWidth: number, fontSize: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const c of token) {
    if (piece !== '' && textWidth(piece + c, fontSize) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += c;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** The text shortened with an ellipsis until it fits the width. */
export function ellipsize(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('').trimEnd()}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * The text in lines no wider than maxWidth, at most maxLines of them; what does not fit ends the last
 * line with an ellipsis (the shape's <title> carries the whole text).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const pieces = tokens(text.trim()).flatMap((t) =>
    textWidth(t.trimEnd(), fontSize) > maxWidth ? split(t, maxWidth, fontSize) : [t],
  );
  for (const piece of pieces) {
    if (line !== '' && textWidth((line + piece).trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  // The last line takes the rest, rejoined as it was broken (a space between words, none in Chinese).
  const rest = lines
    .slice(maxLines - 1)
    .reduce((a, b) => (/\w$/.test(a) && /^\w/.test(b) ? `${a} ${b}` : a + b));
  return [...lines.slice(0, maxLines - 1), ellipsize(rest, maxWidth, fontSize)];
}
