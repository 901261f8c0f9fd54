import { durationMs } from '../../domain/duration';
import type { Deadline, DeadlineSpan, Plan, Step } from '../../domain/plan-schema';
import {
  allLevels,
  isByLevel,
  isSpan,
  jointOwnersOf,
  type ByLevel,
  levelName,
  predecessors,
  roleName,
  severity,
  stepOf,
} from '../../domain/plan-reading';
import { duration, type Words } from '../../domain/words';
import { planPages as w } from '../../domain/page-words';
import { levelScheme, type LevelScheme } from './level-colour';

// A plan's clauses in words, shared by the plan page and its diagram: who acts on a step, at which
// levels, after what, and by when, level by level, the way the plan itself puts it.

const ROMAN_ZH = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ', 'Ⅶ', 'Ⅷ', 'Ⅸ', 'Ⅹ'];
const ROMAN_EN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * A level's short mark for a small label: its numeral by severity, as Chinese plans number their
 * levels (特别重大 Ⅰ级 … 一般 Ⅳ级); the diagram's legend pairs each mark with the level's name.
 */
export function levelMark(plan: Plan, levelId: string): Words {
  const rank = severity(plan, levelId);
  return { zh: ROMAN_ZH[rank] ?? levelId, en: ROMAN_EN[rank] ?? levelId };
}

export function schemeOf(plan: Plan, levelId: string): LevelScheme {
  const rank = severity(plan, levelId);
  return levelScheme(plan.levels[rank]?.colour, rank);
}

/** A value given level by level, in words: "特别重大：…；重大：…", in the plan's level order. */
export function levelled<T>(plan: Plan, value: ByLevel<T>, words: (v: T) => Words): Words {
  if (!isByLevel(value)) return words(value);
  const parts = plan.levels.flatMap((l) => {
    const v = value.byLevel[l.id];
    return v === undefined ? [] : [w.atLevel(l.names, words(v))];
  });
  return joined(parts, '；', '; ');
}

const joined = (words: Words[], zh: string, en: string): Words => ({
  zh: words.map((x) => x.zh).join(zh),
  en: words.map((x) => x.en).join(en),
});

/** The levels a step applies at, in the plan's order (most severe first). */
export function levelsOf(plan: Plan, step: Step): string[] {
  return plan.levels
    .map((l) => l.id)
    .filter((id) => step.appliesAt === undefined || step.appliesAt.includes(id));
}

export function appliesWords(plan: Plan, step: Step): Words {
  if (step.appliesAt === undefined) return w.everyLevel;
  return joined(
    levelsOf(plan, step).map((id) => levelName(plan, id)),
    '、',
    ', ',
  );
}

/** Who acts on the step: its owner, its approvers stage by stage, or whom it tells. */
export function actorsWords(plan: Plan, step: Step): { label: Words; who: Words } {
  switch (step.kind) {
    case 'task':
    case 'monitor':
    case 'review': {
      const joint = jointOwnersOf(step).map((r) => roleName(plan, r));
      const owner = levelled(plan, step.owner, (r) => roleName(plan, r));
      return {
        label: w.label.owner,
        who: joint.length === 0 ? owner : w.jointly(owner, joined(joint, '、', ', ')),
      };
    }
    case 'approval':
      return {
        label: w.label.approvers,
        who: joined(
          step.approvers.map((r, i) => w.stage(i + 1, step.approvers.length, roleName(plan, r))),
          '；',
          '; ',
        ),
      };
    case 'notify':
      return {
        label: w.label.recipients,
        who: joined(
          step.recipients.map((r) => roleName(plan, r)),
          '、',
          ', ',
        ),
      };
  }
}

/** The roles in a one-line summary under a step's title in the diagram. */
export function actorsShort(plan: Plan, step: Step): Words {
  switch (step.kind) {
    case 'task':
    case 'monitor':
    case 'review':
      return joined(
        allLevels(step.owner).map((r) => roleName(plan, r)),
        '、',
        ', ',
      );
    case 'approval':
      return joined(
        step.approvers.map((r) => roleName(plan, r)),
        ' → ',
        ' → ',
      );
    case 'notify': {
      const to = joined(
        step.recipients.map((r) => roleName(plan, r)),
        '、',
        ', ',
      );
      return { zh: `→ ${to.zh}`, en: `→ ${to.en}` };
    }
  }
}

const titleOf = (plan: Plan, stepId: string): Words =>
  stepOf(plan, stepId)?.title ?? { zh: stepId, en: stepId };

export function afterWords(plan: Plan, step: Step, start: Words = w.atStart): Words {
  const before = predecessors(step).filter((id, i, all) => all.indexOf(id) === i);
  return before.length === 0 ? start : w.afterSteps(before.map((id) => titleOf(plan, id)));
}

function spanWords(span: DeadlineSpan): Words {
  return typeof span === 'string'
    ? duration(durationMs(span))
    : w.split(duration(durationMs(span.workingHours)), duration(durationMs(span.offHours)));
}

function anchorWords(plan: Plan, from: Deadline['from']): Words {
  return typeof from === 'string' ? w.anchor[from] : w.fromStep(titleOf(plan, from.stepDone));
}

/**
 * The step's deadline, one line per level where it differs by level: a monitor's follow-up cadence, or
 * the span and where it counts from; levels a per-level deadline leaves out have none.
 */
export function deadlineLines(plan: Plan, step: Step): Words[] {
  if (step.kind === 'monitor') {
    return step.followUpEvery === undefined
      ? [w.untilSubsided]
      : [w.every(duration(durationMs(step.followUpEvery))), w.untilSubsided];
  }
  const d = step.deadline;
  if (!d) return [w.noDeadline];
  const anchor = anchorWords(plan, d.from);
  const lines: Words[] = [];
  const within = d.within;
  if (isSpan(within)) {
    lines.push(w.within(anchor, spanWords(within)));
  } else {
    const levels = levelsOf(plan, step);
    // Own properties only: a level id such as "constructor" must not find Object's.
    for (const id of levels) {
      const span = Object.hasOwn(within, id) ? within[id] : undefined;
      if (span !== undefined) lines.push(w.atLevel(levelName(plan, id), w.within(anchor, spanWords(span))));
    }
    if (levels.some((id) => !Object.hasOwn(within, id))) lines.push(w.otherLevels);
  }
  if (d.raiseLevelTo !== undefined) lines.push(w.raise(levelName(plan, d.raiseLevelTo)));
  return lines;
}

export function hasDeadline(step: Step): boolean {
  return step.kind === 'monitor' ? step.followUpEvery !== undefined : step.deadline !== undefined;
}

/** A deadline counted from another step's completion that the step does not also wait for. */
export function anchorOnly(step: Step): string | undefined {
  const from = step.deadline?.from;
  if (from === undefined || typeof from === 'string') return undefined;
  return predecessors(step).includes(from.stepDone) ? undefined : from.stepDone;
}

/** The levels at which the role leads the response, most severe first. */
export function leadsAt(plan: Plan, roleId: string): string[] {
  return plan.levels.map((l) => l.id).filter((id) => plan.leadRole[id] === roleId);
}
