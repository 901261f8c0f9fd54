import type {
  EpochMs,
  IncidentState,
  NotificationRequest,
  Plan,
  Step,
  StepState,
  TimelineEvent,
} from './types';

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

export function stepOf(plan: Plan, stepId: string): Step | undefined {
  return plan.steps.find((s) => s.id === stepId);
}

/** The sequence number of the last event ever recorded (stored events may have left memory). */
export function lastSeq(state: IncidentState): number {
  return (state.seqBase ?? 0) + state.timeline.length;
}

/** Appends an event to the timeline with the next sequence number. */
export function record(
  state: IncidentState,
  at: EpochMs,
  event: Omit<TimelineEvent, 'seq' | 'at'>,
): TimelineEvent {
  const full: TimelineEvent = { seq: lastSeq(state) + 1, at, ...event };
  state.timeline.push(full);
  return full;
}

export function applies(step: Step, level: string): boolean {
  return step.appliesAt === undefined || step.appliesAt.includes(level);
}

/** An approval also waits for the work it approves, so work redone after a rejection is approved again. */
export function predecessors(step: Step): string[] {
  return step.kind === 'approval' ? [...step.after, step.revises] : step.after;
}

export function isFinished(s: StepState | undefined): boolean {
  return s?.status === 'done' || s?.status === 'skipped';
}

/** The role that must act on an open step now. */
export function currentOwner(step: Step, s: StepState): string | undefined {
  switch (step.kind) {
    case 'task':
    case 'monitor':
    case 'review':
      return step.owner;
    case 'approval':
      return step.approvers[s.stage ?? 0];
    case 'notify':
      return undefined;
    default:
      return assertNever(step);
  }
}

/** Lower index = more severe (plans list levels most severe first). */
export function severity(plan: Plan, level: string): number {
  const i = plan.levels.findIndex((l) => l.id === level);
  return i < 0 ? plan.levels.length : i;
}

export function levelName(plan: Plan, level: string): { zh: string; en: string } {
  return plan.levels.find((l) => l.id === level)?.names ?? { zh: level, en: level };
}

export function notification(
  state: IncidentState,
  cause: TimelineEvent,
  recipients: string[],
  subject: { zh: string; en: string },
  body: { zh: string; en: string },
): NotificationRequest {
  return {
    key: `${state.incident.id}:${cause.seq}`,
    incidentId: state.incident.id,
    recipients,
    subject: {
      zh: `【${state.incident.title}】${subject.zh}`,
      en: `[${state.incident.title}] ${subject.en}`,
    },
    body,
    causeSeq: cause.seq,
  };
}
