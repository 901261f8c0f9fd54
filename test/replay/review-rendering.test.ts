import escapeHtml from 'escape-html';
import { reviewDocument } from '../../api/pages/review-page';
import { mdText, reviewMarkdown } from '../../review/review-markdown';
import type { Review } from '../../review/review-schema';
import { incidentHistoryFrom } from '../../review/history-file';
import { reviewHistory } from '../../review/review-history';
import { exportOf, recordedIncidents, recordedReview } from '../helpers/recorded-reviews';

// The review as people read it, drawn from every recorded incident replayed against this code: the
// page (served with the app's stylesheet, or whole in one file) and the Markdown. Pure rendering: no
// server, no browser; the browser test looks at the served page.

const reviews = new Map<string, Promise<Review>>();
/** Each recorded incident is replayed once for the whole file. */
const reviewOf = (generation: string, name: string): Promise<Review> => {
  const key = `${generation}/${name}`;
  if (!reviews.has(key)) reviews.set(key, recordedReview(generation, name));
  return reviews.get(key)!;
};

const served = (r: Review, lang: 'zh' | 'en' = 'zh') => reviewDocument(r, lang, { stylesheet: 'link' });
const file = (r: Review, lang: 'zh' | 'en' = 'zh') => reviewDocument(r, lang, { stylesheet: 'inline' });

/** The text between a section's heading and the next section, to assert on one section alone. */
function sectionOf(doc: string, id: string): string {
  const start = doc.indexOf(`<h2 id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = doc.indexOf('</section>', start);
  return doc.slice(start, end);
}

const markdownSection = (md: string, heading: string): string => {
  const start = md.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no Markdown section ${heading}`);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
};

describe('the review of every recorded incident, drawn', () => {
  test.each(recordedIncidents())(
    '%s/%s renders as a page, a file and Markdown, in both languages',
    async (generation, name) => {
      const review = await reviewOf(generation, name);
      const f = review.findings!;
      for (const lang of ['zh', 'en'] as const) {
        const page = served(review, lang);
        const whole = file(review, lang);
        const md = reviewMarkdown(review, lang);
        for (const doc of [page, whole]) {
          expect(doc.startsWith('<!doctype html>')).toBe(true);
          expect(doc).not.toMatch(/<script/i);
          expect(doc).toContain(`<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`);
          // The picture: a titled shape for each level, each step that opened, and the axis.
          const svg = /<svg\s+class="chart"[\s\S]*<\/svg>\s*<\/div>/.exec(doc)?.[0] ?? '';
          expect(svg).toContain('viewBox="0 0 960');
          const opened = new Set(
            f.timeline.system.filter((e) => e.type === 'step-opened').map((e) => e.stepId),
          );
          expect((svg.match(/<title>/g) ?? []).length).toBeGreaterThanOrEqual(
            f.levels.length + opened.size + 1,
          );
          for (const d of f.deadlines.filter((x) => x.outcome === 'breached')) {
            expect(sectionOf(doc, 'deadlines')).toContain(d.title[lang]);
          }
          for (const e of f.timeline.human) {
            if (e.by) expect(sectionOf(doc, 'timeline')).toContain(e.by.id);
          }
        }
        expect(page).toContain('<link rel="stylesheet" href="/assets/style.css" />');
        expect(whole).not.toContain('/assets/');
        expect(whole).toContain('@page');
        expect(md).toContain(`# ${lang === 'zh' ? '复盘报告' : 'After-action review'}`);
        expect(md).not.toMatch(/<script/i);
      }
    },
  );
});

// P4 四(三)："对不能及时回复的，要说明原因，给出时间表": a promised timetable shows why, on the page and in Markdown.
test('a promised reply shows its reason beside its title', async () => {
  const recorded = await reviewOf('4-local-projection', 'scenario-milestones');
  const f = recorded.findings!;
  expect(f.milestones.length).toBeGreaterThan(0);
  const review: Review = {
    ...recorded,
    findings: { ...f, milestones: f.milestones.map((m) => ({ ...m, reason: '调查<尚在>进行' })) },
  };
  const zh = sectionOf(served(review), 'milestones');
  expect(zh).toContain('原因：调查&lt;尚在&gt;进行');
  expect(sectionOf(served(review, 'en'), 'milestones')).toContain('reason: 调查&lt;尚在&gt;进行');
  expect(markdownSection(reviewMarkdown(review, 'zh'), '承诺事项')).toContain('原因：调查');
  expect(sectionOf(served(recorded), 'milestones')).not.toContain('原因：');
});

describe('what the review page says', () => {
  test('an approval sent back shows both rounds, the rejection and its comment', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-rejection-resubmission');
    const approvals = sectionOf(served(review), 'approvals');
    expect(approvals).toContain('第 1 轮（退回）');
    expect(approvals).toContain('第 2 轮（通过）');
    expect(approvals).toMatch(/<strong class="reject"\s*>退回<\/strong/);
    expect(approvals).toContain('补充处置结果');
    expect(approvals).toContain('第 2 级，共 2 级');
    const en = sectionOf(served(review, 'en'), 'approvals');
    expect(en).toContain('Round 1 (sent back)');
    expect(en).toContain('Round 2 (approved)');
    const md = markdownSection(reviewMarkdown(review, 'zh'), '审批记录');
    expect(md).toContain('#### 第 1 轮（退回）');
    expect(md).toContain('| **退回** |');
    expect(md).toContain('补充处置结果');
  });

  test('a breached deadline shows the step, how late, who it was escalated to, and the late report', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-breach');
    const page = served(review);
    const deadlines = sectionOf(page, 'deadlines');
    expect(deadlines).toContain('口头报告');
    expect(deadlines).toContain('<span class="late">超时 10 分钟</span>');
    expect(deadlines).toContain('局分管领导（领导小组副组长）');
    expect(deadlines).toContain('主要领导（局党组书记、局长，领导小组组长）');
    expect(deadlines).toContain('尝试 1 次，已送达');
    // 缓报 is said before anything else is explained.
    const late = sectionOf(page, 'late-reports');
    expect(page.indexOf('id="late-reports"')).toBeLessThan(page.indexOf('id="figures"'));
    expect(late).toMatch(
      /「口头报告」应于 .+ 完成，person-of-section（责任科室（单位）） ?于 .+ 完成，超时 10 分钟/,
    );
    // The picture flags it too: the row says how late, the marker says when it was recorded.
    expect(page).toContain('⚠ 超时 10 分钟');
    expect(page).toMatch(/<title>口头报告：.+ 记录超时（超时 10 分钟）<\/title>/);
    const md = reviewMarkdown(review, 'zh');
    expect(markdownSection(md, '缓报记录')).toContain('⚠ **「口头报告」');
    expect(markdownSection(md, '时限执行情况')).toContain('⚠ 超时 10 分钟');
  });

  test('a failed notice shows its attempts and the reason among the activities', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-hung-peer');
    const execution = sectionOf(served(review), 'execution');
    expect(execution).toMatch(/<td>5<\/td>\s*<td><span class="late">失败<\/span><\/td>/);
    expect(execution).toContain('no answer within 100 ms');
    expect(sectionOf(served(review), 'timeline')).toContain('通知发送失败');
  });

  test('a level change shows both levels, in their colours, with who changed it and why', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-reclassify-up');
    const levels = sectionOf(served(review), 'levels');
    expect(levels).toContain('<span class="level level-orange">Ⅱ级（橙色）</span>');
    expect(levels).toContain('<span class="level level-red">Ⅰ级（红色）</span>');
    expect(levels).toContain('舆情升温，转发量激增');
    expect(served(review)).toContain('fill="#c8102e"');
  });

  test('a chain of runs lists every run it replayed', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-continue-as-new');
    const page = served(review);
    expect(page).toContain('共 5 次运行（续作新运行）逐一重放');
    for (const run of review.replay.runs) expect(sectionOf(page, 'execution')).toContain(run.runId);
  });

  test('a submitted review form shows every answer', async () => {
    const review = await reviewOf('1-before-owner-notices', 'p4-wenquan-subdistrict-l1');
    const forms = sectionOf(served(review), 'forms');
    for (const field of review.findings!.forms[0]!.fields) {
      expect(forms).toContain(field.label.zh);
      expect(forms).toContain(field.answer);
    }
  });

  test('reads the same whatever the clock says: times are written against the review’s last event', async () => {
    const review = await reviewOf('3-engine-correctness', 'scenario-breach');
    jest.useFakeTimers({ now: new Date('2020-01-01T00:00:00Z') });
    const then = [served(review), file(review), reviewMarkdown(review, 'zh')];
    jest.setSystemTime(new Date('2090-06-01T00:00:00Z'));
    const later = [served(review), file(review), reviewMarkdown(review, 'zh')];
    jest.useRealTimers();
    expect(later).toEqual(then);
  });
});

describe('what the review page refuses to do', () => {
  test('user text is escaped: a title of markup shows as text in the page, the running head and the Markdown', async () => {
    const recorded = await reviewOf('3-engine-correctness', 'scenario-rejection-resubmission');
    const review: Review = structuredClone(recorded);
    review.incident.title = '<script>alert(1)</script>';
    review.incident.summary = '</style><img src=x onerror=alert(2)>';
    const rejected = review.findings!.approvals[0]!.rounds[0]!.stages[1]!.decision!;
    rejected.comment = '"><svg onload=alert(3)>';
    for (const doc of [served(review), file(review)]) {
      expect(doc).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
      expect(doc).not.toMatch(/<script|<img|<svg onload/i);
      expect(doc).toContain('&lt;/style&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(doc).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
      // The running head of the print stylesheet carries the title as CSS escapes, never as markup.
      const head = /@page \{ @top-left \{ content: ("[^"]*"); \} \}/.exec(doc)?.[1];
      expect(head).toContain('\\3c script\\3e alert\\28 1\\29 \\3c \\2f script\\3e ');
    }
    const md = reviewMarkdown(review, 'zh');
    expect(md).toContain('# 复盘报告：&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toMatch(/<script|<img|<svg/i);
  });

  test('a history that does not replay shows only the header and the divergence, and explains nothing', async () => {
    // A recorded history with one activity's completion removed: the current code cannot explain it.
    const recorded = exportOf('3-engine-correctness', 'scenario-breach');
    const events = recorded.runs[0]!.history.events as { eventType?: string }[];
    const removed = events.findIndex((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
    const edited = {
      ...recorded,
      runs: [{ ...recorded.runs[0]!, history: { events: events.filter((_, i) => i !== removed) } }],
    };
    const review = await reviewHistory(incidentHistoryFrom(edited));
    expect(review.findings).toBeUndefined();
    const d = review.replay.divergence!;
    expect(d).toMatchObject({ run: 1, eventId: expect.any(Number) as number });
    const where = {
      zh: `在第 ${d.eventId} 个历史事件${d.eventType ? `（${d.eventType}）` : ''}处`,
      en: ` at history event ${d.eventId}${d.eventType ? ` (${d.eventType})` : ''}`,
    };
    for (const [lang, said] of [
      [
        'zh',
        `本事件的历史记录无法由当前代码重放：第 1 次运行（${d.runId}）${where.zh}出现不一致，原因：${d.reason}`,
      ],
      [
        'en',
        `The history does not replay against this code: run 1 (${d.runId})${where.en} diverged: ${d.reason}`,
      ],
    ] as const) {
      for (const doc of [served(review, lang), file(review, lang)]) {
        expect(doc).toContain('role="alert"');
        expect(doc).toContain(escapeHtml(said));
        expect(doc).toContain(lang === 'zh' ? '本报告不作任何分析' : 'nothing in it is explained here');
        expect(doc).toContain(review.incident.title);
        for (const id of ['late-reports', 'figures', 'picture', 'deadlines', 'approvals', 'timeline']) {
          expect(doc).not.toContain(`id="${id}"`);
        }
        expect(doc).not.toContain('<svg');
      }
      const md = reviewMarkdown(review, lang);
      expect(md).toContain(mdText(said));
      expect(md).not.toContain(lang === 'zh' ? '## 时限执行情况' : '## Deadlines');
    }
  });
});
