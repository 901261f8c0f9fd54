import { z } from 'zod';
import { Metrics } from '../domain/plan-schema';

/**
 * How far in the future a `discoveredAt` may lie: the reporter's clock may run a little ahead of ours.
 * Beyond it the time is a mistake, and it would count deadlines from a moment that has not come.
 */
export const DISCOVERED_AT_CLOCK_SKEW_MS = 5 * 60_000;

/** Checked against the clock when a request is parsed, not when this module was loaded. */
const notLaterThanNow = (iso: string): boolean => Date.parse(iso) <= Date.now() + DISCOVERED_AT_CLOCK_SKEW_MS;

const pastMoment = () =>
  z.iso.datetime({ offset: true }).refine(notLaterThanNow, {
    message: `in the future: at most ${DISCOVERED_AT_CLOCK_SKEW_MS / 60_000} minutes after now (clock skew)`,
  });

export const CreateIncidentBody = z
  .strictObject({
    planId: z.string().min(1),
    title: z.string().trim().min(1).max(500),
    summary: z.string().max(20_000).default(''),
    /** When the incident was found; defaults to the moment of intake. */
    discoveredAt: pastMoment().optional(),
    /** When it happened (事发), if known: plans may count deadlines from it (P5: 事发15分钟内口头报告). */
    occurredAt: pastMoment().optional(),
    /** Explicit level; unset: suggested from metrics by the plan's thresholds. */
    level: z.string().min(1).optional(),
    metrics: Metrics.optional(),
    /** The plan's flags that hold already (P3: accident); the lead role may set others later. */
    flags: z.array(z.string().min(1).max(100)).max(20).optional(),
    reporter: z.string().trim().min(1).max(200),
    source: z
      .strictObject({
        platform: z.string().min(1).max(200),
        url: z.url().optional(),
        account: z.string().max(200).optional(),
      })
      .optional(),
  })
  .refine(
    (b) =>
      b.occurredAt === undefined ||
      Date.parse(b.occurredAt) <= (b.discoveredAt === undefined ? Date.now() : Date.parse(b.discoveredAt)),
    { path: ['occurredAt'], message: 'after discoveredAt: an incident is found once it has happened' },
  );
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const IncidentParams = z.strictObject({ id: z.uuid('an incident id (UUID)') });
