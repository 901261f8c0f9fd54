import { IncidentView, TimelineEvent, Verdict } from '../../domain/incident-schema';
import { openIncident, recordBreaches } from '../../engine/incident';
import { viewOf } from '../../engine/view';
import { loadCatalog } from '../../plans/catalog';
import { playToClosed } from '../helpers/play-plan';
import { schemaIssues } from '../helpers/schema-issues';

// The engine's types are inferred from the schemas the API documents its answers with; these check the
// other direction at run time: what the engine actually makes parses, with no field left undocumented.

const T0 = Date.UTC(2025, 2, 3, 2, 0); // a Monday, 10:00 in Asia/Shanghai
const catalog = loadCatalog();
const everyLevel = catalog.list().flatMap((plan) => plan.levels.map((l) => [plan.id, l.id] as const));

describe('incident schemas against the engine', () => {
  test.each(everyLevel)(
    '%s at %s: the view and timeline of an incident played to closed',
    (planId, level) => {
      const { state } = playToClosed(catalog.get(planId)!, level, T0);
      expect(schemaIssues(IncidentView, viewOf(state))).toEqual([]);
      expect(state.timeline.flatMap((e) => schemaIssues(TimelineEvent, e))).toEqual([]);
    },
  );

  /** Opened with every optional fact, then left a week without an answer: its deadlines breached. */
  function overdue(planId: string, level: string) {
    const plan = catalog.get(planId)!;
    const facts = {
      id: `${planId}-${level}`,
      title: '测试舆情',
      summary: '',
      level,
      reporter: 'tester',
      discoveredAt: T0,
      metrics: { views24h: 12_000, comments: 40 },
      source: { platform: 'weibo', url: 'https://weibo.example/1', account: '@someone' },
    };
    const { state } = openIncident(facts, plan, T0, { ownerNotices: true, correctness: true });
    recordBreaches(state, plan, T0 + 7 * 24 * 3_600_000);
    return state;
  }

  test.each(everyLevel)('%s at %s: the view and timeline of an incident left overdue', (planId, level) => {
    const state = overdue(planId, level);
    expect(schemaIssues(IncidentView, viewOf(state))).toEqual([]);
    expect(state.timeline.flatMap((e) => schemaIssues(TimelineEvent, e))).toEqual([]);
  });

  test('the overdue incidents above carry breaches, so the breach schema is checked too', () => {
    const breached = everyLevel.filter(([planId, level]) => viewOf(overdue(planId, level)).breached);
    // P1's 30-minute report among them (incident-api.test.ts sees it breached on the whole stack).
    expect(breached).toContainEqual(['p1-acheng-agriculture', 'l3']);
    expect(breached.length).toBeGreaterThan(1);
  });

  test('an undocumented field in the view or a verdict is refused', () => {
    const { state } = playToClosed(catalog.get('p1-acheng-agriculture')!, 'l3', T0);
    expect(schemaIssues(IncidentView, { ...viewOf(state), plan: {} })).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['plan'] }),
    );
    const verdict = { accepted: true, seq: 3, incidentStatus: 'open', level: 'l3', stepStatus: 'done' };
    expect(schemaIssues(Verdict, verdict)).toEqual([]);
    expect(schemaIssues(Verdict, { ...verdict, refusal: null })).not.toEqual([]);
  });
});
