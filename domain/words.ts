// Every word a message or the timeline says, Chinese first and English beside it, so "what does the
// principal leader read?" is answered by this file (and page-words.ts for the pages). Every time is Beijing time, written the way people there write it
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
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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

/** The classifier handed the response to another role, apart from the level (P6). */
export function leadChanged(from: Words, to: Words, reason: string): Notice {
  return {
    subject: { zh: `牵头部门调整为${to.zh}`, en: `${to.en} now leads the response` },
    body: {
      zh: `本事件的牵头部门由「${from.zh}」调整为「${to.zh}」，原因：${reason}。`,
      en: `The lead of this incident moved from "${from.en}" to "${to.en}". Reason: ${reason}.`,
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

/**
 * What the hazard register's notices say (P4 附件3, 网络舆情隐患排查表): the entry's section and hazard first,
 * its measures and its 解决时限 below. Each subject names the section so the office can tell entries apart.
 */
export const hazardNotices = {
  reported: (section: string, hazard: string, due: Words): Notice => ({
    subject: { zh: `【隐患上报】${section}：${hazard}`, en: `[Hazard reported] ${section}: ${hazard}` },
    body: {
      zh: `${section}上报舆情隐患「${hazard}」，解决时限 ${due.zh}，已列入隐患汇总。`,
      en: `${section} reported the hazard "${hazard}", to be resolved by ${due.en}; it is on the register.`,
    },
  }),
  reminder: (section: string, hazard: string, due: Words, left: Words): Notice => ({
    subject: { zh: `【隐患待解决】${section}：${hazard}`, en: `[Hazard due soon] ${section}: ${hazard}` },
    body: {
      zh: `舆情隐患「${hazard}」应于 ${due.zh} 前解决，剩余 ${left.zh}。请落实线下处置和线上管控措施，解决后及时报领导小组办公室。`,
      en: `The hazard "${hazard}" is to be resolved by ${due.en}, ${left.en} from now. Please carry out the offline and online measures and tell the office once it is resolved.`,
    },
  }),
  overdue: (section: string, hazard: string, due: Words, late: Words): Notice => ({
    subject: { zh: `【隐患超时】${section}：${hazard}`, en: `[Hazard overdue] ${section}: ${hazard}` },
    body: {
      zh: `舆情隐患「${hazard}」应于 ${due.zh} 前解决，已超时 ${late.zh}，责任科室：${section}。请督促办理。`,
      en: `The hazard "${hazard}" was to be resolved by ${due.en} and is ${late.en} overdue; section: ${section}. Please follow up.`,
    },
  }),
  /** The entry's measures, one line each under the first paragraph. */
  measures: (offline: string, online: string): Words[] => [
    { zh: `线下处置措施：${offline || '（未填写）'}`, en: `Offline measures: ${offline || '(none given)'}` },
    {
      zh: `线上管控措施及引导口径：${online || '（未填写）'}`,
      en: `Online measures and messaging: ${online || '(none given)'}`,
    },
  ],
};
