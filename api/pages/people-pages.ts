import type { Plan } from '../../domain/plan-schema';
import { roleName } from '../../domain/plan-reading';
import { beijingTime, type Words } from '../../domain/words';
import { peoplePages as w } from '../../domain/page-words';
import type { PlanCatalog } from '../../plans/catalog';
import type { IssuedKey, KeySummary } from '../../storage/api-keys';
import type { PersonRecord, RoleRef } from '../../storage/people';
import { roleKey, type FieldProblem, type FormField, type PersonFormValues } from './people-form';
import { html, type Html } from './html';
import { say, type Lang } from './layout';
import type { TestMessageOutcome } from './test-message';

type Channel = keyof typeof w.channel;

// The people and roles pages (operators), drawn from what storage answers: people with their roles
// grouped per plan in the plan's own words, how each is reached, their keys; the form to add or change
// one; a new key shown once; a test message's outcome. Pure: the router reads and writes, these draw.
// A webhook secret is never drawn (a record only says whether one is set), nor a webhook's whole URL
// outside its own form: bots put their access token in it.

/** Where the pages live and in which language; every form carries the session's CSRF field. */
export interface PageContext {
  lang: Lang;
  /** The router's mount path, e.g. /people. */
  base: string;
  csrf: Html;
}

type Done = keyof typeof w.done;

const FORMATS = ['json', 'wecom', 'dingtalk', 'feishu'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);
const formatName = (f: string): Words => (isFormat(f) ? w.format[f] : { zh: f, en: f });

/** A path under the pages, in the page's language (Chinese needs no query: it is the default). */
export function pageHref(base: string, path: string, lang: Lang, query: Record<string, string> = {}): string {
  const all = new URLSearchParams({ ...query, ...(lang === 'en' ? { lang } : {}) }).toString();
  return `${base}${path}${all ? `?${all}` : ''}`;
}

const personPath = (id: string) => `/${encodeURIComponent(id)}`;

/** A role held for every plan is named as the first plan having it names it. */
function everyPlanRoleName(catalog: PlanCatalog, role: string): Words {
  const plan = catalog.list().find((p) => p.roles.some((r) => r.id === role));
  return plan ? roleName(plan, role) : { zh: role, en: role };
}

export interface PlanRoles {
  /** A plan id, or "*". */
  planId: string;
  plan: Plan | undefined;
  roles: { id: string; names: Words }[];
}

/** A person's roles grouped per plan: every plan (*) first, then the catalog's order, then plans it lacks. */
export function rolesByPlan(catalog: PlanCatalog, roles: RoleRef[]): PlanRoles[] {
  const planIds = [
    '*',
    ...catalog.list().map((p) => p.id),
    ...roles.map((r) => r.planId).filter((id) => id !== '*' && !catalog.get(id)),
  ];
  return [...new Set(planIds)].flatMap((planId): PlanRoles[] => {
    const held = roles.filter((r) => r.planId === planId);
    if (held.length === 0) return [];
    const plan = catalog.get(planId);
    const names = (role: string) =>
      planId === '*'
        ? everyPlanRoleName(catalog, role)
        : plan
          ? roleName(plan, role)
          : { zh: role, en: role };
    return [{ planId, plan, roles: held.map((r) => ({ id: r.role, names: names(r.role) })) }];
  });
}

function planTitle(group: { planId: string; plan: Plan | undefined }, lang: Lang): string {
  if (group.planId === '*') return say(w.everyPlan, lang);
  return group.plan ? say(group.plan.title, lang) : say(w.unknownPlan(group.planId), lang);
}

function rolesCell(catalog: PlanCatalog, person: PersonRecord, lang: Lang): Html {
  const groups = rolesByPlan(catalog, person.roles);
  if (groups.length === 0) return html`<span class="hint">${say(w.noRoles, lang)}</span>`;
  return html`<dl class="plan-roles">
    ${groups.map(
      (g) =>
        html`<dt>${planTitle(g, lang)}</dt>
          <dd>
            ${g.roles.map((r, i) => html`${i > 0 ? (lang === 'zh' ? '、' : ', ') : ''}${say(r.names, lang)}`)}
          </dd>`,
    )}
  </dl>`;
}

const channelLine = (channel: Channel, lang: Lang, what: Html | string) =>
  html`<li><span class="tag">${say(w.channel[channel], lang)}</span> ${what}</li>`;

/** A webhook by its format and host: its URL may carry the bot's access token. */
const webhookLine = (webhook: { url: string; format: string }, lang: Lang) =>
  channelLine(
    'webhook',
    lang,
    html`${say(formatName(webhook.format), lang)} <span class="hint">${hostOf(webhook.url)}</span>`,
  );

/** How a person is reached, never with a secret and never with a webhook's whole URL. */
function channelsList(person: PersonRecord, lang: Lang): Html {
  const items = [
    person.email ? channelLine('email', lang, person.email) : '',
    person.phone ? channelLine('phone', lang, person.phone) : '',
    person.webhook ? webhookLine(person.webhook, lang) : '',
  ].filter((i): i is Html => i !== '');
  if (items.length === 0) return html`<span class="hint">${say(w.noChannel, lang)}</span>`;
  return html`<ul class="plain">
    ${items}
  </ul>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

const stateChip = (active: boolean, lang: Lang) =>
  html`<span class="state ${active ? 'on' : 'off'}">${say(active ? w.active : w.inactive, lang)}</span>`;

/** The list: each person, whether active, their channels, their roles per plan, their live keys. */
export function peopleListPage(
  ctx: Omit<PageContext, 'csrf'>,
  catalog: PlanCatalog,
  people: PersonRecord[],
  keyCounts: Map<string, number>,
): Html {
  const { lang, base } = ctx;
  const c = w.column;
  const rows = people.map(
    (p) =>
      html`<tr>
        <th scope="row" data-label="${say(c.person, lang)}">
          <a href="${pageHref(base, personPath(p.id), lang)}">${p.name}</a>
          <code>${p.id}</code>
        </th>
        <td class="short" data-label="${say(c.status, lang)}">${stateChip(p.active, lang)}</td>
        <td data-label="${say(c.channels, lang)}">${channelsList(p, lang)}</td>
        <td data-label="${say(c.roles, lang)}">${rolesCell(catalog, p, lang)}</td>
        <td class="short" data-label="${say(c.keys, lang)}">
          ${say(w.keyCount(keyCounts.get(p.id) ?? 0), lang)}
        </td>
      </tr>`,
  );
  return html`<div class="people">
    <div class="people-head">
      <h1>${say(w.title, lang)}</h1>
      <a class="button" href="${pageHref(base, '/new', lang)}">${say(w.add, lang)}</a>
    </div>
    <p class="hint">${say(w.intro, lang)}</p>
    ${people.length === 0
      ? html`<section><p>${say(w.noPeople, lang)}</p></section>`
      : html`<section class="people-list">
          <table class="people-table">
            <thead>
              <tr>
                <th scope="col">${say(c.person, lang)}</th>
                <th scope="col">${say(c.status, lang)}</th>
                <th scope="col">${say(c.channels, lang)}</th>
                <th scope="col">${say(c.roles, lang)}</th>
                <th scope="col">${say(c.keys, lang)}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </section>`}
  </div>`;
}

// The form.

const fieldId = (f: FormField) => `f-${f}`;

function problemsSummary(problems: FieldProblem[], lang: Lang): Html | '' {
  if (problems.length === 0) return '';
  return html`<div class="problem" role="alert" id="problems">
    <p>${say(w.problemsIntro, lang)}</p>
    <ul>
      ${problems.map(
        (p) => html`<li><a href="#${fieldId(p.field)}">${say(w.problem[p.problem], lang)}</a></li>`,
      )}
    </ul>
  </div>`;
}

interface InputSpec {
  field: FormField;
  name: string;
  type: 'text' | 'email' | 'tel' | 'url' | 'password';
  value: string;
  label: Words;
  hint?: Words | undefined;
  extra?: Html;
}

/** A labelled input, its hint and its problem tied to it for screen readers. */
function input(spec: InputSpec, problems: FieldProblem[], lang: Lang): Html {
  const id = fieldId(spec.field);
  const problem = problems.find((p) => p.field === spec.field);
  const described = [spec.hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label class="block" for="${id}">${say(spec.label, lang)}</label>
    ${problem
      ? html`<p class="field-problem" id="${id}-problem">${say(w.problem[problem.problem], lang)}</p>`
      : ''}
    <input
      id="${id}"
      name="${spec.name}"
      type="${spec.type}"
      value="${spec.value}"
      ${described ? html`aria-describedby="${described}"` : ''}
      ${problem ? html`aria-invalid="true"` : ''}
      ${spec.extra ?? ''}
    />
    ${spec.hint ? html`<p class="hint" id="${id}-hint">${say(spec.hint, lang)}</p>` : ''}
  </div>`;
}

/** Every role a plan names, and under "*" every role any plan names, each once. */
function roleChoices(catalog: PlanCatalog): PlanRoles[] {
  const every = new Map<string, Words>();
  for (const plan of catalog.list()) {
    for (const r of plan.roles) if (!every.has(r.id)) every.set(r.id, r.names);
  }
  return [
    { planId: '*', plan: undefined, roles: [...every].map(([id, names]) => ({ id, names })) },
    ...catalog.list().map((plan) => ({
      planId: plan.id,
      plan,
      roles: plan.roles.map((r) => ({ id: r.id, names: r.names })),
    })),
  ];
}

function rolesFieldset(catalog: PlanCatalog, values: PersonFormValues, problems: FieldProblem[], lang: Lang) {
  const ticked = new Set(values.roles);
  const problem = problems.find((p) => p.field === 'roles');
  const groups = roleChoices(catalog).map((g, gi) => {
    const keys = g.roles.map((r) => roleKey({ planId: g.planId, role: r.id }));
    const count = keys.filter((k) => ticked.has(k)).length;
    const legend = planTitle(g, lang);
    return html`<details ${count > 0 || problem ? html`open` : ''}>
      <summary>
        <span>${legend}</span>
        ${count > 0 ? html`<span class="count">${say(w.rolesHeld(count), lang)}</span>` : ''}
      </summary>
      <fieldset ${gi === 0 ? html`id="${fieldId('roles')}"` : ''}>
        <legend class="visually-hidden">${legend}</legend>
        <div class="role-grid">
          ${g.roles.map((r, i) => {
            const key = keys[i]!;
            return html`<label class="choice"
              ><input type="checkbox" name="roles" value="${key}" ${ticked.has(key) ? html`checked` : ''} />
              <span>${say(r.names, lang)}${g.planId === '*' ? html` <code>${r.id}</code>` : ''}</span></label
            >`;
          })}
        </div>
      </fieldset>
    </details>`;
  });
  return html`<section>
    <h2>${say(w.section.roles, lang)}</h2>
    ${problem ? html`<p class="field-problem">${say(w.problem[problem.problem], lang)}</p>` : ''}
    <p class="hint">${say(w.hint.roles, lang)}</p>
    ${groups}
  </section>`;
}

function webhookFields(
  values: PersonFormValues,
  problems: FieldProblem[],
  lang: Lang,
  person: PersonRecord | undefined,
): Html {
  const formatProblem = problems.find((p) => p.field === 'webhookFormat');
  const secretHint = values.secretTyped
    ? w.hint.secretRetype
    : !person
      ? w.hint.secretNew
      : person.hasWebhookSecret
        ? w.hint.secretKept
        : w.hint.secretNone;
  return html`${input(
      {
        field: 'webhookUrl',
        name: 'webhookUrl',
        type: 'url',
        value: values.webhookUrl,
        label: w.field.webhookUrl,
        hint: w.hint.webhookUrl,
        extra: html`autocomplete="off" maxlength="2000"`,
      },
      problems,
      lang,
    )}
    <div class="field">
      <label class="block" for="${fieldId('webhookFormat')}">${say(w.field.webhookFormat, lang)}</label>
      ${formatProblem
        ? html`<p class="field-problem" id="${fieldId('webhookFormat')}-problem">
            ${say(w.problem.webhookFormat, lang)}
          </p>`
        : ''}
      <select
        id="${fieldId('webhookFormat')}"
        name="webhookFormat"
        ${formatProblem
          ? html`aria-invalid="true" aria-describedby="${fieldId('webhookFormat')}-problem"`
          : ''}
      >
        ${FORMATS.map(
          (f) =>
            html`<option value="${f}" ${values.webhookFormat === f ? html`selected` : ''}>
              ${say(w.format[f], lang)}
            </option>`,
        )}
      </select>
    </div>
    ${input(
      {
        field: 'webhookSecret',
        name: 'webhookSecret',
        type: 'password',
        // Write-only: never drawn, not even as typed into a form that came back.
        value: '',
        label: w.field.webhookSecret,
        hint: secretHint,
        extra: html`autocomplete="new-password" maxlength="200"`,
      },
      problems,
      lang,
    )}
    ${person?.hasWebhookSecret
      ? html`<label class="choice"
          ><input type="checkbox" name="clearSecret" ${values.clearSecret ? html`checked` : ''} /> ${say(
            w.clearSecret,
            lang,
          )}</label
        >`
      : ''}`;
}

/** Adding a person (no person yet) or changing one: who, how they are reached, their roles. */
export function personForm(
  ctx: PageContext,
  catalog: PlanCatalog,
  person: PersonRecord | undefined,
  values: PersonFormValues,
  problems: FieldProblem[],
): Html {
  const { lang, base } = ctx;
  const action = pageHref(base, person ? personPath(person.id) : '', lang);
  const idField = person
    ? html`<dl class="facts">
          <dt>${say(w.field.id, lang)}</dt>
          <dd><code>${person.id}</code></dd>
        </dl>
        <p class="hint">${say(w.hint.idFixed, lang)}</p>`
    : input(
        {
          field: 'id',
          name: 'id',
          type: 'text',
          value: values.id,
          label: w.field.id,
          hint: w.hint.id,
          extra: html`required maxlength="100" autocomplete="off" autocapitalize="none" spellcheck="false"`,
        },
        problems,
        lang,
      );
  return html`<form method="post" action="${action}" class="person-form">
    ${ctx.csrf}
    <section>
      <h2>${say(w.section.who, lang)}</h2>
      ${idField}
      ${input(
        {
          field: 'name',
          name: 'name',
          type: 'text',
          value: values.name,
          label: w.field.name,
          extra: html`required maxlength="200" autocomplete="off"`,
        },
        problems,
        lang,
      )}
      ${person
        ? html`<label class="choice"
            ><input type="checkbox" name="active" ${values.active ? html`checked` : ''} /> ${say(
              w.field.active,
              lang,
            )}</label
          >`
        : ''}
    </section>
    <section>
      <h2>${say(w.section.reach, lang)}</h2>
      ${input(
        {
          field: 'phone',
          name: 'phone',
          type: 'tel',
          value: values.phone,
          label: w.field.phone,
          hint: w.hint.phone,
          extra: html`maxlength="30" autocomplete="off"`,
        },
        problems,
        lang,
      )}
      ${input(
        {
          field: 'email',
          name: 'email',
          type: 'email',
          value: values.email,
          label: w.field.email,
          hint: w.hint.email,
          extra: html`maxlength="320" autocomplete="off"`,
        },
        problems,
        lang,
      )}
      ${webhookFields(values, problems, lang, person)}
    </section>
    ${rolesFieldset(catalog, values, problems, lang)}
    <button type="submit">${say(person ? w.save : w.create, lang)}</button>
  </form>`;
}

/** Back to the list, or to the person a page is about. */
const backLink = (ctx: Omit<PageContext, 'csrf'>, personId?: string) =>
  html`<p class="back">
    <a href="${pageHref(ctx.base, personId === undefined ? '' : personPath(personId), ctx.lang)}"
      >← ${say(personId === undefined ? w.back : w.backToPerson, ctx.lang)}</a
    >
  </p>`;

/** The page to add a person. */
export function newPersonPage(
  ctx: PageContext,
  catalog: PlanCatalog,
  values: PersonFormValues,
  problems: FieldProblem[],
): Html {
  return html`<div class="people">
    ${backLink(ctx)}
    <h1>${say(w.newTitle, ctx.lang)}</h1>
    ${problemsSummary(problems, ctx.lang)} ${personForm(ctx, catalog, undefined, values, problems)}
  </div>`;
}

function keysSection(
  ctx: PageContext,
  person: PersonRecord,
  keys: KeySummary[],
  label: { value: string; problem?: FieldProblem | undefined },
): Html {
  const { lang, base } = ctx;
  const k = w.keys;
  const now = Date.now();
  const rows = keys.map(
    (key) =>
      html`<tr>
        <td data-label="${say(k.label, lang)}">${key.label}</td>
        <td data-label="${say(k.id, lang)}"><code>${key.id}</code></td>
        <td data-label="${say(k.issued, lang)}">${say(beijingTime(key.createdAt.getTime(), now), lang)}</td>
        <td data-label="${say(k.state, lang)}">
          ${key.revokedAt
            ? html`<span class="hint"
                >${say(k.revokedAt(beijingTime(key.revokedAt.getTime(), now)), lang)}</span
              >`
            : html`<form
                method="post"
                class="inline"
                action="${pageHref(base, `${personPath(person.id)}/keys/${key.id}/revoke`, lang)}"
              >
                ${ctx.csrf}
                <span class="state on">${say(k.valid, lang)}</span>
                <button type="submit" class="danger" aria-label="${say(k.revokeLabel(key.label), lang)}">
                  ${say(k.revoke, lang)}
                </button>
              </form>`}
        </td>
      </tr>`,
  );
  return html`<section id="keys">
    <h2>${say(w.section.keys, lang)}</h2>
    <p class="hint">${say(k.explain, lang)}</p>
    ${keys.length === 0
      ? html`<p>${say(k.none, lang)}</p>`
      : html`<table class="keys-table">
          <thead>
            <tr>
              <th scope="col">${say(k.label, lang)}</th>
              <th scope="col">${say(k.id, lang)}</th>
              <th scope="col">${say(k.issued, lang)}</th>
              <th scope="col">${say(k.state, lang)}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`}
    <form method="post" action="${pageHref(base, `${personPath(person.id)}/keys`, lang)}">
      ${ctx.csrf}
      ${input(
        {
          field: 'label',
          name: 'label',
          type: 'text',
          value: label.value,
          label: w.field.label,
          hint: w.hint.label,
          extra: html`required maxlength="100" autocomplete="off"`,
        },
        label.problem ? [label.problem] : [],
        lang,
      )}
      <button type="submit">${say(k.issue, lang)}</button>
    </form>
  </section>`;
}

function testSection(ctx: PageContext, person: PersonRecord): Html {
  const { lang, base } = ctx;
  const reach = [
    person.email ? channelLine('email', lang, person.email) : '',
    person.webhook ? webhookLine(person.webhook, lang) : '',
  ].filter((i): i is Html => i !== '');
  return html`<section id="test">
    <h2>${say(w.section.test, lang)}</h2>
    <p class="hint">${say(w.test.explain, lang)}</p>
    ${reach.length > 0
      ? html`<p>${say(w.test.willUse, lang)}</p>
          <ul class="plain">
            ${reach}
          </ul>`
      : html`<p class="problem">${say(w.noChannel, lang)}</p>`}
    <form method="post" action="${pageHref(base, `${personPath(person.id)}/test-message`, lang)}">
      ${ctx.csrf}
      <button type="submit" class="secondary">${say(w.test.send, lang)}</button>
    </form>
  </section>`;
}

export interface PersonPageParts {
  person: PersonRecord;
  values: PersonFormValues;
  problems: FieldProblem[];
  keys: KeySummary[];
  /** The key label typed, and what is wrong with it, when issuing a key was refused. */
  keyLabel?: { value: string; problem?: FieldProblem | undefined };
  done?: Done | undefined;
}

/** One person: the form to change them, their keys, and the test message. */
export function personPage(ctx: PageContext, catalog: PlanCatalog, parts: PersonPageParts): Html {
  const { lang } = ctx;
  const { person } = parts;
  return html`<div class="people">
    ${backLink(ctx)}
    <h1>${say(w.editTitle(person.name), lang)} ${stateChip(person.active, lang)}</h1>
    ${parts.done ? html`<p class="notice" role="status">${say(w.done[parts.done], lang)}</p>` : ''}
    ${problemsSummary(
      [...parts.problems, ...(parts.keyLabel?.problem ? [parts.keyLabel.problem] : [])],
      lang,
    )}
    ${personForm(ctx, catalog, person, parts.values, parts.problems)}
    ${keysSection(ctx, person, parts.keys, parts.keyLabel ?? { value: '' })} ${testSection(ctx, person)}
  </div>`;
}

/** The new key, shown this once: only its digest is kept. */
export function keyIssuedPage(ctx: Omit<PageContext, 'csrf'>, person: PersonRecord, issued: IssuedKey): Html {
  const { lang } = ctx;
  return html`<div class="people">
    <h1>${say(w.issuedTitle, lang)}</h1>
    <section class="alert">
      <p><strong>${say(w.onceWarning, lang)}</strong></p>
      <p>${say(w.issuedFor(person.name, issued.label), lang)}</p>
      <p><code class="issued-key" id="issued-key">${issued.key}</code></p>
    </section>
    ${backLink(ctx, person.id)}
  </div>`;
}

const outcomeLine = (channel: Channel, recipient: string, status: Html, lang: Lang, reason?: string) =>
  html`<li>
    <span class="tag">${say(w.channel[channel], lang)}</span> ${recipient} — ${status}
    ${reason ? html`<div class="material hint">${reason}</div>` : ''}
  </li>`;

/** What the worker did with a test message: each channel it went to, or why it went nowhere. */
export function testMessagePage(
  ctx: Omit<PageContext, 'csrf'>,
  person: PersonRecord,
  outcome: TestMessageOutcome | { kind: 'inactive' },
): Html {
  const { lang } = ctx;
  const sent = html`<span class="good">${say(w.test.sent, lang)}</span>`;
  const notSent = html`<span class="late">${say(w.test.notSent, lang)}</span>`;
  let summary: Words;
  let lines: Html[] = [];
  switch (outcome.kind) {
    case 'sent':
      summary = w.test.allSent;
      lines = outcome.sent.map((c) => outcomeLine(c.channel, c.recipient, sent, lang));
      break;
    case 'failed':
      summary = w.test.failed;
      lines = outcome.failures.map((f) => outcomeLine(f.channel, f.recipient, notSent, lang, f.reason));
      break;
    case 'no-channel':
      summary = w.test.nowhere;
      break;
    case 'inactive':
    case 'no-person':
      summary = w.test.inactive;
      break;
    case 'pending':
      summary = w.test.pending;
      break;
  }
  // An address the worker has no mailer for is left out of a message that went by webhook.
  const mailSkipped =
    outcome.kind === 'sent' && person.email !== null && !outcome.sent.some((c) => c.channel === 'email');
  return html`<div class="people">
    ${backLink(ctx, person.id)}
    <h1>${say(w.test.title, lang)}</h1>
    <section class="outcome${outcome.kind === 'sent' ? '' : ' rejected'}" role="status">
      <p>${person.name} <code>${person.id}</code></p>
      <p><strong>${say(summary, lang)}</strong></p>
      ${lines.length > 0
        ? html`<ul class="plain">
            ${lines}
          </ul>`
        : ''}
      ${mailSkipped ? html`<p class="hint">${say(w.test.noMailer, lang)}</p>` : ''}
    </section>
  </div>`;
}

/** No such person or key, or something that went wrong: a page that says so. */
export function problemPage(ctx: Omit<PageContext, 'csrf'>, title: Words, text: Words): Html {
  return html`<div class="people">
    ${backLink(ctx)}
    <h1>${say(title, ctx.lang)}</h1>
    <section><p>${say(text, ctx.lang)}</p></section>
  </div>`;
}
