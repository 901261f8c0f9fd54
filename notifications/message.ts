import { beijingTime } from '../domain/words';
import type { NotificationRequest } from '../domain/incident';

// What a person reads: Chinese first, English second, always naming the incident, its level, the step
// and its due time, and for an approval the signed link that decides it.

export interface Message {
  subject: string;
  /** Plain text: the e-mail body and the text of bots that take text. */
  text: string;
  /** The same in Markdown, for bots that render it. */
  markdown: string;
}

export function renderMessage(
  request: NotificationRequest,
  incidentTitle: string,
  link?: string,
  now: number = Date.now(),
): Message {
  const subject = `${request.subject.zh} / ${request.subject.en}`;
  const ctx = request.context;
  const facts: { zh: string; en: string }[] = [
    { zh: `事件：${incidentTitle}`, en: `Incident: ${incidentTitle}` },
  ];
  if (ctx) facts.push({ zh: `级别：${ctx.level.names.zh}`, en: `Level: ${ctx.level.names.en}` });
  if (ctx?.step) facts.push({ zh: `环节：${ctx.step.title.zh}`, en: `Step: ${ctx.step.title.en}` });
  if (ctx?.step?.dueAt !== undefined) {
    const due = beijingTime(ctx.step.dueAt, now);
    facts.push({ zh: `时限：${due.zh}`, en: `Due: ${due.en}` });
  }
  const zh = [request.body.zh, ...facts.map((f) => f.zh)];
  const en = [request.body.en, ...facts.map((f) => f.en)];
  if (link) {
    zh.push(`审批链接：${link}`);
    en.push(`Decide here: ${link}`);
  }
  const text = `${zh.join('\n')}\n\n${en.join('\n')}`;
  const markdown = `**${request.subject.zh}**\n\n${zh.join('\n\n')}\n\n---\n\n**${request.subject.en}**\n\n${en.join('\n\n')}`;
  return { subject, text, markdown };
}
