// Every word a person reads, Chinese first and English beside it, so "what does the principal leader
// read?" is answered by this one file. Every time is Beijing time, written the way people there write it
// (`11月24日 09:30`, the year only when it is not the current one), and every duration the way they say
// it (`1 小时 5 分`). Pure: the workflow's notices and the message templates call the same functions.
// Texts recorded on the timeline (the reasons below) are part of replayed histories: change them only
// behind a patch.

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
