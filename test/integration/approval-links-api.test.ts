import { ApprovalLinkView } from '../../api/responses';
import { Verdict } from '../../domain/incident-schema';
import type { ApprovalLink } from '../../links/approval-token';
import { caller, startApiStack, type ApiStack } from '../helpers/api-stack';
import { P1, p1AwaitingApproval, personIn, statementLink } from '../helpers/approval-fixtures';
import { schemaIssues } from '../helpers/schema-issues';

// Deciding an approval through the signed link in the approval message: no API key, the token is the
// credential, and the decision is recorded as the person the link was made for.

const OPERATOR_KEY = 'approval-links-operator-0123456789';

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack('approval-links', OPERATOR_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

const operator = caller(() => stack.baseUrl, OPERATOR_KEY);
const anyone = caller(() => stack.baseUrl, undefined);

const incidentAwaitingApproval = () => p1AwaitingApproval(operator);
const partyGroupMember = () => personIn(operator, 'party-group', '李建国');
const linkFor = (incidentId: string, personId: string, extra: Partial<ApprovalLink> = {}) =>
  statementLink(stack.linkSecret, incidentId, personId, extra);

describe('signed approval links', () => {
  test('says what the link decides, then decides it as its person; a second use is refused with 409', async () => {
    const incidentId = await incidentAwaitingApproval();
    const person = await partyGroupMember();
    const token = linkFor(incidentId, person);

    const shown = await anyone('GET', `/links/${token}`);
    expect(shown).toMatchObject({
      status: 200,
      body: {
        incident: { id: incidentId, title: '网传某村土地流转费用未兑现', planId: P1, status: 'open' },
        step: { id: 'approve-statement', title: { zh: '通稿审批' } },
        stage: 0,
        role: 'party-group',
        person: { id: person, name: '李建国' },
        decidable: true,
      },
    });
    expect(Date.parse(shown.body.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(schemaIssues(ApprovalLinkView, shown.body)).toEqual([]);

    const decided = await anyone('POST', `/links/${token}/decision`, {
      decision: 'approve',
      comment: '同意发布',
    });
    expect(decided).toMatchObject({ status: 200, body: { accepted: true, stepStatus: 'open' } });
    expect(schemaIssues(Verdict, decided.body)).toEqual([]);
    const approval = await stack.prisma.approval.findFirstOrThrow({
      where: { incidentId, stepId: 'approve-statement' },
    });
    expect(approval).toMatchObject({
      actor: person,
      role: 'party-group',
      decision: 'approve',
      comment: '同意发布',
      stage: 0,
    });
    const state = await operator('GET', `/api/incidents/${incidentId}`);
    expect(state.body.timeline).toContainEqual(
      expect.objectContaining({ type: 'approval-decided', stepId: 'approve-statement', actor: person }),
    );

    const again = await anyone('POST', `/links/${token}/decision`, { decision: 'approve' });
    // The workflow itself refuses the stage it has moved past, saying who decided it (no check-then-act).
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'stage-closed' } } });
    expect((again.body as { error: { message: string } }).error.message).toContain(person);
    const decidedAlready = (await anyone('GET', `/links/${token}`)).body;
    expect(decidedAlready).toMatchObject({ decidable: false });
    expect(schemaIssues(ApprovalLinkView, decidedAlready)).toEqual([]);
  });

  test('passes on the workflow’s refusal with its reason: a rejection needs a comment', async () => {
    const incidentId = await incidentAwaitingApproval();
    const token = linkFor(incidentId, await partyGroupMember());
    const refused = await anyone('POST', `/links/${token}/decision`, { decision: 'reject' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'comment-required' } } });
    const bad = await anyone('POST', `/links/${token}/decision`, { decision: 'maybe' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    expect(bad.body.error?.details[0]?.path).toBe('decision');
  });

  test('an expired link is 401 link-expired; a tampered, foreign or malformed one is 401 link-invalid', async () => {
    const incidentId = await incidentAwaitingApproval();
    const person = await partyGroupMember();
    const expired = linkFor(incidentId, person, { expiresAt: new Date(Date.now() - 1_000) });
    for (const method of ['GET', 'POST'] as const) {
      const url = method === 'GET' ? `/links/${expired}` : `/links/${expired}/decision`;
      const res = await anyone(method, url, method === 'POST' ? { decision: 'approve' } : undefined);
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'link-expired' } } });
    }

    const token = linkFor(incidentId, person);
    const [payload, signature] = token.split('.') as [string, string];
    // Claims rewritten to another person, with the original signature: the HMAC no longer matches.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, p: 'someone-else' })).toString('base64url')}.${signature}`;
    const foreign = statementLink('another-installation-secret-0123456789', incidentId, person);
    for (const bad of [forged, foreign, 'not-a-token', `${payload}.`]) {
      const res = await anyone('POST', `/links/${bad}/decision`, { decision: 'approve' });
      expect({ bad, status: res.status, code: res.body.error?.code }).toEqual({
        bad,
        status: 401,
        code: 'link-invalid',
      });
    }
    const state = await operator('GET', `/api/incidents/${incidentId}`);
    expect((state.body.steps as Record<string, { stage?: number }>)['approve-statement']?.stage ?? 0).toBe(0);
  });

  test('a link whose person was deactivated, or no longer holds the role, is 403', async () => {
    const incidentId = await incidentAwaitingApproval();
    const leaving = await partyGroupMember();
    const moved = await partyGroupMember();
    await operator('PATCH', `/api/people/${leaving}`, { active: false });
    await operator('PUT', `/api/people/${moved}/roles`, { roles: [{ planId: P1, role: 'office' }] });

    const inactive = await anyone('POST', `/links/${linkFor(incidentId, leaving)}/decision`, {
      decision: 'approve',
    });
    expect(inactive).toMatchObject({ status: 403, body: { error: { code: 'person-inactive' } } });
    const roleless = await anyone('POST', `/links/${linkFor(incidentId, moved)}/decision`, {
      decision: 'approve',
    });
    expect(roleless).toMatchObject({ status: 403, body: { error: { code: 'role-not-assigned' } } });
    const unknown = await anyone('GET', `/links/${linkFor(incidentId, 'never-existed')}`);
    expect(unknown).toMatchObject({ status: 403, body: { error: { code: 'person-inactive' } } });
  });
});
