import type { Plan } from '../../domain/plan-schema';
import { levelName } from '../../domain/plan-reading';
import { html, type Html } from './html';
import { say, type Lang } from './layout';

// Level colours in the Chinese emergency convention where a plan gives them (UI.md): Ⅰ 红, Ⅱ 橙, Ⅲ 黄,
// Ⅳ 蓝, with dark text on orange and yellow (white on that orange is 3.0:1, under WCAG AA's 4.5:1);
// levels without a colour get a neutral scale, darkest for the most severe.
// Pages carry them as classes, not style attributes: the pages' policy (style-src 'self') refuses inline
// styles. Pictures use the same values as SVG fills, which the policy does not govern.

export interface LevelScheme {
  /** The class that colours a level chip (see style.ts). */
  className: string;
  fill: string;
  darkText: boolean;
}

const COLOURS: Record<string, { fill: string; darkText?: true }> = {
  red: { fill: '#c8102e' },
  orange: { fill: '#e8730c', darkText: true },
  yellow: { fill: '#d4a106', darkText: true },
  blue: { fill: '#1f5fbf' },
};
const NEUTRAL = ['#24292f', '#424a53', '#57606a', '#6e7781'];

/** The colour of a level: the plan's colour word if it has one, else the neutral shade of its rank. */
export function levelScheme(colour: string | undefined, rank: number): LevelScheme {
  const named = colour === undefined ? undefined : COLOURS[colour];
  if (named && colour)
    return { className: `level-${colour}`, fill: named.fill, darkText: named.darkText === true };
  const i = Math.min(Math.max(rank, 0), NEUTRAL.length - 1);
  return { className: `level-n${i}`, fill: NEUTRAL[i]!, darkText: false };
}

/** The level's name on its colour; the name is always written, colour is never the only signal. */
export const levelChip = (name: string, scheme: LevelScheme): Html =>
  html`<span class="level ${scheme.className}">${name}</span>`;

/** A level of a plan as its chip: the plan's name and colour for it (the id alone if the plan is unknown). */
export function planLevelChip(plan: Plan | undefined, level: string, lang: Lang): Html {
  const index = plan?.levels.findIndex((l) => l.id === level) ?? -1;
  const name = plan ? levelName(plan, level) : { zh: level, en: level };
  return levelChip(say(name, lang), levelScheme(plan?.levels[index]?.colour, index));
}
