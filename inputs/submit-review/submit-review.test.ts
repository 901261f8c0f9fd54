import { submitReview } from '.';
import { close } from '../close';
import { contractKit } from '../input-schema';
import { as, MINUTE, openAt, subsided, T0 } from '../../test/helpers/input-fixtures';
import { formField, monitor, review, tinyPlan } from '../../test/unit/tiny-plan';

/** The clerk watches; once the lead declares it subsided, the lead fills in the review. */
const plan = tinyPlan([
  monitor('watch', 'clerk'),
  review('review', 'lead', [formField('cause'), formField('lessons', { required: false })], {
    after: ['watch'],
  }),
]);

/** Subsided a minute after it opened, so the review is open. */
const atReview = () => subsided(plan);
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
    const state = openAt(plan);
    expect(submitReview.validate(state, plan, submit({ cause: 'c' }, 'clerk', 'watch'))?.code).toBe(
      'wrong-step-kind',
    );
  });

  it('refuses a review before the incident subsided with step-not-open', () => {
    const state = openAt(plan);
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
