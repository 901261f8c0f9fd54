import { z } from 'zod';

// One schema for the plan format: the catalog loader validates with it, the workflow receives the
// parsed snapshot and imports only the inferred types.

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes, starting with a letter');

export const Bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

/** Where in a seed plan a clause comes from, so every encoded step can be traced to its original. */
export const SourceRef = z.strictObject({
  file: z.string().min(1),
  section: z.string().min(1),
  /** What the catalog reads into the seed where it does not say, and why: shown beside the citation. */
  inferred: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** ISO-8601 duration with day, hour, minute and second parts (seconds resolution), e.g. PT30M, P1DT2H. */
export const IsoDuration = z
  .string()
  .regex(
    /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'an ISO-8601 duration such as PT30M, PT12H or P1DT2H',
  );
export type IsoDuration = z.infer<typeof IsoDuration>;

const metricCounts = {
  views24h: z.number().int().nonnegative().optional(),
  reposts: z.number().int().nonnegative().optional(),
  comments: z.number().int().nonnegative().optional(),
};

/** Metric thresholds: the level applies when any metric is strictly greater than its threshold (P3). */
export const Thresholds = z.strictObject(metricCounts);
export type Thresholds = z.infer<typeof Thresholds>;

/** An incident's observed metrics: views in 24 hours, reposts, comments. */
export const Metrics = z.strictObject(metricCounts);
export type Metrics = z.infer<typeof Metrics>;

export const Level = z.strictObject({
  id,
  names: Bilingual,
  colour: z.string().optional(),
  criteria: Bilingual.optional(),
  thresholds: Thresholds.optional(),
});
export type Level = z.infer<typeof Level>;

export const Role = z.strictObject({
  id,
  names: Bilingual,
  /** The role this one answers to: the next rung of the escalation chain. */
  reportsTo: id.optional(),
});
export type Role = z.infer<typeof Role>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');

/** Working hours in Asia/Shanghai (UTC+8, no DST); holidays and make-up workdays by local date. */
export const Calendar = z.strictObject({
  workingHours: z.array(z.tuple([hhmm, hhmm])).min(1),
  workdays: z.array(z.number().int().min(1).max(7)),
  holidays: z.array(localDate).default([]),
  extraWorkdays: z.array(localDate).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

/** One duration, or one for working hours and another outside them (P6: 10 vs 30 minutes). */
export const DeadlineSpan = z.union([
  IsoDuration,
  z.strictObject({ workingHours: IsoDuration, offHours: IsoDuration }),
]);
export type DeadlineSpan = z.infer<typeof DeadlineSpan>;

export const DeadlineAnchor = z.union([
  z.literal('discovery'),
  /** When it happened (事发), if intake says so; otherwise from discovery. */
  z.literal('occurrence'),
  z.literal('activation'),
  /** Only in a question round: when the question was raised, however far the round has got. */
  z.literal('raised'),
  z.strictObject({ stepDone: id }),
]);
export type DeadlineAnchor = z.infer<typeof DeadlineAnchor>;

export const Deadline = z.strictObject({
  /** One span for every level, or one per level id (levels left out have no deadline). */
  within: z.union([DeadlineSpan, z.record(z.string(), DeadlineSpan)]),
  from: DeadlineAnchor.default('activation'),
  /** On a miss, besides recording the breach and escalating: raise the incident to this level. */
  raiseLevelTo: z.string().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

/**
 * What the after-action review measures a step by: its time from discovery to done is the plan's
 * "time to first report" (and so on). Several steps may carry one mark (one per level); the first done counts.
 */
export const FigureId = z.enum(['first-report', 'approved-statement', 'public-response']);
export type FigureId = z.infer<typeof FigureId>;

/** Roles that do the step together with its owner ("会同", "共同"): each may act on it, and each is told. */
const jointOwners = z.array(id).min(1).optional();

/**
 * One value, or one for each level where it differs (P4: the first spokesperson is the group head at
 * 特别重大, the office director at 重大, the leader in charge at 一般), so a step is not copied per level.
 */
const byLevel = <T extends z.ZodType>(value: T) =>
  z.union([value, z.strictObject({ byLevel: z.record(id, value) })]);

/** The role that does the step, at every level or level by level. */
export const Owner = byLevel(id);
export type Owner = z.infer<typeof Owner>;

const stepCommon = {
  id,
  title: Bilingual,
  source: SourceRef,
  /** Level ids at which the step applies; absent means every level. */
  appliesAt: z.array(id).min(1).optional(),
  /**
   * A flag of the plan: the step applies only once it is set on the incident (at intake or later by the
   * lead role), and its deadline counts from no earlier than that.
   */
  when: id.optional(),
  /** Steps that must be done (or skipped) before this one opens. */
  after: z.array(id).default([]),
  deadline: Deadline.optional(),
  figure: FigureId.optional(),
};

export const TaskStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('task'),
  owner: Owner,
  jointOwners,
  instructions: Bilingual,
});
export type TaskStep = z.infer<typeof TaskStep>;

export const ApprovalStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('approval'),
  /** Ordered chain: each role approves in turn. */
  approvers: z.array(id).min(1),
  /** The step whose work is approved; a rejection sends the work back to it. */
  revises: id,
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const NotifyStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('notify'),
  recipients: z.array(id).min(1),
  /** What they are told; level by level where it differs (P1: at Ⅰ asking for instructions, at Ⅱ the party group reports). */
  message: byLevel(Bilingual),
});
export type NotifyStep = z.infer<typeof NotifyStep>;

/** Open until the lead role declares the incident subsided; follow-up reports (续报) due every N. */
export const MonitorStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('monitor'),
  owner: Owner,
  jointOwners,
  instructions: Bilingual,
  followUpEvery: IsoDuration.optional(),
});
export type MonitorStep = z.infer<typeof MonitorStep>;

export const FormField = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a field id such as cause or leaderInCharge'),
  label: Bilingual,
  required: z.boolean().default(true),
});
export type FormField = z.infer<typeof FormField>;

/** The after-action review: a form the owner fills in (P4 attachment 2). */
export const ReviewStep = z.strictObject({
  ...stepCommon,
  kind: z.literal('review'),
  owner: Owner,
  jointOwners,
  instructions: Bilingual,
  form: z.array(FormField).min(1),
});
export type ReviewStep = z.infer<typeof ReviewStep>;

export const Step = z.discriminatedUnion('kind', [
  TaskStep,
  ApprovalStep,
  NotifyStep,
  MonitorStep,
  ReviewStep,
]);
export type Step = z.infer<typeof Step>;

/**
 * A fact besides the level that some steps depend on (P3: a serious work-safety accident just happened),
 * set at intake or later by the lead role; it stays set.
 */
export const Flag = z.strictObject({
  id,
  name: Bilingual,
  source: SourceRef,
});
export type Flag = z.infer<typeof Flag>;

/**
 * A question the people watching cannot answer goes up and gets its own round (P1 第七步: "如自己对疑问或者
 * 质疑不能正确引导…要及时上报。上报后，经局党组会商后拿出一个合理的回复方案加以回复"): the round's steps run
 * anew for each question, any number of times while the `during` monitor is open, with their own deadlines.
 */
export const QuestionRounds = z.strictObject({
  source: SourceRef,
  /** The roles that raise a question. */
  raisedBy: z.array(id).min(1),
  /** The monitor step of the plan while which questions are raised. */
  during: id,
  /** One round: ids, after and revises refer within the round; each round's ids are prefixed (q1-consult). */
  steps: z.array(Step).min(1),
});
export type QuestionRounds = z.infer<typeof QuestionRounds>;

export const Plan = z.strictObject({
  id,
  version: z.number().int().positive(),
  title: Bilingual,
  source: SourceRef,
  /** Most severe first. */
  levels: z.array(Level).min(1),
  roles: z.array(Role).min(1),
  /** Which role leads the response at each level. */
  leadRole: z.record(z.string(), id),
  /** Roles besides the lead role that may re-classify the incident (P6: the cyberspace office). */
  classifiers: z.array(id).default([]),
  calendar: Calendar.optional(),
  flags: z.array(Flag).default([]),
  /**
   * How a missed deadline climbs the reportsTo chain: the owner and its immediate superior are told at
   * once, and while the work stays undone, the next role up after each further interval (default 30 min).
   */
  escalation: z.strictObject({ every: IsoDuration }).optional(),
  steps: z.array(Step).min(1),
  questions: QuestionRounds.optional(),
});
export type Plan = z.infer<typeof Plan>;
