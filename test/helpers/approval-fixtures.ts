import { randomUUID } from 'node:crypto';
import { signApprovalToken, type ApprovalLink } from '../../links/approval-token';
import type { caller } from './api-client';
import type { HttpReceiver } from './peers';

// A P1 incident brought to its statement approval over the API, the people who decide it, and their
// signed links: the set-up the approval-link and approver-page tests share.

type Api = ReturnType<typeof caller>;

export const P1 = 'p1-acheng-agriculture';

/** A P1 incident at level Ⅲ whose statement approval awaits its first stage (the party group). */
export async function p1AwaitingApproval(
  api: Api,
  { title = '网传某村土地流转费用未兑现', note }: { title?: string; note?: string } = {},
): Promise<string> {
  const created = await api('POST', '/api/incidents', {
    planId: P1,
    title,
    level: 'l3',
    reporter: 'monitor-wang',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const [stepId, role] of [
    ['report-facts', 'monitor'],
    ['consult', 'party-group'],
    ['draft-statement', 'office'],
  ] as const) {
    const withNote = stepId === 'draft-statement' && note !== undefined;
    const done = await api('POST', `/api/incidents/${id}/steps/${stepId}/complete`, {
      actor: { id: `${role}-person`, role },
      ...(withNote ? { note, link: 'https://docs.example/statement-v1' } : {}),
    });
    expect(done.status).toBe(200);
  }
  return id;
}

/** Someone holding `role` in P1, told through `webhook` when given; returns their id. */
export async function personIn(api: Api, role: string, name: string, webhook?: string): Promise<string> {
  const id = `${role}-${randomUUID().slice(0, 8)}`;
  const created = await api('POST', '/api/people', {
    id,
    name,
    ...(webhook ? { webhook: { url: `${webhook}/${id}`, format: 'json' } } : {}),
    roles: [{ planId: P1, role }],
  });
  expect(created.status).toBe(201);
  return id;
}

/** A link to the statement approval's first stage for `personId`, good for an hour unless `extra` says. */
export const statementLink = (
  secret: string,
  incidentId: string,
  personId: string,
  extra: Partial<ApprovalLink> = {},
) =>
  signApprovalToken(secret, {
    incidentId,
    stepId: 'approve-statement',
    stage: 0,
    personId,
    role: 'party-group',
    expiresAt: new Date(Date.now() + 3_600_000),
    ...extra,
  });

/** The paths of the approval links a person's webhook (made by personIn) received, newest last. */
export const linksReceivedBy = (receiver: HttpReceiver, personId: string): string[] =>
  receiver.deliveries
    .filter((d) => d.path === `/${personId}`)
    .map((d) => (JSON.parse(d.body) as { link?: string }).link)
    .filter((link): link is string => link !== undefined)
    .map((link) => new URL(link).pathname);
