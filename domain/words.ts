// Every word a person reads, Chinese first and English beside it, so "what does the principal leader
// read?" is answered by this one file. Every time is Beijing time, written the way people there write it
// (`11月24日 09:30`, the year only when it is not the current one), and every duration the way they say
// it (`1 小时 5 分`). Pure: the workflow's notices and the message templates call the same functions.
// Texts recorded on the timeline (the reasons below) are part of replayed histories: change them only
// behind a patch.

import type { TimelineType } from './incident-schema';

export interface Words {
  zh: string;
  en: string;
}

/** What a notice says: its subject line and its first paragraph. */
export interface Notice {
  subject: Words;
  body: Words;
}

const CHINA_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has kept UTC+8 without daylight saving since 1991
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');

/** A moment as Beijing wall time; `now` decides whether the year needs saying. */
export function beijingTime(at: number, now: number): Words {
  const d = new Date(at + CHINA_OFFSET_MS);
  const year = d.getUTCFullYear();
  const sameYear = year === new Date(now + CHINA_OFFSET_MS).getUTCFullYear();
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  return {
    zh: `${sameYear ? '' : `${year}年`}${month + 1}月${day}日 ${clock}`,
    en: `${day} ${MONTHS[month]}${sameYear ? '' : ` ${year}`} ${clock} (Beijing time)`,
  };
}

/** A span of time in whole minutes, largest units first: `1 天 2 小时`, `1 小时 5 分`, `25 分钟`. */
export function duration(ms: number): Words {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  if (days === 0 && hours === 0) return { zh: `${mins} 分钟`, en: `${mins} min` };
  const zh = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', mins ? `${mins} 分` : ''];
  const en = [days ? `${days} d` : '', hours ? `${hours} h` : '', mins ? `${mins} min` : ''];
  return { zh: zh.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}

/** A deadline as the owner reads it: Beijing time, or that there is none. */
export function dueTime(at: number | undefined, now: number): Words {
  return at === undefined ? { zh: '不限时', en: 'no deadline' } : beijingTime(at, now);
}

/** Every subject names the incident first, so a message is recognised in a crowded inbox or chat. */
export function incidentSubject(incidentTitle: string, subject: Words): Words {
  return { zh: `【${incidentTitle}】${subject.zh}`, en: `[${incidentTitle}] ${subject.en}` };
}

/** A step opened for its owner. */
export function toDo(step: Words): Notice {
  return {
    subject: { zh: `【待办】${step.zh}`, en: `[To do] ${step.en}` },
    body: { zh: `请办理「${step.zh}」。`, en: `Please handle "${step.en}".` },
  };
}

/** An approval stage reached its approver (`stage` counts from 0). */
export function approvalRequest(step: Words, stage: number, stages: number): Notice {
  return {
    subject: { zh: `【待审批】${step.zh}`, en: `[Approval needed] ${step.en}` },
    body: {
      zh: `请审批「${step.zh}」（第 ${stage + 1}/${stages} 级）。`,
      en: `Please decide "${step.en}" (stage ${stage + 1} of ${stages}).`,
    },
  };
}

/** Work a rejected approval sent back to its owner, with the approver's comment. */
export function rework(step: Words, comment: string): Notice {
  return {
    subject: { zh: `【退回修改】${step.zh}`, en: `[Sent back] ${step.en}` },
    body: {
      zh: `「${step.zh}」未获批准，意见：${comment}。请修改后重新提交。`,
      en: `"${step.en}" was not approved: ${comment}. Please revise and resubmit.`,
    },
  };
}

/** What a missed follow-up cadence is called in an overdue notice. */
export function followUpReport(step: Words): Words {
  return { zh: `${step.zh}（续报）`, en: `${step.en} (follow-up report)` };
}

/** What a missed promised reply is called in an overdue notice. */
export function promisedReply(title: string): Words {
  return { zh: `承诺答复：${title}`, en: `Promised reply: ${title}` };
}

/** A missed deadline, told to the owner and everyone above it. */
export function overdue(
  what: Words,
  due: Words,
  late: Words,
  missedReports: number | undefined,
  owner: Words | undefined,
): Notice {
  const missed = missedReports !== undefined && missedReports > 1;
  return {
    subject: { zh: `【超时】${what.zh}`, en: `[Overdue] ${what.en}` },
    body: {
      zh:
        `「${what.zh}」应于 ${due.zh} 完成，已超时 ${late.zh}` +
        `${missed ? `，共漏报 ${missedReports} 次` : ''}` +
        `${owner ? `，责任角色：${owner.zh}` : ''}。请督促办理。`,
      en:
        `"${what.en}" was due at ${due.en} and is ${late.en} overdue` +
        `${missed ? `, ${missedReports} reports missed` : ''}` +
        `${owner ? `; owner: ${owner.en}` : ''}. Please follow up.`,
    },
  };
}

/** The incident moved to another level; `reason` is as recorded. */
export function levelChanged(from: Words, to: Words, reason: string): Notice {
  return {
    subject: { zh: `级别调整为${to.zh}`, en: `Level changed to ${to.en}` },
    body: {
      zh: `舆情级别由「${from.zh}」调整为「${to.zh}」，原因：${reason}。`,
      en: `The incident level changed from "${from.en}" to "${to.en}". Reason: ${reason}.`,
    },
  };
}

/** A level change moved an open step's deadline. */
export function deadlineChanged(level: Words, step: Words, was: Words, now: Words): Notice {
  return {
    subject: { zh: `【时限调整】${step.zh}`, en: `[Deadline changed] ${step.en}` },
    body: {
      zh: `级别调整为「${level.zh}」，「${step.zh}」的时限由 ${was.zh} 调整为 ${now.zh}。`,
      en: `The level is now "${level.en}": "${step.en}" is due ${now.en} instead of ${was.en}.`,
    },
  };
}

/** The incident flared up again during aftercare. */
export function relapse(reason: string): Notice {
  return {
    subject: { zh: '舆情反弹，重新启动处置', en: 'Relapse: the response is reopened' },
    body: { zh: `舆情出现反弹：${reason}`, en: `The incident relapsed: ${reason}` },
  };
}

/** The reason recorded when metrics raise the level by themselves (recorded: replayed histories hold it). */
export function thresholdCrossed(level: Words): string {
  return `metrics crossed the ${level.zh} threshold`;
}

/** The reason recorded when a missed deadline raises the level (recorded: replayed histories hold it). */
export function deadlineMissed(step: Words): string {
  return `deadline missed: ${step.zh}`;
}

/** The facts under every message's first paragraph, one line each. */
export const facts = {
  incident: (title: string): Words => ({ zh: `事件：${title}`, en: `Incident: ${title}` }),
  level: (name: Words): Words => ({ zh: `级别：${name.zh}`, en: `Level: ${name.en}` }),
  step: (title: Words): Words => ({ zh: `环节：${title.zh}`, en: `Step: ${title.en}` }),
  due: (due: Words): Words => ({ zh: `时限：${due.zh}`, en: `Due: ${due.en}` }),
  approvalLink: (link: string): Words => ({ zh: `审批链接：${link}`, en: `Decide here: ${link}` }),
};

/** What the outbox stores in place of a signed link (the link itself is a credential). */
export const SIGNED_LINK_SENT = '(signed link sent / 已发送签名链接)';

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
  } satisfies Record<string, Words>,
  everyLevel: { zh: '所有级别', en: 'Every level' } as Words,
  stage: (n: number, of: number, role: Words): Words => ({
    zh: `第 ${n} 级：${role.zh}`,
    en: `stage ${n} of ${of}: ${role.en}`,
  }),
  atStart: { zh: '响应启动即开始', en: 'as soon as the response starts' } as Words,
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
    activation: { zh: '自本环节开始起', en: 'from when the step opens' },
  } satisfies Record<'discovery' | 'activation', Words>,
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
    zh: '本预案未单独规定工作时间，按默认工作时间计算分段时限：',
    en: 'The plan sets no working hours of its own; split deadlines use the default:',
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
    'deadline-changed': { zh: '时限调整', en: 'Deadline changed' },
    'level-changed': { zh: '级别调整', en: 'Level changed' },
    'metrics-updated': { zh: '舆情数据更新', en: 'Metrics updated' },
    'follow-up-reported': { zh: '续报', en: 'Follow-up report' },
    'milestone-promised': { zh: '承诺答复', en: 'Reply promised' },
    'milestone-done': { zh: '承诺兑现', en: 'Promise kept' },
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
      closed: { zh: '结案时未办', en: 'not done when the incident closed' },
    } satisfies Record<'level' | 'closed', Words>,
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

/** Beijing wall-clock time alone, `09:30`: the ticks of a time axis whose day is said elsewhere. */
export function beijingClock(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Messages to one person outside any incident: the sign-in link, and an operator's test. */
export const directMessages = {
  signIn: {
    subject: { zh: '舆情处置系统登录链接', en: 'Your sign-in link' } as Words,
    body: (minutes: number): Words => ({
      zh: `请在 ${minutes} 分钟内打开以下链接登录，链接只能使用一次。如非本人操作，请忽略本消息。`,
      en: `Open this link within ${minutes} minutes to sign in; it works once. If you did not ask for it, ignore this message.`,
    }),
    link: (link: string): Words => ({ zh: `登录链接：${link}`, en: `Sign in: ${link}` }),
  },
  test: {
    subject: { zh: '舆情处置系统测试消息', en: 'Test message' } as Words,
    body: (name: string): Words => ({
      zh: `${name}，您好：这是一条测试消息，说明系统能通过此渠道联系到您。`,
      en: `Hello ${name}: this is a test message; the service can reach you on this channel.`,
    }),
  },
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
