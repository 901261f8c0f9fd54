import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { HazardActivities } from '../activities/hazards';
import {
  FINAL_HAZARD_STATUSES,
  reminderAt,
  type HazardNoticeKind,
  type HazardNoticeRequest,
  type HazardView,
  type HazardWorkflowInput,
  type ResolveHazard,
} from '../domain/hazard';
import { refuse, type Refusal } from '../domain/refusal';
import { beijingTime, duration, hazardNotices, type Notice } from '../domain/words';
import { escalateHazardUpdate, getHazardQuery, resolveHazardUpdate } from './hazard-messages';
import { INPUT_REFUSED } from './messages';

// One entry of P4's hazard register, from the unit's report to resolved (or to the incident it became):
// stored in the projection, the office told it arrived, the unit and the office reminded before its
// 解决时限, and past it a breach recorded and the office's superior told; the entry keeps waiting. Its
// history stays short (a few timers, notices and inputs), so it never continues as new.

// The projection is how the board lists the entry: storing retries without a cap, as an incident's does.
const storage = proxyActivities<HazardActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
// A notice that cannot be delivered is recorded on the entry, never a reason to fail it.
const notify = proxyActivities<HazardActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 5 },
});

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: INPUT_REFUSED,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}

const isFinal = (view: HazardView) => FINAL_HAZARD_STATUSES.includes(view.status);

export async function hazardWorkflow(input: HazardWorkflowInput): Promise<HazardView> {
  const { entry, roles } = input;
  const view: HazardView = {
    entry,
    roles,
    status: 'open',
    remindAt: reminderAt(entry.reportedAt, entry.resolveBy),
    notices: [],
    version: 1,
  };
  let stored = 0;
  let inFlight = 0;
  const outbox: { kind: HazardNoticeKind; request: HazardNoticeRequest }[] = [];
  const changed = () => {
    view.version += 1;
  };
  const noticeOf = (kind: HazardNoticeKind, recipients: string[], notice: Notice) => ({
    kind,
    request: {
      key: `hazard:${entry.id}:${kind}`,
      hazardId: entry.id,
      planId: entry.planId,
      recipients,
      subject: notice.subject,
      lines: [notice.body, ...hazardNotices.measures(entry.offlineMeasure, entry.onlineMeasure)],
    },
  });
  /** An input's answer: the entry as stored with it, so an accepted input is never lost. */
  const answered = async (): Promise<HazardView> => {
    const version = view.version;
    await condition(() => stored >= version);
    return view;
  };
  const closedRefusal = (): Refusal =>
    refuse(
      'hazard-closed',
      view.status === 'resolved'
        ? `the hazard was resolved by ${view.resolvedBy ?? '?'}`
        : `the hazard became incident ${view.incidentId ?? '?'}`,
    );

  setHandler(getHazardQuery, () => view);
  setHandler(
    resolveHazardUpdate,
    async ({ by, note }) => {
      const now = Date.now();
      view.status = 'resolved';
      view.resolvedAt = now;
      view.resolvedBy = by;
      if (note !== undefined && note !== '') view.resolution = note;
      if (now > entry.resolveBy) view.lateByMs = now - entry.resolveBy;
      changed();
      return answered();
    },
    {
      validator: (_input: ResolveHazard) => {
        if (isFinal(view)) throw refusalFailure(closedRefusal());
      },
    },
  );
  setHandler(
    escalateHazardUpdate,
    async ({ by, incidentId }) => {
      // The same incident asked for again (the API retrying): answered as it stands.
      if (view.incidentId === incidentId) return answered();
      view.status = 'became-incident';
      view.incidentId = incidentId;
      view.escalatedBy = by;
      view.escalatedAt = Date.now();
      changed();
      return answered();
    },
    {
      validator: ({ incidentId }) => {
        if (isFinal(view) && view.incidentId !== incidentId) throw refusalFailure(closedRefusal());
      },
    },
  );

  const sendBeside = (request: HazardNoticeRequest, kind: HazardNoticeKind) => {
    inFlight += 1;
    void notify
      .sendHazardNotice(request)
      .then(
        () => ({ delivered: true }),
        (err: unknown) => ({
          delivered: false,
          reason:
            err instanceof Error
              ? err.cause instanceof Error
                ? err.cause.message
                : err.message
              : String(err),
        }),
      )
      .then((outcome) => {
        view.notices.push({
          kind,
          key: request.key,
          recipients: request.recipients,
          at: Date.now(),
          ...outcome,
        });
        changed();
        inFlight -= 1;
      });
  };

  outbox.push(
    noticeOf(
      'reported',
      [roles.office],
      hazardNotices.reported(entry.section, entry.hazard, beijingTime(entry.resolveBy, entry.reportedAt)),
    ),
  );

  for (;;) {
    if (stored < view.version) {
      const version = view.version;
      await storage.recordHazard({ view: { ...view } });
      stored = version;
      continue;
    }
    // Notices leave once the entry they speak of is stored, beside the loop: an answer never waits for a peer.
    for (const { request, kind } of outbox.splice(0)) sendBeside(request, kind);
    if (isFinal(view)) {
      if (inFlight === 0) break;
      await condition(() => inFlight === 0 || stored < view.version);
      continue;
    }
    const now = Date.now();
    if (view.breachedAt === undefined && now >= entry.resolveBy) {
      // Past the deadline, not resolved: the breach is recorded and the office and its superior are told.
      view.status = 'overdue';
      view.breachedAt = now;
      const due = beijingTime(entry.resolveBy, now);
      outbox.push(
        noticeOf(
          'overdue',
          [roles.unit, roles.office, ...roles.escalateTo],
          hazardNotices.overdue(entry.section, entry.hazard, due, duration(now - entry.resolveBy)),
        ),
      );
      changed();
      continue;
    }
    if (view.remindedAt === undefined && view.breachedAt === undefined && now >= view.remindAt) {
      view.remindedAt = now;
      const due = beijingTime(entry.resolveBy, now);
      outbox.push(
        noticeOf(
          'reminder',
          [roles.unit, roles.office],
          hazardNotices.reminder(entry.section, entry.hazard, due, duration(entry.resolveBy - now)),
        ),
      );
      changed();
      continue;
    }
    const next =
      view.breachedAt !== undefined
        ? undefined
        : view.remindedAt === undefined
          ? view.remindAt
          : entry.resolveBy;
    const woken = () => stored < view.version;
    if (next === undefined) await condition(woken);
    else await condition(woken, next - now);
  }
  return view;
}
