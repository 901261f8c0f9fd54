import type { NotificationRequest } from '../domain/incident';
import { beijingTime, facts, type Words } from '../domain/words';

// What a person reads, laid out: Chinese first, English second, always naming the incident, its level,
// the step and its due time, and for an approval the signed link that decides it. The words themselves
// are in domain/words.ts.

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
  const ctx = request.context;
  const lines: Words[] = [request.body, facts.incident(incidentTitle)];
  if (ctx) lines.push(facts.level(ctx.level.names));
  if (ctx?.step) lines.push(facts.step(ctx.step.title));
  if (ctx?.step?.dueAt !== undefined) lines.push(facts.due(beijingTime(ctx.step.dueAt, now)));
  if (link) lines.push(facts.approvalLink(link));
  return layMessage(request.subject, lines);
}

/** A subject and its lines as the message every channel sends: Chinese first, then English. */
export function layMessage(subject: Words, lines: Words[]): Message {
  const zh = lines.map((l) => l.zh);
  const en = lines.map((l) => l.en);
  const text = `${zh.join('\n')}\n\n${en.join('\n')}`;
  const markdown = `**${subject.zh}**\n\n${zh.join('\n\n')}\n\n---\n\n**${subject.en}**\n\n${en.join('\n\n')}`;
  return { subject: `${subject.zh} / ${subject.en}`, text, markdown };
}
