import type { z } from 'zod';
import type { IncidentView } from '../../domain/incident';
import type { Plan } from '../../domain/plan-schema';
import { roleName, stepOf } from '../../domain/plan-reading';
import { type Words } from '../../domain/words';
import { inputForms as w } from '../../domain/page-words';
import type { AnyInput } from '../../inputs/define-input';
import { contractKit } from '../../inputs/input-schema';
import { inputRoutes, type InputRoute } from '../input-routes';
import { html, type Html } from './html';
import { say, type Lang } from './layout';

// The forms on an incident page, made from the one list of human inputs: each input's fields become
// controls by their kind (text, link, choice, number, time, the metrics, a review form), and whether a
// person may use an input here and now is asked of the input's own validate rule, with the person's roles
// and the incident's state. A new input gets its form with no page code; only its field names' words.

/** Fields the page never asks for: the server fills them, or they belong to another path (the link). */
const NOT_ASKED = new Set(['via', 'stage']);

/** Refusals that depend on what is typed, not on who or when: the form is offered, the rule judges it. */
const ABOUT_CONTENT = new Set([
  'comment-required',
  'unknown-flag',
  'flag-already-set',
  'unknown-level',
  'same-level',
  'invalid-form',
  'due-in-past',
]);

type Control =
  | { kind: 'text'; long: boolean }
  | { kind: 'url' }
  | { kind: 'time' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'number' }
  | { kind: 'counts'; keys: string[] }
  | { kind: 'answers' };

interface FieldSpec {
  name: string;
  required: boolean;
  control: Control;
}

const LONG_TEXT = new Set(['note', 'comment', 'reason', 'text']);

function controlOf(name: string, schema: z.ZodType): { control: Control; required: boolean } | undefined {
  let s = schema;
  let required = true;
  while (s.def.type === 'optional' || s.def.type === 'default') {
    required = false;
    s = (s.def as unknown as { innerType: z.ZodType }).innerType;
  }
  const def = s.def as unknown as Record<string, unknown>;
  switch (def.type) {
    case 'string': {
      const format = (s as unknown as { format?: string | null }).format;
      if (format === 'url') return { control: { kind: 'url' }, required };
      if (format === 'datetime') return { control: { kind: 'time' }, required };
      return { control: { kind: 'text', long: LONG_TEXT.has(name) }, required };
    }
    case 'pipe': {
      const inner = controlOf(name, def.in as z.ZodType);
      return inner && { ...inner, required: required && inner.required };
    }
    case 'enum':
      return { control: { kind: 'choice', options: Object.keys(def.entries as object) }, required };
    case 'number':
      return { control: { kind: 'number' }, required };
    case 'object':
      return { control: { kind: 'counts', keys: Object.keys(def.shape as object) }, required };
    case 'record':
      return { control: { kind: 'answers' }, required };
    default:
      return undefined;
  }
}

/** An input's form: its path fields (which step, which promise) and the fields a person fills in. */
export interface InputForm {
  route: InputRoute;
  /** Path fields besides the incident id, e.g. stepId. */
  targets: string[];
  fields: FieldSpec[];
}

function formOf(route: InputRoute): InputForm {
  const shape = route.input.fields(contractKit);
  const targets = [...route.input.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((n) => n !== 'id');
  const fields = Object.entries(shape).flatMap(([name, schema]): FieldSpec[] => {
    if (targets.includes(name) || NOT_ASKED.has(name) || route.input.fromServer?.includes(name)) return [];
    const c = controlOf(name, schema as z.ZodType);
    return c ? [{ name, ...c }] : [];
  });
  return { route, targets, fields };
}

export const inputForms: InputForm[] = inputRoutes.map(formOf);

export const formByName = (name: string) => inputForms.find((f) => f.route.input.name === name);

/** One form a person may use now: the input, what it acts on, and the role it is used in. */
export interface Offer {
  form: InputForm;
  role: string;
  target: Record<string, string>;
  /** What it acts on, in words: the step's or promise's title. */
  about?: Words;
}

/** Candidate values for a path field: open steps, or open promises; nothing else is offered. */
function candidates(field: string, view: IncidentView): string[] {
  if (field === 'stepId')
    return Object.values(view.steps).flatMap((s) => (s.status === 'open' ? [s.id] : []));
  if (field === 'milestoneId') {
    return Object.values(view.milestones).flatMap((m) => (m.status === 'open' ? [m.id] : []));
  }
  return [];
}

function combinations(targets: string[], view: IncidentView): Record<string, string>[] {
  return targets.reduce<Record<string, string>[]>(
    (acc, field) => acc.flatMap((t) => candidates(field, view).map((v) => ({ ...t, [field]: v }))),
    [{}],
  );
}

/**
 * The forms `roles` may use on this incident now: each input, for each step or promise it could act on
 * and each role, offered when the input's own rule does not refuse it for who or when.
 */
export function offers(view: IncidentView, plan: Plan, roles: string[], now: number): Offer[] {
  const state = { ...view, timeline: [] };
  const out: Offer[] = [];
  for (const form of inputForms) {
    for (const target of combinations(form.targets, view)) {
      for (const role of roles) {
        const probe = { ...target, actor: { id: '-', role } } as never;
        let refusal;
        try {
          refusal = form.route.input.validate(state, plan, probe, now);
        } catch {
          // A rule that reads a field not typed yet judges content: offer the form.
          refusal = undefined;
        }
        if (refusal && !ABOUT_CONTENT.has(refusal.code)) continue;
        const stepId = target.stepId;
        const milestoneId = target.milestoneId;
        const about =
          stepId !== undefined
            ? stepOf(plan, stepId)?.title
            : milestoneId !== undefined
              ? { zh: view.milestones[milestoneId]!.title, en: view.milestones[milestoneId]!.title }
              : undefined;
        out.push({ form, role, target, ...(about ? { about } : {}) });
        break; // one role is enough to offer it
      }
    }
  }
  return out;
}

const label = (name: string): Words => w.fields[name as keyof typeof w.fields] ?? { zh: name, en: name };

function control(f: FieldSpec, id: string, plan: Plan, view: IncidentView, offer: Offer, lang: Lang): Html {
  const req = f.required ? html`required` : '';
  const c = f.control;
  switch (c.kind) {
    case 'text':
      return c.long
        ? html`<textarea id="${id}" name="${f.name}" rows="3" maxlength="10000" ${req}></textarea>`
        : f.name === 'role'
          ? html`<select id="${id}" name="role" ${req}>
              ${plan.roles
                .filter((r) => r.id !== view.leadRole)
                .map((r) => html`<option value="${r.id}">${say(r.names, lang)}</option>`)}
            </select>`
          : f.name === 'flag'
            ? html`<select id="${id}" name="flag" ${req}>
                ${plan.flags
                  .filter((x) => view.flags?.[x.id] === undefined)
                  .map((x) => html`<option value="${x.id}">${say(x.name, lang)}</option>`)}
              </select>`
            : f.name === 'level'
              ? html`<select id="${id}" name="level" ${req}>
                  ${plan.levels.map(
                    (l) =>
                      html`<option value="${l.id}" ${l.id === view.level ? html`selected` : ''}>
                        ${say(l.names, lang)}
                      </option>`,
                  )}
                </select>`
              : html`<input id="${id}" name="${f.name}" type="text" maxlength="500" ${req} />`;
    case 'url':
      return html`<input id="${id}" name="${f.name}" type="url" inputmode="url" ${req} />`;
    case 'time':
      return html`<input id="${id}" name="${f.name}" type="datetime-local" ${req} />
        <span class="hint">${say(w.beijingTime, lang)}</span>`;
    case 'number':
      return html`<input id="${id}" name="${f.name}" type="number" min="0" ${req} />`;
    case 'choice':
      return html`<span class="choices">
        ${c.options.map(
          (o, i) =>
            html`<label class="choice"
              ><input type="radio" name="${f.name}" value="${o}" ${req} ${i === 0 ? html`id="${id}"` : ''} />
              ${say(label(`${f.name}.${o}`), lang)}</label
            >`,
        )}
      </span>`;
    case 'counts':
      return html`<span class="counts">
        ${c.keys.map(
          (k) =>
            html`<label
              >${say(label(`metrics.${k}`), lang)}
              <input name="${f.name}.${k}" type="number" min="0" inputmode="numeric"
            /></label>`,
        )}
      </span>`;
    case 'answers': {
      const step = offer.target.stepId === undefined ? undefined : stepOf(plan, offer.target.stepId);
      const form = step?.kind === 'review' ? step.form : [];
      return html`${form.map(
        (q) =>
          html`<label for="${id}-${q.id}">${say(q.label, lang)}</label>
            <textarea
              id="${id}-${q.id}"
              name="${f.name}.${q.id}"
              rows="3"
              ${q.required ? html`required` : ''}
            ></textarea>`,
      )}`;
    }
  }
}

/** One offered form, posted to the page's own route for that input. */
export function offerForm(
  offer: Offer,
  ctx: { plan: Plan; view: IncidentView; lang: Lang; csrf: Html; action: string },
): Html {
  const { plan, view, lang } = ctx;
  const input: AnyInput = offer.form.route.input;
  const base = `f-${input.name}-${Object.values(offer.target).join('-')}`;
  return html`<form method="post" action="${ctx.action}" class="input-form stack">
    <h3>${say(input.summary, lang)}${offer.about ? html`：<span>${say(offer.about, lang)}</span>` : ''}</h3>
    ${ctx.csrf}
    <input type="hidden" name="lang" value="${lang}" />
    <input type="hidden" name="actor.role" value="${offer.role}" />
    ${Object.entries(offer.target).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
    <p class="hint">${say(w.actingAs(roleName(plan, offer.role)), lang)}</p>
    ${offer.form.fields.map((f) => {
      const id = `${base}-${f.name}`;
      const own = f.control.kind === 'choice' || f.control.kind === 'counts' || f.control.kind === 'answers';
      return html`<div class="field">
        ${own
          ? html`<span class="label">${say(label(f.name), lang)}</span>`
          : html`<label for="${id}">${say(label(f.name), lang)}</label>`}
        ${control(f, id, plan, view, offer, lang)}
      </div>`;
    })}
    <button type="submit">${say(input.summary, lang)}</button>
  </form>`;
}

/** Beijing wall time typed in a datetime-local field ("2026-12-01T09:30") as an ISO time with its offset. */
export const beijingIso = (local: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(local) ? `${local}:00+08:00` : local;

/**
 * The posted form as the JSON body the input's route parses: empty fields left out, numbers as numbers,
 * dotted names (metrics.views, answers.cause, actor.role) as objects. The route's schema then judges it
 * and names any bad field.
 */
export function bodyFromForm(
  form: InputForm,
  posted: Record<string, unknown>,
): { params: Record<string, string>; body: Record<string, unknown> } {
  const text = (k: string) => (typeof posted[k] === 'string' ? posted[k].trim() : '');
  const params = Object.fromEntries(form.targets.map((t) => [t, text(t)]));
  const body: Record<string, unknown> = { actor: { role: text('actor.role') } };
  for (const f of form.fields) {
    const c = f.control;
    if (c.kind === 'counts' || c.kind === 'answers') {
      const prefix = `${f.name}.`;
      const entries = Object.keys(posted)
        .filter((k) => k.startsWith(prefix) && text(k) !== '')
        .map((k) => [k.slice(prefix.length), c.kind === 'counts' ? Number(text(k)) : text(k)] as const);
      if (entries.length > 0 || f.required) body[f.name] = Object.fromEntries(entries);
      continue;
    }
    const v = text(f.name);
    if (v === '') continue;
    body[f.name] = c.kind === 'number' ? Number(v) : c.kind === 'time' ? beijingIso(v) : v;
  }
  return { params, body };
}
