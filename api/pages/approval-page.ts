import type { ApprovalDecision, Verdict } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import { ownerAt, roleName, stepOf } from '../../domain/plan-reading';
import { beijingTime, duration, type Words } from '../../domain/words';
import { approvalPage as w } from '../../domain/page-words';
import type { LinkChoice } from '../link-decision';
import type { ApprovalFacts } from './approval-facts';
import { html, type Html } from './html';
import { planLevelChip as levelChip } from './level-colour';
import { say, type Lang } from './layout';

// What the approver reads, drawn from the facts: the incident, the step and stage, the due time, the
// material, the chain so far, and the form; or what became of the decision.

const role = (plan: Plan | undefined, id: string): Words => (plan ? roleName(plan, id) : { zh: id, en: id });
const nameOf = (facts: ApprovalFacts, id: string) => facts.names.get(id) ?? id;
const at = (t: number, lang: Lang) => say(beijingTime(t, Date.now()), lang);

function dueLine(dueAt: number | undefined, lang: Lang): Html {
  if (dueAt === undefined) return html`${say(w.noDeadline, lang)}`;
  const left = dueAt - Date.now();
  const when = at(dueAt, lang);
  return left >= 0
    ? html`${when} <span class="left">${say(w.left(duration(left)), lang)}</span>`
    : html`${when} <span class="late">${say(w.late(duration(-left)), lang)}</span>`;
}

/** Decisions grouped by round: a rejection ends a round and the next starts from the first approver. */
function rounds(decisions: ApprovalDecision[]): ApprovalDecision[][] {
  const out: ApprovalDecision[][] = [[]];
  for (const d of decisions) {
    out.at(-1)!.push(d);
    if (d.decision === 'reject') out.push([]);
  }
  return out.filter((r) => r.length > 0);
}

function chain(facts: ApprovalFacts, lang: Lang): Html {
  const all = rounds(facts.step?.decisions ?? []);
  if (all.length === 0) return html`<p class="hint">${say(w.noDecisions, lang)}</p>`;
  const reworked = all.some((round) => round.at(-1)?.decision === 'reject');
  return html`${all.map(
    (round, i) =>
      html`${reworked ? html`<h3>${say(w.round(i + 1), lang)}</h3>` : ''}
        <ol class="chain">
          ${round.map(
            (d) =>
              html`<li>
                <strong class="${d.decision}">${say(w.decision[d.decision], lang)}</strong> ${say(
                  w.decidedBy(nameOf(facts, d.by), role(facts.plan, d.role), beijingTime(d.at, Date.now())),
                  lang,
                )}
                ${d.comment ? html`<div class="material">${d.comment}</div>` : ''}
              </li>`,
          )}
        </ol>`,
  )}`;
}

function material(facts: ApprovalFacts, lang: Lang): Html {
  const m = facts.material;
  if (!m || (!m.note && !m.link)) return html`<p class="hint">${say(w.noMaterial, lang)}</p>`;
  return html`<details open>
    <summary>${say(w.submittedBy(nameOf(facts, m.by), beijingTime(m.at, Date.now())), lang)}</summary>
    ${m.note ? html`<div class="material">${m.note}</div>` : ''}
    ${m.link
      ? html`<p>
          <a href="${m.link}" rel="noreferrer noopener" target="_blank">${say(w.openLink, lang)}</a>
        </p>`
      : ''}
  </details>`;
}

/** After a rejection, which round this is and when the last one was sent back. */
function roundLine(facts: ApprovalFacts, lang: Lang): Html | '' {
  const rejections = (facts.step?.decisions ?? []).filter((d) => d.decision === 'reject');
  const last = rejections.at(-1);
  if (!last) return '';
  return html`<br />${say(w.roundNow(rejections.length + 1, beijingTime(last.at, Date.now())), lang)}`;
}

/** The incident, the step and stage, the due time: what is being decided. */
function header(facts: ApprovalFacts, lang: Lang): Html {
  const { plan, link } = facts;
  const planStep = plan ? stepOf(plan, link.stepId) : undefined;
  const stages = planStep?.kind === 'approval' ? planStep.approvers.length : link.stage + 1;
  return html`<p class="hint">${say(w.title, lang)}</p>
    <h1>${facts.incidentTitle}</h1>
    <section aria-label="${say(w.step, lang)}">
      <dl class="facts">
        <dt>${say(w.plan, lang)}</dt>
        <dd>${plan ? say(plan.title, lang) : ''}</dd>
        <dt>${say(w.level, lang)}</dt>
        <dd>${levelChip(plan, facts.level, lang)}</dd>
        <dt>${say(w.step, lang)}</dt>
        <dd>
          <strong>${planStep ? say(planStep.title, lang) : link.stepId}</strong><br />${say(
            w.stage(link.stage, stages),
            lang,
          )}${roundLine(facts, lang)}
        </dd>
        <dt>${say(w.due, lang)}</dt>
        <dd>${dueLine(facts.step?.dueAt, lang)}</dd>
      </dl>
      <p class="hint">${say(w.youAct(facts.person.name, role(plan, link.role)), lang)}</p>
    </section>`;
}

function context(facts: ApprovalFacts, lang: Lang): Html {
  return html`<section>
      <h2>${say(w.material, lang)}</h2>
      ${material(facts, lang)}
    </section>
    <section>
      <h2>${say(w.chain, lang)}</h2>
      ${chain(facts, lang)}
    </section>`;
}

/** The page to decide on, with a problem to fix when the last submit was refused. */
export function decisionPage(
  facts: ApprovalFacts,
  lang: Lang,
  retry?: { problem: Words; choice?: LinkChoice['decision']; comment: string },
): Html {
  const checked = (d: LinkChoice['decision']) => (retry?.choice === d ? html` checked` : '');
  return html`${header(facts, lang)}
    <form class="decide" method="post" action="">
      <input type="hidden" name="lang" value="${lang}" />
      ${retry ? html`<p class="problem" role="alert" id="problem">${say(retry.problem, lang)}</p>` : ''}
      <fieldset>
        <legend>${say(w.choose, lang)}</legend>
        <label class="choice"
          ><input type="radio" name="decision" value="approve" required${checked('approve')} /> ${say(
            w.approve,
            lang,
          )}</label
        >
        <label class="choice"
          ><input type="radio" name="decision" value="reject" ${checked('reject')} /> ${say(
            w.reject,
            lang,
          )}</label
        >
      </fieldset>
      <label class="block" for="comment">${say(w.comment, lang)}</label>
      <textarea id="comment" name="comment" maxlength="10000" aria-describedby="comment-hint">
${retry?.comment ?? ''}</textarea
      >
      <p class="hint" id="comment-hint">${say(w.commentHint, lang)}</p>
      <button type="submit">${say(w.submit, lang)}</button>
    </form>
    ${context(facts, lang)}`;
}

/** What happens next once this stage is decided. */
function next(facts: ApprovalFacts, decision: LinkChoice['decision'], lang: Lang): string {
  const planStep = facts.plan ? stepOf(facts.plan, facts.link.stepId) : undefined;
  if (planStep?.kind !== 'approval') return '';
  if (decision === 'reject') {
    const work = facts.plan ? stepOf(facts.plan, planStep.revises) : undefined;
    const owner = (work && ownerAt(work, facts.level)) ?? planStep.revises;
    return say(w.sentBackTo(role(facts.plan, owner)), lang);
  }
  const nextRole = planStep.approvers[facts.link.stage + 1];
  return nextRole === undefined
    ? say(w.approvalDone, lang)
    : say(w.nextApprover(role(facts.plan, nextRole)), lang);
}

/** The workflow stored this person's decision: say what was decided, when, and what happens next. */
export function outcomePage(
  facts: ApprovalFacts,
  lang: Lang,
  choice: LinkChoice,
  verdict: Verdict,
  decidedAt: number,
): Html {
  // The verdict says what the workflow stored: a last approval finished the step.
  const then =
    choice.decision === 'approve' && verdict.stepStatus === 'done'
      ? say(w.approvalDone, lang)
      : next(facts, choice.decision, lang);
  return html`${header(facts, lang)}
    <section class="outcome${choice.decision === 'reject' ? ' rejected' : ''}" role="status">
      <h2>${say(w.decidedTitle, lang)}</h2>
      <p>${say(w.youDecided(w.decision[choice.decision], beijingTime(decidedAt, Date.now())), lang)}</p>
      <p>${then}</p>
      ${choice.comment ? html`<div class="material">${choice.comment}</div>` : ''}
    </section>
    ${context(facts, lang)}`;
}

/** The stage this link is for is no longer open: who decided it and when, or why nothing is to decide. */
export function settledPage(facts: ApprovalFacts, lang: Lang): Html {
  // This round's decision by the link's role: after a rejection the chain starts again from the first.
  const since = facts.step?.openedAt ?? 0;
  const decided = facts.step?.decisions?.filter((d) => d.role === facts.link.role && d.at >= since).at(-1);
  const body = decided
    ? say(
        w.alreadyDecided(
          nameOf(facts, decided.by),
          w.decision[decided.decision],
          beijingTime(decided.at, Date.now()),
        ),
        lang,
      )
    : say(facts.incidentStatus === 'closed' ? w.incidentClosed : w.notOpen, lang);
  return html`${header(facts, lang)}
    <section class="outcome${decided?.decision === 'reject' ? ' rejected' : ''}" role="status">
      <h2>${say(decided ? w.decidedTitle : w.refusedTitle, lang)}</h2>
      <p>${body}</p>
      ${decided?.comment ? html`<div class="material">${decided.comment}</div>` : ''}
      ${decided ? html`<p>${next(facts, decided.decision, lang)}</p>` : ''}
    </section>
    ${context(facts, lang)}`;
}

/** A link that cannot be used, said without detail that would help a forger. */
export function problemPage(title: Words, text: Words, lang: Lang): Html {
  return html`<p class="hint">${say(w.title, lang)}</p>
    <h1>${say(title, lang)}</h1>
    <section><p>${say(text, lang)}</p></section>`;
}
