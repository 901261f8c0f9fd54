import { HttpError } from '../../api/errors';
import { mergeTimeline, timelineFields, type EventView } from '../../api/projection-view';
import { parseTimelineQuery } from '../../api/timeline-query';

const event = (seq: number, from = 'store'): EventView => ({
  seq,
  at: 1_700_000_000_000 + seq,
  type: 'step-done',
  data: { from },
});
const range = (from: number, to: number, source?: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => event(from + i, source));
const seqs = (events: EventView[]) => events.map((e) => e.seq);

describe('the timeline embedded in an incident answer', () => {
  test('joins stored events and the ones the workflow still holds, each seq once and in order', () => {
    const stored = range(1, 5);
    const between = [...range(4, 7)].reverse();
    const held = range(6, 9, 'workflow');
    const { timeline, truncated } = mergeTimeline([stored, between, held], {
      upTo: 9,
      limit: 100,
      earlier: false,
    });
    expect(seqs(timeline)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(truncated).toBe(false);
    // The first piece to name a seq wins: a stored event is answered as stored.
    expect(timeline[5]).toEqual(event(6, 'store'));
    expect(timeline[8]).toEqual(event(9, 'workflow'));
  });

  test('leaves out events newer than the state it is answered with', () => {
    const { timeline } = mergeTimeline([range(1, 3), range(4, 6, 'workflow')], {
      upTo: 4,
      limit: 100,
      earlier: false,
    });
    expect(seqs(timeline)).toEqual([1, 2, 3, 4]);
  });

  test('keeps the latest events when there are more than the limit, and says it left some out', () => {
    const { timeline, truncated } = mergeTimeline([range(3, 8), range(9, 10, 'workflow')], {
      upTo: 10,
      limit: 5,
      earlier: false,
    });
    expect(seqs(timeline)).toEqual([6, 7, 8, 9, 10]);
    expect(truncated).toBe(true);
  });

  test('says it left some out when the store holds events before the first one read', () => {
    const { timeline, truncated } = mergeTimeline([range(6, 8)], { upTo: 8, limit: 5, earlier: true });
    expect(seqs(timeline)).toEqual([6, 7, 8]);
    expect(truncated).toBe(true);
  });

  test('points at the paged timeline only when events were left out', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(timelineFields(id, { timeline: [], truncated: false })).toEqual({
      timeline: [],
      timelineTruncated: false,
      timelineNext: null,
    });
    expect(timelineFields(id, { timeline: range(6, 8), truncated: true })).toMatchObject({
      timelineTruncated: true,
      timelineNext: `/api/incidents/${id}/timeline`,
    });
  });
});

describe('the /timeline query', () => {
  const refusal = (query: unknown): HttpError => {
    try {
      parseTimelineQuery(query);
    } catch (err) {
      if (err instanceof HttpError) return err;
      throw err;
    }
    throw new Error('parsed without a refusal');
  };

  test('starts at the first event, 100 at a time, unless told otherwise', () => {
    expect(parseTimelineQuery({})).toEqual({ after: 0, limit: 100 });
    expect(parseTimelineQuery({ after: '42', limit: '1000' })).toEqual({ after: 42, limit: 1000 });
  });

  test.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ after: '-1' }, 'after'],
    [{ after: 'seven' }, 'after'],
    [{ after: '99999999999' }, 'after'],
    [{ after: ['1', '2'] }, 'after'],
    [{ cursor: 'abc' }, 'cursor'],
  ])('refuses %j with 400 naming %s', (query, path) => {
    const err = refusal(query);
    expect(err).toMatchObject({ status: 400, code: 'invalid-request' });
    expect(err.details.map((d) => d.path)).toEqual([path]);
    expect(err.message).toContain(`invalid query: ${path}`);
  });
});
