import { submitReview } from '.';
import { close } from '../close';
import { subside } from '../subside';
import type { Actor, IncidentFacts, IncidentState } from '../../domain/incident';
import { openIncident } from '../../engine/incident';
import { contractKit } from '../input-schema';
import { monitor, tinyPlan, type Doc } from '../../test/unit/tiny-plan';

const MINUTE = 60_000;
/** Tuesday 24 November 2026, 10:00 in Shanghai. */
const T0 = Date.parse('2026-11-24T10:00:00+08:00');

const as = (role: string): Actor => ({ id: `${role}-person`, role });
const facts: IncidentFacts = {
  id: 'inc-1',
  title: '测试舆情',
  summary: '',
  level: 'l2',
  reporter: 'wang',
  discoveredAt: T0,
};
const names = (id: string) => ({ zh: id, en: id });
const review: Doc = {
  id: 'review',
  kind: 'review',
  title: names('review'),
  source: { file: 'unit-test', section: 'n/a' },
  after: ['watch'],
  owner: 'lead',
  instructions: names('review'),
  form: [
    { id: 'cause', label: names('cause') },
    { id: 'lessons', label: names('lessons'), required: false },
  ],
};
/** The clerk watches; once the lead declares it subsided, the lead fills in the review. */
const plan = tinyPlan([monitor('watch', 'clerk'), review]);

function atReview(): IncidentState {
  const { state } = openIncident(facts, plan, T0);
  subside.apply(state, plan, { actor: as('lead') }, T0 + MINUTE);
  return state;
}
const submit = (answers: Record<string, string>, role = 'lead', stepId = 'review') => ({
  stepId,
  actor: as(role),
  answers,
});

describe('refusing a review', () => {
  it('refuses a step the plan does not have with unknown-step', () => {
    expect(submitReview.validate(atReview(), plan, submit({ cause: 'c' }, 'lead', 'nope'))?.code).toBe(
      'unknown-step',
    );
  });

  it('refuses a review of a monitor step with wrong-step-kind', () => {
    const { state } = openIncident(facts, plan, T0);
    expect(submitReview.validate(state, plan, submit({ cause: 'c' }, 'clerk', 'watch'))?.code).toBe(
      'wrong-step-kind',
    );
  });

  it('refuses a review before the incident subsided with step-not-open', () => {
    const { state } = openIncident(facts, plan, T0);
    expect(submitReview.validate(state, plan, submit({ cause: 'c' }))).toEqual({
      code: 'step-not-open',
      message: 'step "review" is waiting, not open',
    });
  });

  it('refuses a role other than its owner with wrong-role', () => {
    expect(submitReview.validate(atReview(), plan, submit({ cause: 'c' }, 'clerk'))?.code).toBe('wrong-role');
  });

  it('refuses answers to fields the form does not have with invalid-form, naming them', () => {
    expect(submitReview.validate(atReview(), plan, submit({ cause: 'c', mood: 'x', luck: 'y' }))).toEqual({
      code: 'invalid-form',
      message: 'unknown form field(s): mood, luck',
    });
  });

  it('refuses a required field left out or blank with invalid-form, naming it', () => {
    const missing = { code: 'invalid-form', message: 'required form field(s) missing: cause' };
    expect(submitReview.validate(atReview(), plan, submit({ lessons: 'l' }))).toEqual(missing);
    expect(submitReview.validate(atReview(), plan, submit({ cause: '  ' }))).toEqual(missing);
  });

  it('refuses a review on a closed incident with incident-closed', () => {
    const state = atReview();
    close.apply(state, plan, { actor: as('lead'), reason: 'merged' }, T0 + 2 * MINUTE);
    expect(submitReview.validate(state, plan, submit({ cause: 'c' }))?.code).toBe('incident-closed');
  });

  it('accepts the owner with every required field, optional ones left out', () => {
    expect(submitReview.validate(atReview(), plan, submit({ cause: 'a rumour' }))).toBeUndefined();
  });
});

describe('submitting a review', () => {
  it('keeps the answers, records them and the step done, and closes an incident with nothing left', () => {
    const state = atReview();
    const answers = { cause: 'a rumour', lessons: 'answer sooner' };
    expect(submitReview.apply(state, plan, submit(answers), T0 + 2 * MINUTE)).toEqual([]);
    expect(state.steps.review).toMatchObject({
      status: 'done',
      doneAt: T0 + 2 * MINUTE,
      doneBy: 'lead-person',
      answers,
    });
    expect(state.timeline.slice(-3).map((e) => [e.type, e.stepId])).toEqual([
      ['review-submitted', 'review'],
      ['step-done', 'review'],
      ['incident-closed', undefined],
    ]);
    expect(state.timeline.at(-3)).toMatchObject({
      actor: 'lead-person',
      data: { role: 'lead', answers: { cause: 'a rumour' } },
    });
    expect(state.status).toBe('closed');
    answers.cause = 'changed afterwards';
    expect(state.steps.review!.answers!.cause).toBe('a rumour');
  });
});

describe('the submit-review contract', () => {
  const fields = contractKit.z.strictObject(submitReview.fields(contractKit));

  it('takes answers as text by field id', () => {
    expect(fields.parse({ stepId: 'review', answers: { cause: 'c' } })).toEqual({
      stepId: 'review',
      answers: { cause: 'c' },
    });
  });

  it('refuses an answer that is not text, and a missing answers object', () => {
    expect(fields.safeParse({ stepId: 'review', answers: { cause: 3 } }).success).toBe(false);
    expect(fields.safeParse({ stepId: 'review' }).success).toBe(false);
  });
});
