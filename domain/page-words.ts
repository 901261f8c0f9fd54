// What the pages say, Chinese first and English beside it: the office's pages, the approver's page and the
// review. Apart from domain/words.ts (what notices and the timeline say) only because the workflow bundle
// carries that file and every cached workflow holds its own copy of the modules it imports: these words
// cost the worker nothing this way (docs/benchmarks.md). The conventions are words.ts's.

import type { TimelineType } from './incident-schema';
import { duration, MONTHS, type Words } from './words';

/** A local date "YYYY-MM-DD" without its year, for lists within one year. */
function monthDay(ymd: string): Words {
  const [, m, d] = ymd.split('-').map(Number);
  return { zh: `${m}月${d}日`, en: `${d} ${MONTHS[(m ?? 1) - 1] ?? ''}` };
}

/** The notices' holiday names in English. */
const HOLIDAY_NAMES: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
};

/** The plans as people read their 预案 (/plans): the catalog, one plan whole, its pictures and figures. */
export const planPages = {
  title: { zh: '预案', en: 'Plans' } as Words,
  intro: {
    zh: '各预案的级别、角色、处置环节与时限，以及按预案统计的处置情况。',
    en: 'Each plan’s levels, roles, steps and deadlines, and how its incidents have gone.',
  } as Words,
  version: (n: number): Words => ({ zh: `第 ${n} 版`, en: `version ${n}` }),
  counts: (steps: number, roles: number): Words => ({
    zh: `${steps} 个环节，${roles} 个角色`,
    en: `${steps} steps, ${roles} roles`,
  }),
  source: (file: string, section: string): Words => ({
    zh: `依据：${file}，${section}`,
    en: `Source: ${file}, ${section}`,
  }),
  sections: {
    levels: { zh: '级别与认定标准', en: 'Levels and their criteria' },
    roles: { zh: '角色与报告关系', en: 'Roles and who reports to whom' },
    diagram: { zh: '处置流程图', en: 'The steps and their order' },
    steps: { zh: '处置环节', en: 'Steps' },
    hours: { zh: '工作时间', en: 'Working hours' },
    flags: { zh: '特殊情形', en: 'Circumstances' },
    questions: { zh: '疑问的上报与答复', en: 'Questions raised and answered' },
    stats: { zh: '处置情况统计', en: 'How its incidents have gone' },
  } satisfies Record<string, Words>,
  lead: (role: Words): Words => ({ zh: `牵头：${role.zh}`, en: `Led by ${role.en}` }),
  noCriteria: { zh: '预案未写明认定标准。', en: 'The plan states no criteria.' } as Words,
  /** A level applies when any metric is strictly above its threshold (P3). */
  thresholds: (parts: Words[]): Words => ({
    zh: `达到任一即可认定：${parts.map((p) => p.zh).join('，或')}`,
    en: `Any one suffices: ${parts.map((p) => p.en).join(', or ')}`,
  }),
  metric: {
    views24h: (n: string): Words => ({ zh: `24 小时浏览量超过 ${n}`, en: `over ${n} views in 24 hours` }),
    reposts: (n: string): Words => ({ zh: `转发超过 ${n}`, en: `over ${n} reposts` }),
    comments: (n: string): Words => ({ zh: `评论超过 ${n}`, en: `over ${n} comments` }),
  } satisfies Record<'views24h' | 'reposts' | 'comments', (n: string) => Words>,
  classifiers: (roles: Words[]): Words => ({
    zh: `可调整级别：牵头角色，以及${roles.map((r) => r.zh).join('、')}`,
    en: `Who may change the level: the lead role, and ${roles.map((r) => r.en).join(', ')}`,
  }),
  reportsTo: (role: Words): Words => ({ zh: `向${role.zh}报告`, en: `reports to ${role.en}` }),
  top: { zh: '最高一级', en: 'reports to no one in the plan' } as Words,
  leads: (levels: Words[]): Words => ({
    zh: `牵头：${levels.map((l) => l.zh).join('、')}`,
    en: `leads at ${levels.map((l) => l.en).join(', ')}`,
  }),
  kind: {
    task: { zh: '任务', en: 'Task' },
    approval: { zh: '审批', en: 'Approval' },
    notify: { zh: '通知', en: 'Notice' },
    monitor: { zh: '监测', en: 'Monitoring' },
    review: { zh: '复盘', en: 'Review' },
  } satisfies Record<'task' | 'approval' | 'notify' | 'monitor' | 'review', Words>,
  label: {
    kind: { zh: '类型', en: 'Kind' },
    levels: { zh: '适用级别', en: 'Applies at' },
    owner: { zh: '责任', en: 'Owner' },
    approvers: { zh: '审批', en: 'Approvers' },
    recipients: { zh: '通知对象', en: 'Told' },
    after: { zh: '开始条件', en: 'Opens' },
    deadline: { zh: '时限', en: 'Deadline' },
    followUp: { zh: '续报', en: 'Follow-up reports' },
    does: { zh: '要求', en: 'What to do' },
    message: { zh: '通知内容', en: 'Message' },
    form: { zh: '复盘表', en: 'Review form' },
    revises: { zh: '退回时', en: 'If sent back' },
    source: { zh: '出处', en: 'Source' },
    inferred: { zh: '推定：', en: 'Inferred: ' },
  } satisfies Record<string, Words>,
  everyLevel: { zh: '所有级别', en: 'Every level' } as Words,
  jointly: (owner: Words, joint: Words): Words => ({
    zh: `${owner.zh}（会同${joint.zh}）`,
    en: `${owner.en} (jointly with ${joint.en})`,
  }),
  escalation: (every: Words): Words => ({
    zh: `超时后先告知责任角色及其直接上级；仍未办理的，每 ${every.zh}再上报上一级。`,
    en: `A missed deadline is told to the owner and its immediate superior; while the work stays undone, to the next role up every ${every.en}.`,
  }),
  onlyWhen: (flag: Words): Words => ({ zh: `仅当：${flag.zh}`, en: `Only when: ${flag.en}` }),
  flagsIntro: {
    zh: '以下情形与级别无关，可在接报时勾选，或由牵头角色在处置中标记；标记后，相应环节自标记时起开始计时：',
    en: 'These hold apart from the level: ticked at intake, or marked later by the lead role; the steps for one start, and count their deadlines, from when it is marked:',
  } as Words,
  questionsIntro: (roles: Words[], during: Words): Words => ({
    zh: `「${during.zh}」进行中，${roles.map((r) => r.zh).join('或')}对不能引导的疑问、质疑要及时上报；每个疑问各走一轮以下环节：`,
    en: `While “${during.en}” runs, ${roles.map((r) => r.en).join(' or ')} report questions and doubts they cannot answer; each question goes through these steps on its own:`,
  }),
  flagSteps: (steps: Words[]): Words => ({
    zh: `相应环节：${steps.map((s) => s.zh).join('、')}`,
    en: `Its steps: ${steps.map((s) => s.en).join('; ')}`,
  }),
  stage: (n: number, of: number, role: Words): Words => ({
    zh: `第 ${n} 级：${role.zh}`,
    en: `stage ${n} of ${of}: ${role.en}`,
  }),
  atStart: { zh: '响应启动即开始', en: 'as soon as the response starts' } as Words,
  atQuestion: { zh: '上报疑问即开始', en: 'as soon as a question is raised' } as Words,
  afterSteps: (steps: Words[]): Words => ({
    zh: `在${steps.map((s) => `「${s.zh}」`).join('、')}完成后`,
    en: `once ${steps.map((s) => `“${s.en}”`).join(', ')} ${steps.length > 1 ? 'are' : 'is'} done`,
  }),
  sentBackTo: (step: Words): Words => ({
    zh: `退回「${step.zh}」修改`,
    en: `back to “${step.en}” to revise`,
  }),
  noDeadline: { zh: '不限时', en: 'No deadline' } as Words,
  /** Where a deadline counts from; `activation` is the moment the step itself opens. */
  anchor: {
    discovery: { zh: '自发现舆情起', en: 'from discovery' },
    occurrence: {
      zh: '自事发起（事发时间不明时自发现起）',
      en: 'from when it happened (else from discovery)',
    },
    activation: { zh: '自本环节开始起', en: 'from when the step opens' },
    raised: { zh: '自上报疑问起', en: 'from when the question is raised' },
  } satisfies Record<'discovery' | 'occurrence' | 'activation' | 'raised', Words>,
  fromStep: (step: Words): Words => ({ zh: `自「${step.zh}」完成起`, en: `from when “${step.en}” is done` }),
  within: (anchor: Words, span: Words): Words => ({
    zh: `${anchor.zh} ${span.zh}内`,
    en: `within ${span.en} ${anchor.en}`,
  }),
  split: (working: Words, off: Words): Words => ({
    zh: `工作时间 ${working.zh}、非工作时间 ${off.zh}`,
    en: `${working.en} in working hours, ${off.en} outside them`,
  }),
  atLevel: (level: Words, what: Words): Words => ({
    zh: `${level.zh}：${what.zh}`,
    en: `${level.en}: ${what.en}`,
  }),
  otherLevels: { zh: '其他级别不限时', en: 'other levels: no deadline' } as Words,
  raise: (level: Words): Words => ({
    zh: `超时即升为${level.zh}`,
    en: `a miss raises the level to ${level.en}`,
  }),
  every: (span: Words): Words => ({ zh: `每 ${span.zh}续报一次`, en: `every ${span.en}` }),
  untilSubsided: {
    zh: '持续至牵头角色确认平息',
    en: 'until the lead role declares the incident subsided',
  } as Words,
  calendarDefault: {
    zh: '本预案未单独规定工作时间，分段时限按默认工作时间及国务院办公厅公布的放假调休安排计算：',
    en: "The plan sets no working hours of its own; split deadlines use the default hours and the State Council's published holidays and make-up workdays:",
  } as Words,
  calendarOwn: {
    zh: '分段时限按以下工作时间计算：',
    en: 'Split deadlines use these working hours:',
  } as Words,
  calendarUnused: {
    zh: '本预案的时限不区分工作时间与非工作时间。',
    en: 'No deadline in this plan depends on working hours.',
  } as Words,
  weekdays: (days: number[]): Words => ({
    zh: days.map((d) => `周${'一二三四五六日'[d - 1] ?? d}`).join('、'),
    en: days.map((d) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][d - 1] ?? String(d)).join(', '),
  }),
  hours: (ranges: string[]): Words => ({
    zh: `${ranges.join('、')}（北京时间）`,
    en: `${ranges.join(', ')} (Beijing time)`,
  }),
  holidays: (dates: Words[]): Words => ({
    zh: `节假日：${dates.map((d) => d.zh).join('、')}`,
    en: `Holidays: ${dates.map((d) => d.en).join(', ')}`,
  }),
  extraWorkdays: (dates: Words[]): Words => ({
    zh: `调休上班：${dates.map((d) => d.zh).join('、')}`,
    en: `Make-up workdays: ${dates.map((d) => d.en).join(', ')}`,
  }),
  noticeYear: (year: number, holidays: Words[], makeUpWorkdays: Words[]): Words => ({
    zh: `${year}年放假：${holidays.map((h) => h.zh).join('、')}；调休上班：${makeUpWorkdays.map((d) => d.zh).join('、')}`,
    en: `${year} holidays: ${holidays.map((h) => h.en).join('; ')}. Make-up workdays: ${makeUpWorkdays.map((d) => d.en).join(', ')}`,
  }),
  /** A holiday as the notice names it, first to last day, in the notice's own year. */
  holidayRange: (name: string, from: string, to: string): Words => {
    const [a, b] = [monthDay(from), monthDay(to)];
    const en = name
      .split('、')
      .map((n) => HOLIDAY_NAMES[n] ?? n)
      .join(' and ');
    return from === to
      ? { zh: `${name} ${a.zh}`, en: `${en} ${a.en}` }
      : { zh: `${name} ${a.zh}至${b.zh}`, en: `${en} ${a.en} to ${b.en}` };
  },
  monthDay: (ymd: string): Words => monthDay(ymd),
  date: (ymd: string): Words => {
    const [y, m, d] = ymd.split('-').map(Number);
    return { zh: `${y}年${m}月${d}日`, en: `${d} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y}` };
  },
  diagram: {
    label: (plan: string, steps: number): Words => ({
      zh: `处置流程图：${plan}，共 ${steps} 个环节，箭头由先到后；各环节详见下方列表`,
      en: `The steps of ${plan}: ${steps} steps, arrows from earlier to later; each is listed below`,
    }),
    roles: (plan: string): Words => ({
      zh: `角色关系图：${plan}，箭头指向所报告的角色`,
      en: `The roles of ${plan}: each arrow points to the role reported to`,
    }),
    start: { zh: '启动响应', en: 'Response starts' } as Words,
    startTitle: {
      zh: '启动响应：无前置环节的环节随即开始',
      en: 'The response starts: steps with nothing before them open at once',
    } as Words,
    after: (from: Words, to: Words): Words => ({
      zh: `「${from.zh}」完成后开始「${to.zh}」`,
      en: `“${to.en}” opens once “${from.en}” is done`,
    }),
    anchor: (from: Words, to: Words): Words => ({
      zh: `「${to.zh}」的时限自「${from.zh}」完成起算`,
      en: `“${to.en}” is due counting from when “${from.en}” is done`,
    }),
    reportsTo: (from: Words, to: Words): Words => ({
      zh: `${from.zh}向${to.zh}报告`,
      en: `${from.en} reports to ${to.en}`,
    }),
    deadline: { zh: '有时限', en: 'has a deadline' } as Words,
    leads: { zh: '牵头', en: 'Leads' } as Words,
    legendAfter: { zh: '完成后开始', en: 'opens once done' } as Words,
    scrollHint: {
      zh: '图较宽，可在框内左右滑动查看；各环节的文字说明见下方。',
      en: 'The picture is wide: swipe sideways inside its box. Each step is also written out below.',
    } as Words,
    legendAnchor: { zh: '时限起算（非前置）', en: 'deadline counts from (not a wait)' } as Words,
    legendLevels: {
      zh: '仅适用于部分级别的环节标有级别：',
      en: 'Steps for some levels only are marked:',
    } as Words,
  },
  stats: {
    none: {
      zh: '尚无按本预案处置的事件，暂无统计。',
      en: 'No incident has run under this plan yet: nothing to count.',
    } as Words,
    total: (n: number, breached: number): Words => ({
      zh: `共 ${n} 起事件，其中 ${breached} 起有超时`,
      en: `${n} incident${n === 1 ? '' : 's'}, ${breached} with a missed deadline`,
    }),
    byLevel: { zh: '按级别', en: 'By level' } as Words,
    byStatus: { zh: '按状态', en: 'By status' } as Words,
    status: {
      open: { zh: '处置中', en: 'Responding' },
      aftercare: { zh: '善后观察中', en: 'Under watch' },
      closed: { zh: '已结案', en: 'Closed' },
    } satisfies Record<'open' | 'aftercare' | 'closed', Words>,
    stepsCaption: {
      zh: '各环节用时（自环节开始至完成）与时限执行',
      en: 'Each step: time from opening to done, and deadlines kept',
    } as Words,
    head: {
      step: { zh: '环节', en: 'Step' },
      opened: { zh: '开始', en: 'Opened' },
      done: { zh: '完成', en: 'Done' },
      median: { zh: '用时中位数', en: 'Median time' },
      p90: { zh: '90% 在此用时内', en: '90th percentile' },
      met: { zh: '按时率', en: 'Deadlines met' },
      pending: { zh: '未到期', en: 'Pending' },
    } satisfies Record<string, Words>,
    share: (pct: number, met: number, decided: number): Words => ({
      zh: `${pct}%（${met}/${decided}）`,
      en: `${pct}% (${met} of ${decided})`,
    }),
    underMinute: { zh: '不足 1 分钟', en: 'under 1 min' } as Words,
    /** The step whose time the after-action review reports as this key time. */
    figure: {
      'first-report': { zh: '首报', en: 'first report' },
      'approved-statement': { zh: '口径审定', en: 'statement approved' },
      'public-response': { zh: '公开回应', en: 'public response' },
    } satisfies Record<'first-report' | 'approved-statement' | 'public-response', Words>,
    dash: { zh: '—', en: '—' } as Words,
  },
  notFoundTitle: { zh: '找不到预案', en: 'No such plan' } as Words,
  notFound: (id: string): Words => ({
    zh: `没有编号为「${id}」的预案。`,
    en: `There is no plan with the id “${id}”.`,
  }),
  backToList: { zh: '返回预案列表', en: 'All plans' } as Words,
  unexpectedTitle: { zh: '暂时无法显示', en: 'Something went wrong' } as Words,
  unexpected: {
    zh: '系统暂时无法读取预案统计，请稍后再试。',
    en: 'The plan’s figures could not be read just now. Try again later.',
  } as Words,
};

/** The approver's page (/approve/<token>): what a leader reads on a phone before deciding. */
export const approvalPage = {
  title: { zh: '舆情处置审批', en: 'Incident response approval' } as Words,
  switchTo: { zh: 'English', en: '中文' } as Words,
  incident: { zh: '事件', en: 'Incident' } as Words,
  plan: { zh: '预案', en: 'Plan' } as Words,
  level: { zh: '级别', en: 'Level' } as Words,
  step: { zh: '审批事项', en: 'To decide' } as Words,
  stage: (stage: number, stages: number): Words => ({
    zh: `第 ${stage + 1} 级审批，共 ${stages} 级`,
    en: `Stage ${stage + 1} of ${stages}`,
  }),
  youAct: (person: string, role: Words): Words => ({
    zh: `审批人：${person}（${role.zh}）`,
    en: `Deciding: ${person} (${role.en})`,
  }),
  due: { zh: '时限', en: 'Due' } as Words,
  noDeadline: { zh: '不限时', en: 'no deadline' } as Words,
  left: (d: Words): Words => ({ zh: `剩余 ${d.zh}`, en: `${d.en} left` }),
  late: (d: Words): Words => ({ zh: `已超时 ${d.zh}`, en: `${d.en} overdue` }),
  material: { zh: '待审材料', en: 'For approval' } as Words,
  submittedBy: (who: string, at: Words): Words => ({
    zh: `${who} 于 ${at.zh} 提交`,
    en: `submitted by ${who}, ${at.en}`,
  }),
  noMaterial: { zh: '未附说明或链接。', en: 'No note or link was submitted.' } as Words,
  openLink: { zh: '打开材料链接', en: 'Open the material' } as Words,
  chain: { zh: '审批记录', en: 'Decisions so far' } as Words,
  noDecisions: { zh: '尚无审批意见。', en: 'No decisions yet.' } as Words,
  round: (n: number): Words => ({ zh: `第 ${n} 轮`, en: `Round ${n}` }),
  roundNow: (n: number, sentBackAt: Words): Words => ({
    zh: `第 ${n} 轮（上次于 ${sentBackAt.zh} 退回）`,
    en: `Round ${n} (sent back at ${sentBackAt.en})`,
  }),
  decision: { approve: { zh: '同意', en: 'Approved' }, reject: { zh: '退回', en: 'Sent back' } } as Record<
    'approve' | 'reject',
    Words
  >,
  decidedBy: (who: string, role: Words, at: Words): Words => ({
    zh: `${who}（${role.zh}），${at.zh}`,
    en: `${who} (${role.en}), ${at.en}`,
  }),
  choose: { zh: '审批意见', en: 'Your decision' } as Words,
  approve: { zh: '同意', en: 'Approve' } as Words,
  reject: { zh: '退回（需填写意见）', en: 'Send back (say why)' } as Words,
  comment: { zh: '意见', en: 'Comment' } as Words,
  commentHint: {
    zh: '退回时必填，说明需要修改的内容。',
    en: 'Required to send back: what should change.',
  } as Words,
  submit: { zh: '提交审批意见', en: 'Submit decision' } as Words,
  commentRequired: {
    zh: '退回需要填写意见，说明需要修改的内容。',
    en: 'To send it back, write a comment saying what should change.',
  } as Words,
  chooseFirst: { zh: '请选择“同意”或“退回”。', en: 'Choose approve or send back.' } as Words,
  decidedTitle: { zh: '审批意见已提交', en: 'Decision recorded' } as Words,
  youDecided: (decision: Words, at: Words): Words => ({
    zh: `您已于 ${at.zh} ${decision.zh}。`,
    en: `You ${decision.en.toLowerCase()} at ${at.en}.`,
  }),
  alreadyDecided: (who: string, decision: Words, at: Words): Words => ({
    zh: `此级审批已由 ${who} 于 ${at.zh} 作出：${decision.zh}。`,
    en: `This stage was already decided by ${who} at ${at.en}: ${decision.en}.`,
  }),
  nextApprover: (role: Words): Words => ({ zh: `已提交${role.zh}审批。`, en: `It now goes to ${role.en}.` }),
  approvalDone: {
    zh: '审批已全部完成，处置流程继续。',
    en: 'Every stage has approved; the response goes on.',
  } as Words,
  sentBackTo: (role: Words): Words => ({
    zh: `已退回${role.zh}修改。`,
    en: `It goes back to ${role.en} to revise.`,
  }),
  notOpen: {
    zh: '此审批目前无需您处理（尚未轮到或已结束）。',
    en: 'This approval does not await you now (not yet reached, or over).',
  } as Words,
  incidentClosed: {
    zh: '该事件已结案，无需再审批。',
    en: 'The incident is closed; nothing is left to decide.',
  } as Words,
  linkInvalidTitle: { zh: '链接无效', en: 'This link is not valid' } as Words,
  linkInvalid: {
    zh: '此审批链接无效。请联系办公室重新发送审批链接。',
    en: 'This approval link is not valid. Ask the office to send you a new link.',
  } as Words,
  linkExpiredTitle: { zh: '链接已过期', en: 'This link has expired' } as Words,
  linkExpired: {
    zh: '此审批链接已过期。请联系办公室重新发送审批链接。',
    en: 'This approval link has expired. Ask the office to send you a new link.',
  } as Words,
  notAllowedTitle: { zh: '无法审批', en: 'You cannot decide this' } as Words,
  notAllowed: {
    zh: '您目前不再担任此审批角色。如有疑问请联系办公室。',
    en: 'You no longer hold the role this approval needs. Ask the office if in doubt.',
  } as Words,
  crossSiteTitle: { zh: '请求被拒绝', en: 'Request refused' } as Words,
  crossSite: {
    zh: '审批只能在本页面提交。请重新打开消息中的链接。',
    en: 'A decision can only be sent from this page. Open the link in your message again.',
  } as Words,
  tooManyTitle: { zh: '操作过于频繁', en: 'Too many attempts' } as Words,
  tooMany: { zh: '请稍后再试。', en: 'Please try again in a few minutes.' } as Words,
  refusedTitle: { zh: '未能提交', en: 'Not recorded' } as Words,
  unreadable: {
    zh: '提交的内容无法读取，审批意见未提交。请重新打开链接再试。',
    en: 'What was sent could not be read; nothing was recorded. Open the link again and retry.',
  } as Words,
  unexpectedTitle: { zh: '暂时无法处理', en: 'Something went wrong' } as Words,
  unexpected: {
    zh: '系统暂时无法处理，您的审批意见未提交。请稍后重新打开链接再试。',
    en: 'The service could not handle this just now; nothing was recorded. Open the link again later.',
  } as Words,
};

/** How late, in words: `超时 10 分钟`; a breach caught at its due time is `超时不足 1 分钟`, never 0. */
const lateBy = (ms: number): Words =>
  ms < 60_000
    ? { zh: '超时不足 1 分钟', en: 'under 1 min late' }
    : { zh: `超时 ${duration(ms).zh}`, en: `${duration(ms).en} late` };

/**
 * The office's people and roles pages (operators): who holds which role in which plan, how each person
 * is reached, their keys, and a test message through their own channels.
 */
export const peoplePages = {
  operatorsOnlyTitle: { zh: '仅限运维账号', en: 'For operators only' } as Words,
  operatorsOnly: {
    zh: '人员与角色由运维账号管理，请使用运维密钥登录。',
    en: 'People and roles are managed by operators; sign in with an operator key.',
  } as Words,
  title: { zh: '人员与角色', en: 'People and roles' } as Words,
  intro: {
    zh: '谁在哪个预案中担任哪个角色，以及通知如何送达本人。',
    en: 'Who holds which role in which plan, and how each person is reached.',
  } as Words,
  add: { zh: '添加人员', en: 'Add a person' } as Words,
  back: { zh: '返回人员列表', en: 'Back to the people' } as Words,
  backToPerson: { zh: '返回人员页面', en: 'Back to the person' } as Words,
  noPeople: {
    zh: '尚未添加人员。添加后，预案中的角色才能通知到人。',
    en: 'Nobody is added yet. Until someone holds a plan role, its messages only reach the log.',
  } as Words,
  column: {
    person: { zh: '人员', en: 'Person' },
    status: { zh: '状态', en: 'Status' },
    channels: { zh: '联系方式', en: 'Channels' },
    roles: { zh: '角色（按预案）', en: 'Roles (by plan)' },
    keys: { zh: '密钥', en: 'Keys' },
  } satisfies Record<string, Words>,
  active: { zh: '在岗', en: 'Active' } as Words,
  inactive: { zh: '停用', en: 'Inactive' } as Words,
  noRoles: { zh: '未分配角色', en: 'No roles' } as Words,
  noChannel: {
    zh: '无联系方式：通知只写入日志',
    en: 'No channel: messages only reach the log',
  } as Words,
  everyPlan: { zh: '所有预案（*）', en: 'Every plan (*)' } as Words,
  unknownPlan: (id: string): Words => ({
    zh: `预案 ${id}（已不在目录中）`,
    en: `Plan ${id} (no longer listed)`,
  }),
  keyCount: (n: number): Words => ({ zh: `${n} 个有效`, en: `${n} active` }),
  channel: {
    email: { zh: '邮件', en: 'E-mail' },
    phone: { zh: '电话', en: 'Phone' },
    webhook: { zh: '群机器人', en: 'Webhook' },
    log: { zh: '日志', en: 'Log' },
  } satisfies Record<'email' | 'phone' | 'webhook' | 'log', Words>,
  format: {
    json: { zh: '通用 JSON', en: 'Plain JSON' },
    wecom: { zh: '企业微信', en: 'WeCom' },
    dingtalk: { zh: '钉钉', en: 'DingTalk' },
    feishu: { zh: '飞书', en: 'Feishu' },
  } satisfies Record<'json' | 'wecom' | 'dingtalk' | 'feishu', Words>,
  newTitle: { zh: '添加人员', en: 'Add a person' } as Words,
  editTitle: (name: string): Words => ({ zh: `人员：${name}`, en: `Person: ${name}` }),
  section: {
    who: { zh: '基本信息', en: 'Who' },
    reach: { zh: '联系方式', en: 'How they are reached' },
    roles: { zh: '预案角色', en: 'Plan roles' },
    keys: { zh: 'API 密钥', en: 'API keys' },
    test: { zh: '测试消息', en: 'Test message' },
  } satisfies Record<string, Words>,
  field: {
    id: { zh: '人员编号', en: 'Person id' },
    name: { zh: '姓名', en: 'Name' },
    phone: { zh: '手机', en: 'Phone' },
    email: { zh: '电子邮箱', en: 'E-mail' },
    webhookUrl: { zh: '群机器人地址（Webhook URL）', en: 'Webhook URL' },
    webhookFormat: { zh: '群机器人类型', en: 'Webhook format' },
    webhookSecret: { zh: '签名密钥', en: 'Signing secret' },
    active: { zh: '在岗（接收通知、可用密钥登录）', en: 'Active (gets messages, keys work)' },
    roles: { zh: '预案角色', en: 'Plan roles' },
    label: { zh: '密钥用途', en: 'What the key is for' },
  } satisfies Record<string, Words>,
  hint: {
    id: {
      zh: '小写字母、数字和 . _ -，如 wang-li。时间线以它记录操作人，添加后不能更改。',
      en: 'Lower-case letters, digits and . _ -, e.g. wang-li. Timelines record it, so it never changes.',
    },
    idFixed: { zh: '时间线以它记录操作人，不能更改。', en: 'Timelines record it, so it never changes.' },
    phone: { zh: '可选，如 +86 139 0451 0002', en: 'Optional, e.g. +86 139 0451 0002' },
    email: { zh: '可选。通知和审批链接发到此邮箱。', en: 'Optional. Messages and approval links go here.' },
    webhookUrl: {
      zh: '可选。群机器人的 http(s) 地址；留空则不用群机器人。',
      en: "Optional. The bot's http(s) address; leave empty for none.",
    },
    secretNew: {
      zh: '可选，至少 16 个字符。用于签名每条消息（X-Signature）。',
      en: 'Optional, at least 16 characters. Signs each message (X-Signature).',
    },
    secretKept: {
      zh: '已设置。留空则保持不变；填写则替换。',
      en: 'Set. Leave empty to keep it; type one to replace it.',
    },
    secretNone: { zh: '未设置。可选，至少 16 个字符。', en: 'Not set. Optional, at least 16 characters.' },
    secretRetype: {
      zh: '刚才填写的密钥没有保存，也不会显示在页面上，请重新填写。',
      en: 'The secret you typed was not saved and is never shown on a page: type it again.',
    },
    roles: {
      zh: '勾选此人担任的角色。“所有预案（*）”中的角色在每个有该角色的预案中都有效。',
      en: 'Tick the roles this person holds. A role under “Every plan (*)” counts in every plan that has it.',
    },
    label: { zh: '如“手机”“值班电脑”', en: 'e.g. “phone”, “duty desk”' },
  } satisfies Record<string, Words>,
  clearSecret: { zh: '清除已设置的签名密钥', en: 'Remove the signing secret' } as Words,
  rolesHeld: (n: number): Words => ({ zh: `已选 ${n} 个`, en: `${n} ticked` }),
  create: { zh: '添加', en: 'Add' } as Words,
  save: { zh: '保存', en: 'Save' } as Words,
  problemsIntro: { zh: '请修改以下内容后再提交：', en: 'Please fix these and send again:' } as Words,
  /** What is wrong with a field, naming it: the page shows these above the form and beside the field. */
  problem: {
    id: {
      zh: '人员编号：只能用小写字母、数字和 . _ -，以字母或数字开头，如 wang-li。',
      en: 'Person id: lower-case letters, digits and . _ -, starting with a letter or digit, e.g. wang-li.',
    },
    idTaken: {
      zh: '人员编号：已被使用。编号会记录在时间线上，不能重复使用，请换一个。',
      en: 'Person id: taken. Ids are recorded on timelines and never reused; choose another.',
    },
    idReserved: {
      zh: '人员编号：“new” 是页面地址保留字，请换一个。',
      en: 'Person id: “new” is reserved for the page address; choose another.',
    },
    name: { zh: '姓名：必填，最多 200 个字符。', en: 'Name: required, at most 200 characters.' },
    phone: {
      zh: '手机：只能包含数字、空格、- 和开头的 +，如 +86 139 0451 0002。',
      en: 'Phone: digits, spaces, - and a leading +, e.g. +86 139 0451 0002.',
    },
    email: {
      zh: '电子邮箱：格式不正确，如 wang.li@example.gov.cn。',
      en: 'E-mail: not an address, e.g. wang.li@example.gov.cn.',
    },
    webhookUrl: {
      zh: '群机器人地址：需要以 http:// 或 https:// 开头的完整地址。',
      en: 'Webhook URL: a whole address starting with http:// or https://.',
    },
    webhookFormat: {
      zh: '群机器人类型：请从列表中选择。',
      en: 'Webhook format: choose one from the list.',
    },
    webhookSecret: {
      zh: '签名密钥：至少 16 个字符，最多 200 个。',
      en: 'Signing secret: 16 to 200 characters.',
    },
    secretWithoutUrl: {
      zh: '签名密钥：需同时填写群机器人地址。',
      en: 'Signing secret: give the webhook URL too.',
    },
    roles: {
      zh: '预案角色：所选角色不在当前预案目录中，请重新勾选。',
      en: 'Plan roles: a ticked role is not in the plan catalog; tick them again.',
    },
    label: {
      zh: '密钥用途：必填，最多 100 个字符。',
      en: 'What the key is for: required, at most 100 characters.',
    },
  } satisfies Record<string, Words>,
  done: {
    added: { zh: '已添加。', en: 'Added.' },
    saved: { zh: '已保存。', en: 'Saved.' },
    revoked: { zh: '密钥已吊销，不能再使用。', en: 'The key is revoked and no longer works.' },
  } satisfies Record<'added' | 'saved' | 'revoked', Words>,
  keys: {
    none: { zh: '尚未签发密钥。', en: 'No keys issued.' },
    label: { zh: '用途', en: 'For' },
    id: { zh: '编号', en: 'Id' },
    issued: { zh: '签发时间', en: 'Issued' },
    state: { zh: '状态', en: 'State' },
    valid: { zh: '有效', en: 'Valid' },
    revokedAt: (at: Words): Words => ({ zh: `已于 ${at.zh} 吊销`, en: `Revoked ${at.en}` }),
    revoke: { zh: '吊销', en: 'Revoke' },
    revokeLabel: (label: string): Words => ({ zh: `吊销密钥“${label}”`, en: `Revoke the key “${label}”` }),
    issue: { zh: '签发新密钥', en: 'Issue a key' },
    explain: {
      zh: '此人可用自己的密钥登录或调用接口，操作都记在本人名下。',
      en: 'A person signs in or calls the API with their own key; what they do is recorded as theirs.',
    },
  } satisfies Record<string, Words | ((...a: never[]) => Words)>,
  issuedTitle: { zh: '新密钥已签发', en: 'Key issued' } as Words,
  issuedFor: (name: string, label: string): Words => ({
    zh: `${name} 的密钥（${label}）：`,
    en: `The key of ${name} (${label}):`,
  }),
  onceWarning: {
    zh: '此密钥只显示这一次。请立即复制，并通过可靠方式交给本人。离开此页后无法再查看；遗失只能吊销后重新签发。',
    en: 'This key is shown this once. Copy it now and hand it to the person safely. It cannot be shown again; if lost, revoke it and issue another.',
  } as Words,
  test: {
    explain: {
      zh: '通过此人自己的联系方式发送一条测试消息，确认通知能送达。',
      en: "Sends a test message through this person's own channels, to check that messages reach them.",
    },
    willUse: { zh: '将发送至：', en: 'It goes to:' },
    send: { zh: '发送测试消息', en: 'Send a test message' },
    title: { zh: '测试消息结果', en: 'Test message: outcome' },
    allSent: {
      zh: '测试消息已送出。请向本人确认已收到。',
      en: 'The test message went out. Ask the person whether it arrived.',
    },
    failed: {
      zh: '以下联系方式未能送出测试消息，请检查：',
      en: 'The test message did not go out on these channels; check them:',
    },
    nowhere: {
      zh: '此人没有可用的联系方式，消息未发出。请补充群机器人地址，或在服务配置邮件发送后填写邮箱。',
      en: 'This person has no channel the service can use; nothing was sent. Add a webhook, or an e-mail once the service sends mail.',
    },
    inactive: {
      zh: '此人已停用，不接收任何消息。请先设为在岗，再发送测试消息。',
      en: 'This person is inactive and gets no messages. Make them active first, then send the test.',
    },
    pending: {
      zh: '测试消息暂未送达，系统会继续重试。请稍后向本人确认是否收到。',
      en: 'The test message has not gone out yet; the service keeps trying. Ask the person later whether it arrived.',
    },
    sent: { zh: '已送出', en: 'sent' },
    notSent: { zh: '未送出', en: 'not sent' },
    noMailer: {
      zh: '邮箱未发送：服务未配置邮件发送（SMTP_URL）。',
      en: 'Not sent to the e-mail address: the service has no e-mail sender (SMTP_URL).',
    },
  } satisfies Record<string, Words>,
  notFoundTitle: { zh: '找不到此人员', en: 'No such person' } as Words,
  notFound: {
    zh: '没有这个人员或密钥。请从人员列表重新进入。',
    en: 'There is no such person or key. Start again from the list of people.',
  } as Words,
  unexpectedTitle: { zh: '暂时无法处理', en: 'Something went wrong' } as Words,
  unexpected: {
    zh: '系统暂时无法处理，未作任何更改。请稍后再试。',
    en: 'The service could not handle this just now; nothing was changed. Try again later.',
  } as Words,
};

/**
 * The after-action review (复盘报告), as the page, the printed report and the Markdown say it. Times in
 * a review are written against the review's own last event, never the clock, so the same review reads
 * the same from the live server and from a file.
 */
export const reviewPage = {
  title: { zh: '复盘报告', en: 'After-action review' } as Words,
  switchTo: { zh: 'English', en: '中文' } as Words,
  sections: {
    basics: { zh: '基本情况', en: 'The incident' },
    lateReports: { zh: '缓报记录', en: 'Late reports (缓报)' },
    figures: { zh: '关键时效', en: 'Key times' },
    picture: { zh: '处置过程图', en: 'The response at a glance' },
    levels: { zh: '级别与牵头', en: 'Level and lead' },
    deadlines: { zh: '时限执行情况', en: 'Deadlines' },
    approvals: { zh: '审批记录', en: 'Approvals' },
    milestones: { zh: '承诺事项', en: 'Promised replies' },
    followUps: { zh: '续报', en: 'Follow-up reports' },
    forms: { zh: '复盘表', en: 'Review form' },
    timeline: { zh: '时间线（人工操作 / 系统事件）', en: 'Timeline (people / system)' },
    human: { zh: '人工操作', en: 'What people did' },
    system: { zh: '系统事件', en: 'What the system did' },
    execution: { zh: '执行记录', en: 'Execution record' },
    runs: { zh: '运行', en: 'Runs' },
    workers: { zh: '执行节点', en: 'Workers' },
    timers: { zh: '计时器', en: 'Timers' },
    activities: { zh: '活动', en: 'Activities' },
    troubled: { zh: '重试或未成功的活动', en: 'Activities retried or not completed' },
    inputs: { zh: '人工输入', en: 'Inputs' },
    divergence: { zh: '重放不一致', en: 'The history does not replay' },
  } satisfies Record<string, Words>,
  /** Labels of the facts and of table columns. */
  label: {
    plan: { zh: '预案', en: 'Plan' },
    planVersion: (id: string, version: number): Words => ({
      zh: `${id}，第 ${version} 版`,
      en: `${id}, version ${version}`,
    }),
    snapshot: { zh: '预案快照', en: 'Plan snapshot' },
    figuresFrom: {
      snapshot: { zh: '时效指标取自预案快照', en: 'key-time marks from the snapshot' },
      catalog: {
        zh: '快照未标注时效指标，取自现行预案',
        en: "the snapshot marks no key times: marks from the plan in today's catalog",
      },
      none: { zh: '预案未标注时效指标', en: 'the plan marks no key times' },
    } satisfies Record<'snapshot' | 'catalog' | 'none', Words>,
    status: { zh: '状态', en: 'Status' },
    summary: { zh: '摘要', en: 'Summary' },
    discovered: { zh: '发现时间', en: 'Discovered' },
    opened: { zh: '立案', en: 'Opened' },
    openedBy: (at: Words, reporter: string, identity: string): Words => ({
      zh: `${at.zh}，报告人 ${reporter}（经 ${identity}）`,
      en: `${at.en}, reported by ${reporter} (through ${identity})`,
    }),
    source: { zh: '来源', en: 'Source' },
    code: { zh: '重放代码', en: 'Replayed by' },
    replay: { zh: '重放', en: 'Replay' },
    incidentId: { zh: '事件编号', en: 'Incident id' },
    level: { zh: '级别', en: 'Level' },
    lead: { zh: '牵头', en: 'Lead' },
    from: { zh: '起始', en: 'From' },
    changedBy: { zh: '调整人', en: 'Changed by' },
    reason: { zh: '原因', en: 'Reason' },
    what: { zh: '事项', en: 'What' },
    owner: { zh: '责任', en: 'Owner' },
    due: { zh: '时限', en: 'Due' },
    done: { zh: '完成', en: 'Done' },
    outcome: { zh: '结果', en: 'Outcome' },
    escalatedTo: { zh: '升级通报', en: 'Escalated to' },
    messages: { zh: '通知', en: 'Messages' },
    stage: { zh: '审批级', en: 'Stage' },
    asked: { zh: '送达', en: 'Asked' },
    decision: { zh: '决定', en: 'Decision' },
    decidedBy: { zh: '审批人', en: 'Decided by' },
    decidedAt: { zh: '时间', en: 'When' },
    waited: { zh: '等待', en: 'Waited' },
    comment: { zh: '意见', en: 'Comment' },
    promisedBy: { zh: '承诺人', en: 'Promised by' },
    promisedAt: { zh: '承诺时间', en: 'Promised' },
    reports: { zh: '续报次数', en: 'Reports' },
    every: { zh: '续报周期', en: 'Every' },
    longestGap: { zh: '最长间隔', en: 'Longest gap' },
    missed: { zh: '漏报', en: 'Missed' },
    figure: { zh: '指标', en: 'Measure' },
    took: { zh: '用时（自发现起）', en: 'Took (from discovery)' },
    when: { zh: '时间', en: 'When' },
    event: { zh: '事件', en: 'Event' },
    step: { zh: '环节', en: 'Step' },
    by: { zh: '操作人', en: 'By' },
    detail: { zh: '说明', en: 'Detail' },
    sender: { zh: '来源（更新 / 客户端）', en: 'Sent as (update / client)' },
    run: { zh: '运行', en: 'Run' },
    runId: { zh: '运行编号', en: 'Run id' },
    events: { zh: '历史事件数', en: 'History events' },
    started: { zh: '开始', en: 'Started' },
    lastEvent: { zh: '最后事件', en: 'Last event' },
    ended: { zh: '结束方式', en: 'Ended' },
    worker: { zh: '节点', en: 'Worker' },
    workflowTasks: { zh: '工作流任务', en: 'Workflow tasks' },
    activityCount: { zh: '活动', en: 'Activities' },
    timer: { zh: '计时器', en: 'Timer' },
    duration: { zh: '时长', en: 'Duration' },
    result: { zh: '结果', en: 'Result' },
    activity: { zh: '活动', en: 'Activity' },
    attempts: { zh: '尝试次数', en: 'Attempts' },
    failure: { zh: '失败原因', en: 'Failure' },
    input: { zh: '输入', en: 'Input' },
    updateId: { zh: '更新编号', en: 'Update id' },
    identity: { zh: '客户端', en: 'Client identity' },
    submittedBy: { zh: '填报人', en: 'Submitted by' },
    count: { zh: '次数', en: 'Count' },
    failedCount: { zh: '未成功', en: 'Not completed' },
    seq: { zh: '时间线序号', en: 'Timeline seq' },
  } as const,
  status: {
    open: { zh: '处置中', en: 'Responding' },
    aftercare: { zh: '已平息，善后观察中', en: 'Subsided, under watch' },
    closed: { zh: '已结案', en: 'Closed' },
  } satisfies Record<'open' | 'aftercare' | 'closed', Words>,
  consistent: {
    zh: '经当前代码重放，结果一致',
    en: 'Replayed against the current code: consistent',
  } as Words,
  runsReplayed: (runs: number): Words => ({
    zh: runs > 1 ? `共 ${runs} 次运行（续作新运行）逐一重放` : '共 1 次运行',
    en: runs > 1 ? `${runs} runs (continued as new), each replayed` : '1 run',
  }),
  inconsistent: {
    zh: '经当前代码重放，结果不一致',
    en: 'Replayed against the current code: NOT consistent',
  } as Words,
  /** Which run, which event and why a history stopped agreeing with the code that replayed it. */
  divergence: (
    run: number,
    runId: string,
    eventId: number | undefined,
    eventType: string | undefined,
    reason: string,
  ): Words => {
    const at =
      eventId === undefined
        ? { zh: '', en: '' }
        : {
            zh: `在第 ${eventId} 个历史事件${eventType ? `（${eventType}）` : ''}处`,
            en: ` at history event ${eventId}${eventType ? ` (${eventType})` : ''}`,
          };
    return {
      zh: `本事件的历史记录无法由当前代码重放：第 ${run} 次运行（${runId}）${at.zh}出现不一致，原因：${reason}`,
      en: `The history does not replay against this code: run ${run} (${runId})${at.en} diverged: ${reason}`,
    };
  },
  nothingExplained: {
    zh: '当前代码无法解释这段历史，因此本报告不作任何分析：不列时限、审批、时间线与时效。请用记录该事件时的代码版本复盘，或联系系统维护人员。',
    en: 'The current code cannot explain this history, so nothing in it is explained here: no deadlines, approvals, timeline or key times. Review it with the code that recorded it, or ask the maintainers.',
  } as Words,
  noLateReports: {
    zh: '无缓报：需报告的环节均按时完成。',
    en: 'No late reports: every step was done in time.',
  } as Words,
  lateReportLine: (step: Words, due: Words, done: Words, late: Words, by: string | undefined): Words => ({
    zh: `「${step.zh}」应于 ${due.zh} 完成，${by ? `${by} 于 ` : '实际于 '}${done.zh} 完成，${late.zh}`,
    en: `"${step.en}" was due ${due.en} and done ${done.en}${by ? ` by ${by}` : ''}: ${late.en}`,
  }),
  none: { zh: '无', en: 'None' } as Words,
  noneRecorded: { zh: '无记录。', en: 'Nothing recorded.' } as Words,
  outcome: {
    met: { zh: '按时', en: 'On time' },
    breached: { zh: '超时', en: 'Late' },
    open: { zh: '未完成', en: 'Not done' },
    dropped: { zh: '已撤销', en: 'Withdrawn' },
    late: { zh: '逾期完成', en: 'Done late' },
    'no-deadline': { zh: '不限时', en: 'No deadline' },
    'not-reached': { zh: '未达到', en: 'Not reached' },
  } satisfies Record<string, Words>,
  lateBy,
  /** A span of time in a review: under a minute is said so, not `0 分钟`. */
  span: (ms: number): Words => (ms < 60_000 ? { zh: '不足 1 分钟', en: 'under 1 min' } : duration(ms)),
  droppedWhy: {
    zh: '（级别调整或结案后不再适用）',
    en: '(no longer applied after a level change or the close)',
  } as Words,
  /** A deadline's subject, as a word beside its title. */
  subject: {
    step: { zh: '环节', en: 'Step' },
    'follow-up': { zh: '续报', en: 'Follow-up' },
    milestone: { zh: '承诺', en: 'Promise' },
  } satisfies Record<'step' | 'follow-up' | 'milestone', Words>,
  missedReports: (n: number): Words => ({ zh: `漏报 ${n} 次`, en: `${n} reports missed` }),
  delivery: {
    sent: { zh: '已送达', en: 'Sent' },
    failed: { zh: '发送失败', en: 'Failed' },
    'in-flight': { zh: '发送中', en: 'In flight' },
  } satisfies Record<'sent' | 'failed' | 'in-flight', Words>,
  deliveryLine: (channel: string | undefined, attempts: number | undefined, result: Words): Words => ({
    zh: `${channel ?? '渠道未知'}，${attempts === undefined ? '' : `尝试 ${attempts} 次，`}${result.zh}`,
    en: `${channel ?? 'channel unknown'}, ${attempts === undefined ? '' : `${attempts} attempt${attempts === 1 ? '' : 's'}, `}${result.en.toLowerCase()}`,
  }),
  round: (n: number, outcome: Words, submitted: Words): Words => ({
    zh: `第 ${n} 轮（${outcome.zh}），${submitted.zh} 提交`,
    en: `Round ${n} (${outcome.en.toLowerCase()}), submitted ${submitted.en}`,
  }),
  roundOutcome: {
    approved: { zh: '通过', en: 'Approved' },
    rejected: { zh: '退回', en: 'Sent back' },
    pending: { zh: '待审批', en: 'Pending' },
  } satisfies Record<'approved' | 'rejected' | 'pending', Words>,
  stageOf: (stage: number, stages: number): Words => ({
    zh: `第 ${stage + 1} 级，共 ${stages} 级`,
    en: `Stage ${stage + 1} of ${stages}`,
  }),
  decision: {
    approve: { zh: '同意', en: 'Approved' },
    reject: { zh: '退回', en: 'Sent back' },
  } satisfies Record<'approve' | 'reject', Words>,
  awaiting: { zh: '未决定', en: 'Not decided' } as Words,
  atIntake: { zh: '立案时确定', en: 'Set at intake' } as Words,
  milestoneOutcome: {
    met: { zh: '按时兑现', en: 'Kept' },
    late: { zh: '逾期兑现', en: 'Kept late' },
    breached: { zh: '超时', en: 'Late' },
    open: { zh: '未兑现', en: 'Not kept' },
  } satisfies Record<'met' | 'late' | 'breached' | 'open', Words>,
  figure: {
    'first-report': { zh: '首报用时', en: 'First report' },
    'approved-statement': { zh: '口径审定用时', en: 'Statement approved' },
    'public-response': { zh: '公开回应用时', en: 'Public response' },
    subsided: { zh: '平息用时', en: 'Subsided' },
    closed: { zh: '结案用时', en: 'Closed' },
  } satisfies Record<
    'first-report' | 'approved-statement' | 'public-response' | 'subsided' | 'closed',
    Words
  >,
  noAnswer: { zh: '（未填写）', en: '(not answered)' } as Words,
  notSubmitted: { zh: '复盘表尚未提交。', en: 'The form was not submitted.' } as Words,
  /** What each kind of timeline event is called. */
  event: {
    'incident-opened': { zh: '立案', en: 'Opened' },
    'step-opened': { zh: '环节开始', en: 'Step opened' },
    'step-done': { zh: '环节完成', en: 'Step done' },
    'step-skipped': { zh: '环节跳过', en: 'Step skipped' },
    'step-reopened': { zh: '环节重办', en: 'Step reopened' },
    'approval-decided': { zh: '审批', en: 'Approval decided' },
    'deadline-breached': { zh: '超时', en: 'Deadline missed' },
    escalated: { zh: '逐级上报', en: 'Escalated a level up' },
    'deadline-changed': { zh: '时限调整', en: 'Deadline changed' },
    'level-changed': { zh: '级别调整', en: 'Level changed' },
    'lead-changed': { zh: '调整牵头部门', en: 'Lead changed' },
    'flag-set': { zh: '标记特殊情形', en: 'Circumstance marked' },
    'metrics-updated': { zh: '舆情数据更新', en: 'Metrics updated' },
    'follow-up-reported': { zh: '续报', en: 'Follow-up report' },
    'milestone-promised': { zh: '承诺答复', en: 'Reply promised' },
    'milestone-done': { zh: '承诺兑现', en: 'Promise kept' },
    'question-raised': { zh: '上报疑问', en: 'Question raised' },
    'incident-subsided': { zh: '平息', en: 'Subsided' },
    'incident-reopened': { zh: '舆情反弹', en: 'Relapse' },
    'review-submitted': { zh: '提交复盘表', en: 'Review form submitted' },
    'link-resent': { zh: '重发审批链接', en: 'Approval link resent' },
    'notification-sent': { zh: '通知已发送', en: 'Notice sent' },
    'notification-failed': { zh: '通知发送失败', en: 'Notice failed' },
    'incident-closed': { zh: '结案', en: 'Closed' },
  } satisfies Record<TimelineType, Words>,
  /** The details of an event, a phrase each. */
  detail: {
    level: (name: Words): Words => ({ zh: `级别：${name.zh}`, en: `level: ${name.en}` }),
    levelChange: (from: Words, to: Words): Words => ({
      zh: `由「${from.zh}」调整为「${to.zh}」`,
      en: `from "${from.en}" to "${to.en}"`,
    }),
    reason: (reason: string): Words => ({ zh: `原因：${reason}`, en: `reason: ${reason}` }),
    leadChange: (from: Words, to: Words): Words => ({
      zh: `牵头由「${from.zh}」调整为「${to.zh}」`,
      en: `lead from "${from.en}" to "${to.en}"`,
    }),
    note: (note: string): Words => ({ zh: `说明：${note}`, en: `note: ${note}` }),
    link: (link: string): Words => ({ zh: `链接：${link}`, en: `link: ${link}` }),
    comment: (comment: string): Words => ({ zh: `意见：${comment}`, en: `comment: ${comment}` }),
    owner: (role: Words): Words => ({ zh: `责任：${role.zh}`, en: `owner: ${role.en}` }),
    due: (due: Words): Words => ({ zh: `时限 ${due.zh}`, en: `due ${due.en}` }),
    dueMoved: (from: Words, to: Words): Words => ({
      zh: `时限由 ${from.zh} 调整为 ${to.zh}`,
      en: `due ${to.en} instead of ${from.en}`,
    }),
    late: (ms: number): Words => lateBy(ms),
    escalatedTo: (roles: Words[]): Words => ({
      zh: `升级通报：${roles.map((r) => r.zh).join('、')}`,
      en: `escalated to: ${roles.map((r) => r.en).join(', ')}`,
    }),
    recipients: (roles: Words[]): Words => ({
      zh: `发送给：${roles.map((r) => r.zh).join('、')}`,
      en: `to: ${roles.map((r) => r.en).join(', ')}`,
    }),
    channel: (channel: string): Words => ({ zh: `渠道：${channel}`, en: `channel: ${channel}` }),
    skipped: {
      level: { zh: '本级别不适用', en: 'does not apply at this level' },
      flag: { zh: '所需情形未出现', en: 'the circumstance it is for has not arisen' },
      subsided: { zh: '平息时尚未开始', en: 'not started when the incident subsided' },
      closed: { zh: '结案时未办', en: 'not done when the incident closed' },
    } satisfies Record<'level' | 'flag' | 'subsided' | 'closed', Words>,
    flag: (name: Words): Words => ({ zh: `情形：${name.zh}`, en: `circumstance: ${name.en}` }),
    question: (id: string, text: string): Words => ({
      zh: `疑问${id.slice(1)}：${text}`,
      en: `question ${id.slice(1)}: ${text}`,
    }),
    stage: (stage: number): Words => ({ zh: `第 ${stage + 1} 级`, en: `stage ${stage + 1}` }),
    followUp: (n: number): Words => ({ zh: `第 ${n} 次续报`, en: `report ${n}` }),
    milestone: (title: string): Words => ({ zh: `事项：${title}`, en: `promise: ${title}` }),
    metric: (name: string, value: string): Words => ({ zh: `${name}：${value}`, en: `${name}: ${value}` }),
  },
  inputName: {
    completeStep: { zh: '完成环节', en: 'Complete a step' },
    decideApproval: { zh: '审批', en: 'Decide an approval' },
    reportFollowUp: { zh: '续报', en: 'Follow-up report' },
    submitReview: { zh: '提交复盘表', en: 'Submit the review form' },
    reclassify: { zh: '调整级别', en: 'Change the level' },
    updateMetrics: { zh: '更新舆情数据', en: 'Update metrics' },
    promiseMilestone: { zh: '承诺答复', en: 'Promise a reply' },
    completeMilestone: { zh: '兑现承诺', en: 'Keep a promise' },
    subside: { zh: '确认平息', en: 'Subside' },
    reopen: { zh: '舆情反弹', en: 'Relapse' },
    close: { zh: '结案', en: 'Close' },
    resendApprovalLink: { zh: '重发审批链接', en: 'Resend approval links' },
  } as Record<string, Words>,
  inputOutcome: {
    accepted: { zh: '已接受', en: 'Accepted' },
    refused: { zh: '被拒绝', en: 'Refused' },
    'turned-away': { zh: '未受理', en: 'Turned away' },
    pending: { zh: '处理中', en: 'Pending' },
  } satisfies Record<'accepted' | 'refused' | 'turned-away' | 'pending', Words>,
  runEnded: {
    closed: { zh: '结案', en: 'Closed' },
    continued: { zh: '续作新运行', en: 'Continued as new' },
    running: { zh: '仍在运行', en: 'Still running' },
  } satisfies Record<'closed' | 'continued' | 'running', Words>,
  activityResult: {
    completed: { zh: '完成', en: 'Completed' },
    failed: { zh: '失败', en: 'Failed' },
    'timed-out': { zh: '超时', en: 'Timed out' },
    canceled: { zh: '已取消', en: 'Canceled' },
    pending: { zh: '未完成', en: 'Pending' },
  } satisfies Record<'completed' | 'failed' | 'timed-out' | 'canceled' | 'pending', Words>,
  activityCounts: (total: number, troubled: number): Words => ({
    zh: `共 ${total} 次活动，其中 ${troubled} 次有重试或未成功（列于下表）。`,
    en: `${total} activities; ${troubled} with retries or without success (listed below).`,
  }),
  timerState: {
    fired: { zh: '已触发', en: 'Fired' },
    canceled: { zh: '已取消', en: 'Canceled' },
    running: { zh: '未触发', en: 'Not fired' },
  } satisfies Record<'fired' | 'canceled' | 'running', Words>,
  /** The picture's own words. */
  chart: {
    label: (title: string): Words => ({
      zh: `处置过程图：${title}，自发现至最后一个事件`,
      en: `The response of ${title}, from discovery to the last event`,
    }),
    bar: (step: Words, from: Words, to: Words, state: Words): Words => ({
      zh: `${step.zh}：${from.zh} 至 ${to.zh}，${state.zh}`,
      en: `${step.en}: ${from.en} to ${to.en}, ${state.en.toLowerCase()}`,
    }),
    due: (step: Words, due: Words): Words => ({
      zh: `${step.zh} 时限：${due.zh}`,
      en: `${step.en} due ${due.en}`,
    }),
    dueOutside: (step: Words, due: Words): Words => ({
      zh: `${step.zh} 时限：${due.zh}（在图示范围之后）`,
      en: `${step.en} due ${due.en} (after the span drawn)`,
    }),
    breach: (step: Words, at: Words, late: Words): Words => ({
      zh: `${step.zh}：${at.zh} 记录超时（${late.zh}）`,
      en: `${step.en} missed its deadline: recorded ${at.en} (${late.en})`,
    }),
    levelBand: (level: Words, lead: Words, from: Words): Words => ({
      zh: `${from.zh} 起：${level.zh}，${lead.zh}牵头`,
      en: `From ${from.en}: ${level.en}, led by ${lead.en}`,
    }),
    report: (step: Words, n: number, at: Words): Words => ({
      zh: `${step.zh} 第 ${n} 次续报：${at.zh}`,
      en: `${step.en} report ${n}: ${at.en}`,
    }),
    state: {
      done: { zh: '已完成', en: 'Done' },
      skipped: { zh: '已跳过', en: 'Skipped' },
      open: { zh: '进行中（至复盘时未完成）', en: 'Open (not done by the end of the record)' },
      reopened: { zh: '退回重办', en: 'Reopened' },
    } satisfies Record<'done' | 'skipped' | 'open' | 'reopened', Words>,
    axis: (from: Words, to: Words): Words => ({
      zh: `时间轴：${from.zh} 至 ${to.zh}（北京时间）`,
      en: `Time axis: ${from.en} to ${to.en}`,
    }),
    start: (t: Words): Words => ({ zh: `发现 ${t.zh}`, en: `Discovered ${t.en}` }),
    end: (t: Words): Words => ({ zh: `最后事件 ${t.zh}`, en: `Last event ${t.en}` }),
    legend: {
      breach: { zh: '超时记录', en: 'Deadline missed' },
      done: { zh: '已完成', en: 'Done' },
      late: { zh: '超时', en: 'Late' },
      open: { zh: '未完成', en: 'Not done' },
      skipped: { zh: '已跳过', en: 'Skipped' },
      due: { zh: '时限', en: 'Due' },
    } satisfies Record<string, Words>,
  },
  /** The pages that are not a review. */
  problem: {
    unauthorizedTitle: { zh: '需要登录密钥', en: 'A key is needed' } as Words,
    unauthorized: {
      zh: '查看复盘报告需要 API 密钥（请求头 Authorization: Bearer <密钥>）。',
      en: 'The review needs an API key (the Authorization: Bearer <key> header).',
    } as Words,
    notFoundTitle: { zh: '找不到复盘', en: 'No review' } as Words,
    badRequestTitle: { zh: '请求有误', en: 'Bad request' } as Words,
    unexpectedTitle: { zh: '暂时无法生成复盘', en: 'The review could not be made' } as Words,
    unexpected: {
      zh: '系统暂时无法读取该事件的历史记录，请稍后再试。',
      en: 'The history of the incident could not be read just now. Try again later.',
    } as Words,
  },
};

/** The bar at the top of every office page: its sections, and the ways out. */
export const officeBar = {
  board: { zh: '看板', en: 'Board' } as Words,
  newIncident: { zh: '新建舆情', en: 'New incident' } as Words,
  plans: { zh: '预案', en: 'Plans' } as Words,
  people: { zh: '人员', en: 'People' } as Words,
  signOut: { zh: '退出登录', en: 'Sign out' } as Words,
  signOutEverywhere: { zh: '所有设备退出', en: 'Sign out everywhere' } as Words,
};

/** Signing in to the office's pages. */
export const signInPage = {
  title: { zh: '登录', en: 'Sign in' } as Words,
  intro: {
    zh: '舆情处置工作台供牵头部门、办公室和监测人员使用。',
    en: 'The response desk, for the lead unit, the office and the monitors.',
  } as Words,
  byLink: { zh: '通过登录链接', en: 'With a sign-in link' } as Words,
  byLinkHint: {
    zh: '输入您的人员编号或电子邮箱，系统将通过您本人的渠道（邮件或机器人）发送一次性登录链接，15 分钟内有效。',
    en: 'Type your person id or e-mail: a one-time link is sent through your own channel (e-mail or bot), valid 15 minutes.',
  } as Words,
  who: { zh: '人员编号或电子邮箱', en: 'Person id or e-mail' } as Words,
  send: { zh: '发送登录链接', en: 'Send the link' } as Words,
  byKey: { zh: '通过个人密钥', en: 'With your key' } as Words,
  key: { zh: '密钥', en: 'Key' } as Words,
  signIn: { zh: '登录', en: 'Sign in' } as Words,
  sentTitle: { zh: '请查收登录链接', en: 'Check your messages' } as Words,
  sent: {
    zh: '如果该人员存在且有可用的联系渠道，登录链接已经发出，请在 15 分钟内打开。',
    en: 'If that person exists and can be reached, a sign-in link is on its way; open it within 15 minutes.',
  } as Words,
  linkTitle: { zh: '确认登录', en: 'Confirm sign-in' } as Words,
  linkAs: (name: string): Words => ({ zh: `以“${name}”的身份登录`, en: `Sign in as ${name}` }),
  linkInvalidTitle: { zh: '登录链接无效', en: 'This sign-in link cannot be used' } as Words,
  linkInvalid: {
    zh: '链接已过期、已使用或不完整。请重新申请登录链接。',
    en: 'The link has expired, was used already, or is incomplete. Ask for a new one.',
  } as Words,
  keyRefused: { zh: '密钥无效或已停用。', en: 'That key is not valid or was revoked.' } as Words,
  whoMissing: { zh: '请填写人员编号或电子邮箱。', en: 'Type a person id or an e-mail.' } as Words,
  expired: { zh: '登录已过期，请重新登录。', en: 'Your session ended. Sign in again.' } as Words,
  crossSiteTitle: { zh: '请求被拒绝', en: 'Refused' } as Words,
  crossSite: {
    zh: '该表单不是从本系统页面提交的，或页面已过期。请刷新页面后重试。',
    en: 'The form was not sent from this service’s page, or the page is out of date. Reload it and try again.',
  } as Words,
  tooManyTitle: { zh: '尝试次数过多', en: 'Too many tries' } as Words,
  tooMany: { zh: '请稍后再试。', en: 'Try again later.' } as Words,
  signedOut: { zh: '您已退出登录。', en: 'You are signed out.' } as Words,
  everywhere: { zh: '在所有设备上退出', en: 'Sign out everywhere' } as Words,
};

/** The office's board (/): incidents being handled, most urgent first. */
export const boardPage = {
  title: { zh: '舆情看板', en: 'Incident board' } as Words,
  filters: { zh: '筛选', en: 'Filter' } as Words,
  status: { zh: '状态', en: 'Status' } as Words,
  level: { zh: '级别', en: 'Level' } as Words,
  plan: { zh: '预案', en: 'Plan' } as Words,
  any: { zh: '全部', en: 'Any' } as Words,
  breachedOnly: { zh: '仅看超时', en: 'Late only' } as Words,
  mine: { zh: '待我处理', en: 'Waiting for me' } as Words,
  text: { zh: '关键词', en: 'Text' } as Words,
  apply: { zh: '筛选', en: 'Apply' } as Words,
  clear: { zh: '清除筛选', en: 'Clear' } as Words,
  incident: { zh: '舆情', en: 'Incident' } as Words,
  lead: { zh: '牵头', en: 'Lead' } as Words,
  next: { zh: '下一时限', en: 'Next deadline' } as Words,
  lastActivity: { zh: '最近动态', en: 'Last activity' } as Words,
  nothingDue: { zh: '无待办时限', en: 'Nothing due' } as Words,
  breached: { zh: '超时', en: 'Late' } as Words,
  empty: { zh: '没有符合条件的舆情。', en: 'No incidents match.' } as Words,
  more: { zh: '下一页', en: 'Next page' } as Words,
  first: { zh: '回到第一页', en: 'First page' } as Words,
  statuses: {
    open: { zh: '处置中', en: 'Open' },
    aftercare: { zh: '已平息（观察中）', en: 'Subsided (aftercare)' },
    closed: { zh: '已结束', en: 'Closed' },
  } satisfies Record<string, Words>,
  updatedAt: (at: Words): Words => ({ zh: `更新于 ${at.zh}`, en: `updated ${at.en}` }),
};

/** The forms on the incident page, made from the inputs: the words for their fields. */
export const inputForms = {
  actingAs: (role: Words): Words => ({ zh: `以“${role.zh}”身份办理`, en: `Acting as ${role.en}` }),
  beijingTime: { zh: '北京时间', en: 'Beijing time' } as Words,
  fields: {
    note: { zh: '说明', en: 'Note' },
    link: { zh: '链接（如已发布的通稿）', en: 'Link (e.g. the published statement)' },
    comment: { zh: '意见', en: 'Comment' },
    decision: { zh: '决定', en: 'Decision' },
    'decision.approve': { zh: '同意', en: 'Approve' },
    'decision.reject': { zh: '退回（需填写意见）', en: 'Send back (say why)' },
    reason: { zh: '理由', en: 'Reason' },
    level: { zh: '级别', en: 'Level' },
    title: { zh: '事项', en: 'What is promised' },
    dueAt: { zh: '承诺时间', en: 'Promised by' },
    metrics: { zh: '传播数据', en: 'Metrics' },
    'metrics.views24h': { zh: '24 小时阅读量', en: 'Views in 24 h' },
    'metrics.reposts': { zh: '转发量', en: 'Reposts' },
    'metrics.comments': { zh: '评论量', en: 'Comments' },
    answers: { zh: '复盘表', en: 'Review form' },
    flag: { zh: '情形', en: 'Circumstance' },
    role: { zh: '新的牵头部门', en: 'New lead' },
    text: { zh: '疑问或质疑（照录跟帖）', en: 'The question or doubt, as posted' },
  } satisfies Record<string, Words>,
};

/** The office's incident page. */
export const incidentPage = {
  lead: { zh: '牵头', en: 'Lead' } as Words,
  status: { zh: '状态', en: 'Status' } as Words,
  discovered: (ago: Words, at: Words): Words => ({
    zh: `发现于 ${at.zh}（${ago.zh}前）`,
    en: `Found ${at.en} (${ago.en} ago)`,
  }),
  occurred: (at: Words): Words => ({ zh: `事发于 ${at.zh}`, en: `Happened ${at.en}` }),
  picture: { zh: '处置进度图', en: 'The response so far' } as Words,
  chartLabel: {
    zh: '各步骤从开始到完成的时间条，竖线为时限',
    en: 'Each step from opened to done; a mark at its due time',
  } as Words,
  stillOpen: { zh: '进行中', en: 'still open' } as Words,
  late: { zh: '超时', en: 'late' } as Words,
  lateSince: (due: Words): Words => ({ zh: `自 ${due.zh} 起超时`, en: `late since ${due.en}` }),
  dueAt: (due: Words): Words => ({ zh: `时限 ${due.zh}`, en: `due ${due.en}` }),
  now: { zh: '现在', en: 'now' } as Words,
  steps: { zh: '处置步骤', en: 'Steps' } as Words,
  step: { zh: '步骤', en: 'Step' } as Words,
  who: { zh: '负责', en: 'Who' } as Words,
  opened: { zh: '开始', en: 'Opened' } as Words,
  due: { zh: '时限', en: 'Due' } as Words,
  done: { zh: '完成', en: 'Done' } as Words,
  stepStatus: {
    waiting: { zh: '待开始', en: 'Waiting' },
    open: { zh: '进行中', en: 'Open' },
    done: { zh: '已完成', en: 'Done' },
    skipped: { zh: '已跳过', en: 'Skipped' },
  } satisfies Record<string, Words>,
  lateBy: (d: Words): Words => ({ zh: `超时 ${d.zh}`, en: `${d.en} late` }),
  approvals: { zh: '审批记录', en: 'Approvals' } as Words,
  stage: (n: number, of: number): Words => ({ zh: `第 ${n} 级审批，共 ${of} 级`, en: `stage ${n} of ${of}` }),
  noDecisions: { zh: '尚无审批意见。', en: 'No decisions yet.' } as Words,
  milestones: { zh: '承诺事项', en: 'Promised replies' } as Words,
  noMilestones: { zh: '没有未完成的承诺事项。', en: 'No open promises.' } as Words,
  questions: { zh: '上报的疑问', en: 'Questions raised' } as Words,
  noQuestions: { zh: '尚未上报疑问。', en: 'No questions raised yet.' } as Words,
  questionState: {
    answering: { zh: '答复中', en: 'being answered' },
    answered: { zh: '已答复', en: 'answered' },
  } satisfies Record<'answering' | 'answered', Words>,
  reasonOf: (reason: string): Words => ({ zh: `原因：${reason}`, en: `why: ${reason}` }),
  actions: { zh: '我可以办理', en: 'What I can do' } as Words,
  noActions: {
    zh: '您的角色目前在此事件中没有可办理的事项。',
    en: 'Your roles have nothing to do on this incident just now.',
  } as Words,
  operatorNoActions: {
    zh: '运维账号只用于管理人员，不代表任何角色办理事项。',
    en: 'An operator administers people and acts in no role.',
  } as Words,
  timeline: { zh: '时间线', en: 'Timeline' } as Words,
  all: { zh: '全部', en: 'All' } as Words,
  human: { zh: '人工操作', en: 'People' } as Words,
  system: { zh: '系统事件', en: 'System' } as Words,
  review: { zh: '复盘报告', en: 'After-action review' } as Words,
  accepted: { zh: '已办理，系统已记录。', en: 'Done: the service recorded it.' } as Words,
  refusedTitle: { zh: '未能办理', en: 'Not done' } as Words,
  unavailableTitle: { zh: '暂时无法办理', en: 'Not available just now' } as Words,
  unavailable: {
    zh: '流程引擎繁忙或暂时联系不上，本次操作没有记录。请稍后再试；此前已记录的内容不会丢失。',
    en: 'The workflow engine is busy or out of reach just now; this was not recorded. Try again shortly: nothing recorded before is lost.',
  } as Words,
  unexpected: {
    zh: '处理时出现意外错误，已记入日志。请稍后再试。',
    en: 'Something unexpected went wrong; it is logged. Try again shortly.',
  } as Words,
  fromProjection: {
    zh: '该事件的流程记录已不在运行库中，以下为存档数据。',
    en: 'The workflow is no longer kept; what follows is the stored record.',
  } as Words,
  temporalUnavailable: {
    zh: '流程引擎暂时联系不上：以下为已存档的记录，暂不能办理。请稍后刷新。',
    en: 'The workflow engine is out of reach just now: what follows is the stored record, and nothing can be done until it is back. Reload shortly.',
  } as Words,
  refusals: {
    'incident-closed': { zh: '该事件已结案，不能再办理。', en: 'The incident is closed.' },
    'unknown-step': { zh: '预案中没有这个步骤。', en: 'The plan has no such step.' },
    'wrong-step-kind': { zh: '这个步骤不能这样办理。', en: 'This step is not done this way.' },
    'step-not-open': {
      zh: '此步骤当前不能办理：尚未开始，或已经完成。',
      en: 'This step cannot be done now: it has not started, or it is done.',
    },
    'wrong-role': { zh: '您的角色不负责此事项。', en: 'Your role does not do this.' },
    'unknown-role': { zh: '预案中没有这个角色。', en: 'The plan has no such role.' },
    'already-decided': { zh: '此轮审批您已经表过态。', en: 'You have decided this round already.' },
    'stage-closed': { zh: '这一级审批已经结束。', en: 'This approval stage is over.' },
    'comment-required': {
      zh: '退回时请填写意见，说明需要修改什么。',
      en: 'Say what to change when sending back.',
    },
    'unknown-level': { zh: '预案中没有这个级别。', en: 'The plan has no such level.' },
    'same-level': { zh: '事件已经是这个级别。', en: 'The incident is at that level already.' },
    'same-lead': { zh: '该部门已经在牵头。', en: 'That role leads already.' },
    'invalid-form': { zh: '复盘表填写不完整。', en: 'The review form is incomplete.' },
    'unknown-milestone': { zh: '没有这项承诺。', en: 'No such promise.' },
    'milestone-done': { zh: '这项承诺已经完成。', en: 'That promise is done already.' },
    'due-in-past': { zh: '承诺时间不能早于现在。', en: 'The promised time is in the past.' },
    'wrong-status': {
      zh: '事件当前的状态不允许此操作。',
      en: 'The incident’s status does not allow this now.',
    },
    'unknown-flag': { zh: '预案中没有这种特殊情形。', en: 'The plan has no such circumstance.' },
    'flag-already-set': { zh: '已经标记过这种情形。', en: 'That circumstance is marked already.' },
    'nothing-to-mark': { zh: '没有可标记的特殊情形。', en: 'There is no circumstance left to mark.' },
    'no-question-rounds': {
      zh: '预案没有规定疑问的上报和答复。',
      en: 'The plan has no rounds for questions.',
    },
    'incident-continuing': {
      zh: '系统正忙，请稍后再试。',
      en: 'The service is busy; try again in a moment.',
    },
  } satisfies Record<string, Words>,
  badField: (field: string, issue: string): Words => ({
    zh: `“${field}”填写有误：${issue}`,
    en: `${field}: ${issue}`,
  }),
};

/** The intake form (新建舆情). */
export const intakePage = {
  title: { zh: '新建舆情', en: 'New incident' } as Words,
  plan: { zh: '预案', en: 'Plan' } as Words,
  incidentTitle: { zh: '标题', en: 'Title' } as Words,
  summary: { zh: '摘要', en: 'Summary' } as Words,
  level: { zh: '级别', en: 'Level' } as Words,
  suggestFromMetrics: { zh: '按传播数据建议', en: 'Suggest from the metrics' } as Words,
  suggested: (level: Words): Words => ({
    zh: `按预案阈值，建议级别：${level.zh}`,
    en: `The plan's thresholds suggest: ${level.en}`,
  }),
  noSuggestion: {
    zh: '传播数据未达到任何级别的阈值。',
    en: 'The metrics cross no level’s threshold.',
  } as Words,
  platform: { zh: '发现平台', en: 'Found on' } as Words,
  occurredAt: { zh: '事发时间（选填）', en: 'When it happened (optional)' } as Words,
  occurredAtHint: {
    zh: '北京时间。有的预案从事发起计时（如事发15分钟内口头报告）；不填则从发现时起计。',
    en: 'Beijing time. Some plans count from this (an oral report within 15 minutes of it); left empty, from discovery.',
  } as Words,
  url: { zh: '原帖链接', en: 'Link to the post' } as Words,
  flags: {
    zh: '特殊情形（选填，仅限所选预案）',
    en: 'Circumstances (optional, of the chosen plan)',
  } as Words,
  flagsOtherPlan: {
    zh: '所选特殊情形不属于所选预案。',
    en: 'A circumstance ticked belongs to another plan.',
  } as Words,
  levelOtherPlan: {
    zh: '所选级别不属于所选预案。',
    en: 'The level chosen belongs to another plan.',
  } as Words,
  start: { zh: '立案', en: 'Start the response' } as Words,
  suggest: { zh: '计算建议级别', en: 'Suggest a level' } as Words,
  problem: { zh: '请检查：', en: 'Please check:' } as Words,
};

/**
 * P4's hazard register on the office's pages: the board's list of open entries and the form that adds
 * one. The columns are 附件3's own (网络舆情隐患排查表).
 */
export const hazardPages = {
  title: { zh: '网络舆情隐患排查表', en: 'Hazard register' } as Words,
  intro: {
    zh: '各单位随时摸排舆情隐患，填写隐患排查表上报领导小组办公室汇总；解决时限前一天提醒，逾期报办公室主任。',
    en: 'Units report online-opinion hazards as they find them; the office gathers them. Each is reminded a day before its deadline and, once late, escalated to the office director.',
  } as Words,
  section: { zh: '科室', en: 'Section' } as Words,
  hazard: { zh: '舆情隐患内容', en: 'Hazard' } as Words,
  offlineMeasure: { zh: '线下处置措施', en: 'Offline measures' } as Words,
  onlineMeasure: { zh: '线上管控措施及引导口径', en: 'Online measures and messaging' } as Words,
  resolveBy: { zh: '解决时限', en: 'Resolve by' } as Words,
  resolveByHint: { zh: '北京时间', en: 'Beijing time' } as Words,
  empty: { zh: '没有待解决的舆情隐患。', en: 'No open hazards.' } as Words,
  add: { zh: '上报隐患', en: 'Report a hazard' } as Words,
  submit: { zh: '上报', en: 'Report' } as Words,
  added: { zh: '隐患已上报，已列入汇总。', en: 'The hazard is reported and on the register.' } as Words,
  badField: (field: Words, issue: string): Words => ({
    zh: `“${field.zh}”填写有误：${issue}`,
    en: `${field.en}: ${issue}`,
  }),
};
