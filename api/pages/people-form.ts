import type { z } from 'zod';
import type { peoplePages } from '../../domain/page-words';
import type { PlanCatalog } from '../../plans/catalog';
import type { PersonPatch, PersonRecord, RoleRef } from '../../storage/people';
import { CreateApiKeyBody, CreatePersonBody, UpdatePersonBody } from '../people-schemas';
import { bodyRolePath, roleProblems } from '../role-check';

// The person form as the browser posts it (urlencoded, one value or a list per name) turned into the
// people API's own bodies and checked by the API's own schemas, so a person added on a page is held to
// exactly what the JSON API holds them to. A problem names the form field it belongs to.

export type FormField =
  | 'id'
  | 'name'
  | 'phone'
  | 'email'
  | 'webhookUrl'
  | 'webhookFormat'
  | 'webhookSecret'
  | 'roles'
  | 'label';

export type ProblemId = keyof typeof peoplePages.problem;

export interface FieldProblem {
  field: FormField;
  problem: ProblemId;
}

/** What the form shows: what was stored, or what was typed. The webhook secret is never among them. */
export interface PersonFormValues {
  id: string;
  name: string;
  phone: string;
  email: string;
  webhookUrl: string;
  webhookFormat: string;
  active: boolean;
  /** A secret was typed into a form that came back: the page asks for it again rather than show it. */
  secretTyped: boolean;
  clearSecret: boolean;
  /** Ticked roles as `planId/role`. */
  roles: string[];
}

/** The value of a role checkbox: plan ids and role ids are slugs (or "*"), so "/" cannot occur in either. */
export const roleKey = (r: RoleRef): string => `${r.planId}/${r.role}`;

function roleOf(key: string): RoleRef | undefined {
  const [planId, role, ...rest] = key.split('/');
  return planId && role && rest.length === 0 ? { planId, role } : undefined;
}

type Posted = Record<string, unknown>;

/** One text field: express.urlencoded gives a list for a name sent twice; the first counts. */
function field(body: Posted, name: string): string {
  const v = body[name];
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

function fieldList(body: Posted, name: string): string[] {
  const v = body[name];
  const all: unknown[] = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string');
}

const asPosted = (body: unknown): Posted =>
  typeof body === 'object' && body !== null ? (body as Posted) : {};

export const emptyForm = (): PersonFormValues => ({
  id: '',
  name: '',
  phone: '',
  email: '',
  webhookUrl: '',
  webhookFormat: 'json',
  active: true,
  secretTyped: false,
  clearSecret: false,
  roles: [],
});

export const formOf = (p: PersonRecord): PersonFormValues => ({
  id: p.id,
  name: p.name,
  phone: p.phone ?? '',
  email: p.email ?? '',
  webhookUrl: p.webhook?.url ?? '',
  webhookFormat: p.webhook?.format ?? 'json',
  active: p.active,
  secretTyped: false,
  clearSecret: false,
  roles: p.roles.map(roleKey),
});

/** The posted form: the values to show again if it comes back, and the secret kept apart from them. */
export function readPersonForm(body: unknown): { values: PersonFormValues; secret: string } {
  const posted = asPosted(body);
  // A secret is taken as typed: spaces may be part of it.
  const rawSecret = posted.webhookSecret;
  const secret = typeof rawSecret === 'string' ? rawSecret : '';
  return {
    secret,
    values: {
      id: field(posted, 'id'),
      name: field(posted, 'name'),
      phone: field(posted, 'phone'),
      email: field(posted, 'email'),
      webhookUrl: field(posted, 'webhookUrl'),
      webhookFormat: field(posted, 'webhookFormat') || 'json',
      active: field(posted, 'active') === 'on',
      secretTyped: secret !== '',
      clearSecret: field(posted, 'clearSecret') === 'on',
      roles: [...new Set(fieldList(posted, 'roles'))],
    },
  };
}

/** The problem a schema issue at this path stands for. */
function problemAt(path: readonly PropertyKey[]): FieldProblem {
  const [head, sub] = path.map(String);
  if (head === 'webhook') {
    if (sub === 'format') return { field: 'webhookFormat', problem: 'webhookFormat' };
    if (sub === 'secret') return { field: 'webhookSecret', problem: 'webhookSecret' };
    return { field: 'webhookUrl', problem: 'webhookUrl' };
  }
  if (head === 'id' || head === 'name' || head === 'phone' || head === 'email' || head === 'label') {
    return { field: head, problem: head };
  }
  if (head === 'roles') return { field: 'roles', problem: 'roles' };
  // The form builds every body itself: an issue elsewhere is a mistake in this module.
  throw new Error(`person form: no field for the schema issue at ${path.map(String).join('.')}`);
}

/** One problem per field, in the order the form shows them. */
function problemsOf(issues: readonly { path: readonly PropertyKey[] }[]): FieldProblem[] {
  const byField = new Map<FormField, FieldProblem>();
  for (const issue of issues) {
    const p = problemAt(issue.path);
    if (!byField.has(p.field)) byField.set(p.field, p);
  }
  return [...byField.values()];
}

const ORDER: FormField[] = [
  'id',
  'name',
  'phone',
  'email',
  'webhookUrl',
  'webhookFormat',
  'webhookSecret',
  'roles',
  'label',
];
const inFormOrder = (ps: FieldProblem[]) =>
  [...ps].sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field));

/** The ticked roles, each a role of a plan in the catalog (or of some plan, under "*"). */
function rolesOf(values: PersonFormValues, catalog: PlanCatalog): RoleRef[] | FieldProblem {
  const roles = values.roles.map(roleOf);
  const known = roles.filter((r): r is RoleRef => r !== undefined);
  if (known.length !== roles.length || roleProblems(catalog, known, bodyRolePath).length > 0) {
    return { field: 'roles', problem: 'roles' };
  }
  return known;
}

const given = (s: string) => (s === '' ? undefined : s);

type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

function checked<S extends z.ZodType, T>(
  schema: S,
  candidate: unknown,
  extra: FieldProblem[],
  then: (parsed: z.infer<S>) => T,
): Checked<T> {
  const parsed = schema.safeParse(candidate);
  const problems = [...(parsed.success ? [] : problemsOf(parsed.error.issues)), ...extra];
  const distinct = [...new Map(problems.map((p) => [p.field, p])).values()];
  if (distinct.length > 0 || !parsed.success) return { ok: false, problems: inFormOrder(distinct) };
  return { ok: true, value: then(parsed.data) };
}

function webhookProblems(values: PersonFormValues, secret: string): FieldProblem[] {
  return values.webhookUrl === '' && secret !== ''
    ? [{ field: 'webhookSecret', problem: 'secretWithoutUrl' }]
    : [];
}

/** A new person from the form, as POST /api/people takes one. */
export function newPersonFrom(
  values: PersonFormValues,
  secret: string,
  catalog: PlanCatalog,
): Checked<CreatePersonBody> {
  const roles = rolesOf(values, catalog);
  const extra = [...webhookProblems(values, secret), ...(Array.isArray(roles) ? [] : [roles])];
  // "new" is a slug the API takes, but here it is the address of this very form.
  if (values.id === 'new') extra.unshift({ field: 'id', problem: 'idReserved' });
  const candidate = {
    id: values.id,
    name: values.name,
    phone: given(values.phone),
    email: given(values.email),
    webhook: values.webhookUrl
      ? { url: values.webhookUrl, format: values.webhookFormat, secret: given(secret) }
      : undefined,
    roles: Array.isArray(roles) ? roles : [],
  };
  return checked(CreatePersonBody, candidate, extra, (body) => body);
}

/** The change to a person from the form, as PATCH /api/people/:id takes it, and their roles. */
export function personChangeFrom(
  values: PersonFormValues,
  secret: string,
  catalog: PlanCatalog,
): Checked<{ patch: PersonPatch; roles: RoleRef[] }> {
  const roles = rolesOf(values, catalog);
  const extra = [...webhookProblems(values, secret), ...(Array.isArray(roles) ? [] : [roles])];
  const candidate = {
    name: values.name,
    phone: given(values.phone) ?? null,
    email: given(values.email) ?? null,
    webhook: values.webhookUrl
      ? { url: values.webhookUrl, format: values.webhookFormat, secret: given(secret) }
      : null,
    active: values.active,
  };
  return checked(UpdatePersonBody, candidate, extra, (patch) => ({
    // Left empty, the secret stays as it is, unless the form asks for it to go.
    patch: { ...patch, keepWebhookSecret: !values.clearSecret },
    roles: Array.isArray(roles) ? roles : [],
  }));
}

/** The label of a key to issue, as POST /api/people/:id/api-keys takes it. */
export function keyLabelFrom(body: unknown): Checked<string> & { label: string } {
  const label = field(asPosted(body), 'label');
  return { label, ...checked(CreateApiKeyBody, { label }, [], (b) => b.label) };
}
