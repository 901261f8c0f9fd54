import { Metrics, type Plan } from '../../domain/plan-schema';
import { type Words } from '../../domain/words';
import { inputForms as fw, intakePage as w } from '../../domain/page-words';
import { html, type Html } from './html';
import { say, type Lang } from './layout';

// The intake form as the office fills it in: the plan, what was found, and the level, with the level the
// plan's thresholds suggest from the metrics typed in (asked of the server, so it works without script).

export interface IntakeForm {
  planId?: string;
  title?: string;
  summary?: string;
  level?: string;
  platform?: string;
  url?: string;
  /** When it happened, Beijing wall time as typed (datetime-local). */
  occurredAt?: string;
  /** Circumstances ticked, as "planId:flagId" (every plan's are offered, like its levels). */
  flags?: string[];
  metrics: Record<string, string>;
}

/** The metrics intake takes, from the plan format's own schema. */
export const METRICS = Object.keys(Metrics.shape) as (keyof typeof Metrics.shape)[];

export function intakeBody(
  plans: Plan[],
  form: IntakeForm,
  ctx: { lang: Lang; csrf: Html; problem?: Words | undefined; suggestion?: Words | undefined },
): Html {
  const { lang } = ctx;
  const selected = plans.find((p) => p.id === form.planId) ?? plans[0];
  return html`<h1>${say(w.title, lang)}</h1>
    ${ctx.problem ? html`<p class="flash problem" role="alert">${say(ctx.problem, lang)}</p>` : ''}
    <form method="post" action="/incidents/new" class="stack">
      ${ctx.csrf}<input type="hidden" name="lang" value="${lang}" />
      <label for="planId">${say(w.plan, lang)}</label>
      <select id="planId" name="planId" required>
        ${plans.map(
          (p) =>
            html`<option value="${p.id}" ${p === selected ? html`selected` : ''}>
              ${say(p.title, lang)}
            </option>`,
        )}
      </select>
      <label for="title">${say(w.incidentTitle, lang)}</label>
      <input id="title" name="title" type="text" maxlength="500" value="${form.title ?? ''}" />
      <label for="summary">${say(w.summary, lang)}</label>
      <textarea id="summary" name="summary" rows="3" maxlength="20000">${form.summary ?? ''}</textarea>
      <fieldset>
        <legend>${say(fw.fields.metrics, lang)}</legend>
        ${METRICS.map(
          (k) =>
            html`<label
              >${say(fw.fields[`metrics.${k}`], lang)}
              <input
                name="metrics.${k}"
                type="number"
                min="0"
                inputmode="numeric"
                value="${form.metrics[k] ?? ''}"
            /></label>`,
        )}
        <button type="submit" name="suggest" value="1" formnovalidate>${say(w.suggest, lang)}</button>
        ${ctx.suggestion ? html`<p class="flash ok" role="status">${say(ctx.suggestion, lang)}</p>` : ''}
      </fieldset>
      <label for="level">${say(w.level, lang)}</label>
      <select id="level" name="level">
        <option value="">${say(w.suggestFromMetrics, lang)}</option>
        ${plans.map(
          (p) =>
            html`<optgroup label="${say(p.title, lang)}">
              ${p.levels.map(
                (l) =>
                  html`<option
                    value="${p.id}:${l.id}"
                    ${p === selected && form.level === l.id ? html`selected` : ''}
                  >
                    ${say(l.names, lang)}
                  </option>`,
              )}
            </optgroup>`,
        )}
      </select>
      ${flagChoices(plans, form, lang)}
      <label for="occurredAt">${say(w.occurredAt, lang)}</label>
      <input
        id="occurredAt"
        name="occurredAt"
        type="datetime-local"
        aria-describedby="occurredAt-hint"
        value="${form.occurredAt ?? ''}"
      />
      <p class="hint" id="occurredAt-hint">${say(w.occurredAtHint, lang)}</p>
      <label for="platform">${say(w.platform, lang)}</label>
      <input id="platform" name="platform" type="text" maxlength="200" value="${form.platform ?? ''}" />
      <label for="url">${say(w.url, lang)}</label>
      <input id="url" name="url" type="url" value="${form.url ?? ''}" />
      <button type="submit">${say(w.start, lang)}</button>
    </form>`;
}

/** Each plan's circumstances besides the level, as checkboxes; the server keeps those of the chosen plan. */
function flagChoices(plans: Plan[], form: IntakeForm, lang: Lang): Html {
  const withFlags = plans.filter((p) => p.flags.length > 0);
  if (withFlags.length === 0) return html``;
  return html`<fieldset>
    <legend>${say(w.flags, lang)}</legend>
    ${withFlags.map(
      (p) =>
        html`<p class="hint">${say(p.title, lang)}</p>
          ${p.flags.map((f) => {
            const value = `${p.id}:${f.id}`;
            return html`<label class="choice"
              ><input
                type="checkbox"
                name="flags"
                value="${value}"
                ${form.flags?.includes(value) ? html`checked` : ''}
              />
              ${say(f.name, lang)}</label
            >`;
          })}`,
    )}
  </fieldset>`;
}
