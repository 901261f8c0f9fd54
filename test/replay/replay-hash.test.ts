import type { IncidentView } from '../../domain/incident';
import { recordedHistories } from '../helpers/histories';
import {
  describeDivergence,
  HASHED_VIEW_FIELDS,
  hashedFinalState,
  traceHash,
  type ReplayTrace,
} from '../helpers/replay-hash';

// The final-state hash itself: what it covers, what it leaves out on purpose, and how a difference reads.

const recorded = recordedHistories().find((h) => h.id === '2-owner-notices/scenario-breach')!;
const trace = recorded.trace!;
const final = trace.final!;

describe('final-state hash', () => {
  test('is taken of canonical JSON: the order of keys does not count', () => {
    const reordered: ReplayTrace = {
      final: Object.fromEntries(Object.entries(final).reverse()) as typeof final,
      events: trace.events.map((e) => Object.fromEntries(Object.entries(e).reverse()) as typeof e),
    };
    expect(traceHash(reordered)).toBe(traceHash(trace));
  });

  test('covers only the stable view fields, so bookkeeping a later generation adds to the view does not count', () => {
    const view = { ...final, incident: { id: 'x' }, planId: 'p', planVersion: 1 } as unknown as IncidentView;
    const withMore = { ...view, correctness: true, somethingNew: [1, 2, 3] } as unknown as IncidentView;
    expect(Object.keys(hashedFinalState(withMore)).sort()).toEqual([...HASHED_VIEW_FIELDS].sort());
    expect(hashedFinalState(withMore)).toEqual(hashedFinalState(view));
  });

  test('changes with any stored event and any hashed field, and the report names it', () => {
    const late = structuredClone(trace);
    late.events[3]!.at += 1;
    expect(traceHash(late)).not.toBe(traceHash(trace));
    expect(describeDivergence(trace, late)).toContain(
      `first differing stored event is #4 of ${trace.events.length}`,
    );

    const dropped: ReplayTrace = { ...trace, events: trace.events.slice(0, -1) };
    expect(describeDivergence(trace, dropped)).toMatch(/recorded: .*\n {2}replayed: nothing/);

    const unbreached: ReplayTrace = { ...trace, final: { ...final, breached: !final.breached } };
    expect(traceHash(unbreached)).not.toBe(traceHash(trace));
    expect(describeDivergence(trace, unbreached)).toBe(
      `the stored events agree; the final state differs in:\n  breached:\n    recorded: ${final.breached}\n    replayed: ${!final.breached}`,
    );
  });
});
