import { z } from 'zod';
import {
  ApprovalDecision,
  Breach,
  IncidentFacts,
  Milestone,
  StepState,
  TimelineEvent,
  Verdict,
} from '../domain/incident-schema';
import { Metrics, Plan } from '../domain/plan-schema';
import {
  CreateHazardBody,
  HazardIncidentBody,
  HazardIncidentStarted,
  HazardList,
  HazardParams,
  HazardSummary,
  ListHazardsQuery,
  ResolveHazardBody,
} from './hazard-schemas';
import { ListIncidentsQuery } from './incident-list-query';
import {
  ApiKeyParams,
  CreateApiKeyBody,
  CreatePersonBody,
  PersonParams,
  ReplaceRolesBody,
  UpdatePersonBody,
} from './people-schemas';
import { inputRoutes, type InputRoute } from './input-routes';
import {
  ApiKeyList,
  ApiKeySummary,
  ApprovalLinkView,
  Healthy,
  IncidentAnswer,
  IncidentFromProjection,
  IncidentFromWorkflow,
  IncidentPage,
  IncidentStarted,
  IncidentSummary,
  IssuedApiKey,
  Me,
  Person,
  PersonList,
  PlanList,
  PlanStats,
  PlanSummary,
  TimelinePage,
  Unhealthy,
} from './responses';
import { ApprovalForm } from './pages/approve-router';
import { pageOperations } from './openapi-pages';
import { LinkDecisionBody, LinkParams } from './routes/links';
import { CreateIncidentBody, IncidentParams } from './schemas';
import { TimelineQuery } from './timeline-query';
import { HistoryExport } from '../review/history-export-schema';
import { Review } from '../review/review-schema';

const HttpMethod = z.enum(['get', 'post', 'put', 'patch', 'delete']);
export type HttpMethod = z.infer<typeof HttpMethod>;

/** One documented operation. Adding an endpoint to the API means adding one of these to `operations`. */
export interface Operation {
  method: HttpMethod;
  /** OpenAPI style: `/api/incidents/{id}`. */
  path: string;
  summary: string;
  tags: string[];
  /** Answers without a bearer key. */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** How the body is sent; JSON unless a page's form posts it. */
  bodyType?: 'application/json' | 'application/x-www-form-urlencoded';
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

/** The one error shape every endpoint answers with (see errors.ts). */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.array(z.strictObject({ path: z.string(), issue: z.string() })),
  }),
});

const JsonObject = z.record(z.string(), z.unknown());

/** GET /openapi.json: the document this module writes. */
export const OpenApiDocument = z.strictObject({
  openapi: z.literal('3.1.0'),
  info: z.strictObject({ title: z.string(), version: z.string(), description: z.string() }),
  paths: z.record(z.string(), z.partialRecord(HttpMethod, JsonObject)),
  components: z.strictObject({
    schemas: z.record(z.string(), JsonObject),
    securitySchemes: z.record(z.string(), JsonObject),
  }),
  security: z.array(z.record(z.string(), z.array(z.string()))),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

/**
 * Response schemas written once under components, by these names, and referenced wherever a response
 * uses them, nested in another one too: a generated client gets one named type for each.
 */
const components: Record<string, z.ZodType> = {
  Error: ErrorBody,
  Plan,
  PlanSummary,
  Verdict,
  Incident: IncidentAnswer,
  IncidentFromWorkflow,
  IncidentFromProjection,
  IncidentFacts,
  Metrics,
  StepState,
  ApprovalDecision,
  Milestone,
  Breach,
  TimelineEvent,
  IncidentStarted,
  IncidentSummary,
  Person,
  ApiKey: ApiKeySummary,
  Review,
  Hazard: HazardSummary,
};

const failure = (description: string) => ({ description, schema: ErrorBody });
const unauthorized = failure('缺少或未知的 API 密钥 · Missing or unknown API key');
const tooManyFailedKeys = failure(
  '此地址错误密钥过多，请按 Retry-After 稍候 · Too many wrong keys from this address; wait Retry-After seconds (a right key still passes)',
);
const invalid = failure('请求不合法，details 列出每个问题 · Invalid request; details name each problem');
const operatorOnly = failure(
  '需要运维密钥，个人密钥不能管理人员 · Needs an operator key; a person key cannot',
);
const noPerson = failure('没有这个人员 · No such person');
const noPlan = failure('没有这个预案 · No such plan');
const PlanParams = z.strictObject({ planId: z.string().min(1) });
const linkRefused = failure(
  '链接无效（link-invalid）或已过期（link-expired） · The link is invalid (link-invalid) or expired (link-expired)',
);

const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\w.:-]{1,200}$/)
    .optional()
    .describe('Repeating an input with the same key applies it once'),
});

function inputOperation({ input, params, body }: InputRoute): Operation {
  return {
    method: 'post',
    path: `/api/incidents${input.path.replace(/:(\w+)/g, '{$1}')}`,
    summary: `${input.summary.zh} · ${input.summary.en}`,
    tags: ['incidents'],
    params,
    headers: IdempotencyHeaders,
    body,
    responses: {
      200: {
        description: '工作流接受了输入 · The workflow accepted the input (its verdict)',
        schema: Verdict,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      403: failure(
        '个人密钥：actor.id 不是本人（actor-mismatch）或未被分配该角色（role-not-assigned） · Person key: ' +
          'actor.id is someone else (actor-mismatch) or the role is not theirs (role-not-assigned)',
      ),
      404: failure('没有运行中的事件 · No running incident with this id'),
      409: failure('工作流拒绝了输入，附原因 · The workflow refused the input, with the reason'),
    },
  };
}

/** The people API: operator keys only, so every operation answers 401 and 403 alike. */
function peopleOperation(op: Omit<Operation, 'tags'>): Operation {
  return {
    ...op,
    tags: ['people'],
    responses: { ...op.responses, 401: unauthorized, 429: tooManyFailedKeys, 403: operatorOnly },
  };
}

const apiOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/incidents',
    summary: '事件列表（筛选、分页） · List incidents (filters, pages)',
    tags: ['incidents'],
    query: ListIncidentsQuery,
    responses: {
      200: {
        description: '{ items, nextCursor }：最新的在前 · Newest first; nextCursor null on the last page',
        schema: IncidentPage,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
    },
  },
  {
    method: 'post',
    path: '/api/incidents',
    summary: '上报事件并启动处置流程 · Report an incident and start its workflow',
    tags: ['incidents'],
    headers: IdempotencyHeaders,
    body: CreateIncidentBody,
    responses: {
      200: {
        description:
          '同一 Idempotency-Key 与请求体：同一事件 · Same key and body: the same incident, answered again',
        schema: IncidentStarted,
      },
      201: {
        description: '已启动 · Started: { id, workflowId, level, suggestedLevel, planId, planVersion }',
        schema: IncidentStarted,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      409: failure(
        'Idempotency-Key 已用于另一请求体 · The key was used with another body (idempotency-key-reused)',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}',
    summary: '事件的当前状态与时间线 · An incident’s live state and timeline',
    tags: ['incidents'],
    params: IncidentParams,
    responses: {
      200: {
        description:
          '状态与时间线；source 为 workflow（实时）或 projection（流程已删除，取自数据库）；时间线最多含最近 ' +
          '1000 条，更早的见 timelineNext（timelineTruncated 为 true） · State with its timeline; source: ' +
          'workflow (live) or projection (the workflow is gone; from the database). The timeline holds the ' +
          'latest 1000 events at most; with timelineTruncated true, page the whole of it from timelineNext',
        schema: IncidentAnswer,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      404: failure('没有这个事件 · No such incident'),
    },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}/timeline',
    summary: '事件时间线（分页） · An incident’s timeline, in pages',
    tags: ['incidents'],
    params: IncidentParams,
    query: TimelineQuery,
    responses: {
      200: {
        description:
          '{ items, nextAfter }：已存储的事件，按序号升序；下一页以 nextAfter 作 after，最后一页为 null · ' +
          'Stored events in seq order; pass nextAfter as after for the next page, null on the last',
        schema: TimelinePage,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      404: failure('没有这个事件 · No such incident'),
    },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}/history',
    summary: '导出事件的工作流历史（全部运行） · Export the incident’s workflow history, every run',
    tags: ['review'],
    params: IncidentParams,
    responses: {
      200: {
        description:
          '续作（continue-as-new）链上每次运行的历史，按序，均为 Temporal 的 JSON 历史格式（即 `temporal workflow ' +
          'show --output json` 的输出）；以附件流式下载，可交给 `npm run review` 离线复盘 · Every run of the ' +
          'continue-as-new chain in order, each in Temporal’s JSON history format (what `temporal workflow show ' +
          '--output json` prints); streamed as an attachment, for `npm run review` offline',
        schema: HistoryExport,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      404: failure(
        '没有这个事件，或其历史已不在 Temporal 服务器上（已删除或超过保留期） · No such incident, or its history ' +
          'is no longer on the Temporal server (deleted, or past retention)',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}/review',
    summary: '复盘：以当前代码重放历史得出 · The after-action review, from the history replayed by this code',
    tags: ['review'],
    params: IncidentParams,
    responses: {
      200: {
        description:
          '复盘内容：时间线、时限、审批、级别、承诺、续报、关键时效、复盘表、缓报记录与执行记录 · The review: ' +
          'timeline, deadlines, approvals, levels, promises, follow-ups, figures, the review form, late reports ' +
          'and what Temporal recorded',
        schema: Review,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      404: failure('没有这个事件，或其历史已不在服务器上 · No such incident, or its history is gone'),
      409: failure(
        '历史不能由当前代码重放（replay-diverged），details 指出运行、事件与原因 · The history does not replay ' +
          'against this code (replay-diverged); details name the run, the event and why',
      ),
    },
  },
  ...inputRoutes.map(inputOperation),
  {
    method: 'get',
    path: '/api/plans',
    summary: '预案目录 · The plan catalog',
    tags: ['plans'],
    responses: {
      200: { description: '预案摘要列表 · Plan summaries', schema: PlanList },
      401: unauthorized,
      429: tooManyFailedKeys,
    },
  },
  {
    method: 'get',
    path: '/api/plans/{planId}',
    summary: '一个完整预案 · One plan, whole',
    tags: ['plans'],
    params: PlanParams,
    responses: {
      200: { description: '预案 · The plan', schema: Plan },
      401: unauthorized,
      429: tooManyFailedKeys,
      404: noPlan,
    },
  },
  {
    method: 'get',
    path: '/api/plans/{planId}/stats',
    summary: '预案执行统计：各级别事件数，各步骤完成用时与按时率 · How a plan fares across its incidents',
    tags: ['plans'],
    params: PlanParams,
    responses: {
      200: {
        description:
          '取自数据库：各级别、状态的事件数；每个步骤的开始与完成次数、完成用时（中位数与 P90，最近秩法）、' +
          '期限达成、超时与未决数及达成比例 · From the projection: incidents by level and status; per step ' +
          'how often it opened and was done, its time to done (median and p90, nearest rank) and its ' +
          'deadlines met, breached and pending, with the share met',
        schema: PlanStats,
      },
      401: unauthorized,
      429: tooManyFailedKeys,
      404: noPlan,
    },
  },
  {
    method: 'get',
    path: '/api/hazards',
    summary: '网络舆情隐患排查表汇总（P4 附件3） · The hazard register (P4 attachment 3)',
    tags: ['hazards'],
    query: ListHazardsQuery,
    responses: {
      200: {
        description:
          '{ items }：取自数据库，按解决时限先后；status=active 为未解决（含已超时） · From the projection, by ' +
          'deadline; status=active gives the unresolved ones, overdue included',
        schema: HazardList,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
    },
  },
  {
    method: 'post',
    path: '/api/hazards',
    summary:
      '上报一条舆情隐患（科室、隐患内容、线下与线上措施、解决时限） · Report a hazard: section, hazard, offline ' +
      'and online measures, deadline',
    tags: ['hazards'],
    body: CreateHazardBody,
    responses: {
      201: {
        description:
          '已登记：解决时限前一天（不足两天时为一半时间）提醒，逾期记为超时并报办公室主任 · Registered: reminded a ' +
          'day before its deadline (halfway when sooner); past it, a breach told to the office director',
        schema: HazardSummary,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      403: failure('个人密钥：reporter 不是本人（actor-mismatch） · Person key: reporter is someone else'),
    },
  },
  {
    method: 'post',
    path: '/api/hazards/{id}/resolve',
    summary: '隐患已解决 · The hazard is resolved',
    tags: ['hazards'],
    params: HazardParams,
    body: ResolveHazardBody,
    responses: {
      200: {
        description: '已记录，附逾期多久（如有） · Stored, with how late if it was',
        schema: HazardSummary,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      403: failure('个人密钥：by 不是本人（actor-mismatch） · Person key: by is someone else'),
      404: failure('没有这条未结隐患 · No such open hazard entry'),
      409: failure(
        '已解决或已转为事件（hazard-closed） · Already resolved or made an incident (hazard-closed)',
      ),
    },
  },
  {
    method: 'post',
    path: '/api/hazards/{id}/incident',
    summary: '隐患爆发，转为舆情事件 · The hazard broke out: start an incident from it',
    tags: ['hazards'],
    params: HazardParams,
    body: HazardIncidentBody,
    responses: {
      201: {
        description:
          '事件已按预案启动，隐患记为已转事件 · The incident started under the entry’s plan; the entry closed as ' +
          'became-incident',
        schema: HazardIncidentStarted,
      },
      400: invalid,
      401: unauthorized,
      429: tooManyFailedKeys,
      403: failure('个人密钥：by 不是本人（actor-mismatch） · Person key: by is someone else'),
      404: failure('没有这条未结隐患 · No such open hazard entry'),
      409: failure(
        '已解决或已转为事件（hazard-closed） · Already resolved or made an incident (hazard-closed)',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/me',
    summary: '当前密钥属于谁及其角色 · Whom this key belongs to, and their roles',
    tags: ['people'],
    responses: {
      200: { description: '{ kind: operator | person, keyId, person, roles }', schema: Me },
      401: unauthorized,
      429: tooManyFailedKeys,
    },
  },
  peopleOperation({
    method: 'get',
    path: '/api/people',
    summary: '人员列表 · List people',
    responses: {
      200: {
        description: '{ items }：不含 webhook 密钥 · Without webhook secrets (hasWebhookSecret)',
        schema: PersonList,
      },
    },
  }),
  peopleOperation({
    method: 'post',
    path: '/api/people',
    summary: '添加人员 · Add a person',
    body: CreatePersonBody,
    responses: {
      201: { description: '人员 · The person', schema: Person },
      400: invalid,
      409: failure('id 已存在 · A person with this id exists (person-exists)'),
    },
  }),
  peopleOperation({
    method: 'get',
    path: '/api/people/{id}',
    summary: '一个人员 · One person',
    params: PersonParams,
    responses: { 200: { description: '人员 · The person', schema: Person }, 400: invalid, 404: noPerson },
  }),
  peopleOperation({
    method: 'patch',
    path: '/api/people/{id}',
    summary: '修改人员（null 清除字段） · Change a person (null clears a field)',
    params: PersonParams,
    body: UpdatePersonBody,
    responses: { 200: { description: '人员 · The person', schema: Person }, 400: invalid, 404: noPerson },
  }),
  peopleOperation({
    method: 'delete',
    path: '/api/people/{id}',
    summary: '删除人员及其角色与密钥 · Delete a person with their roles and keys',
    params: PersonParams,
    responses: { 204: { description: '已删除 · Deleted' }, 404: noPerson },
  }),
  peopleOperation({
    method: 'put',
    path: '/api/people/{id}/roles',
    summary: '替换人员的预案角色 · Replace a person’s plan roles',
    params: PersonParams,
    body: ReplaceRolesBody,
    responses: {
      200: { description: '人员 · The person', schema: Person },
      400: failure(
        '未知的预案或角色，details 写明 roles.N · Unknown plan or role, named roles.N.planId / roles.N.role',
      ),
      404: noPerson,
    },
  }),
  peopleOperation({
    method: 'get',
    path: '/api/people/{id}/api-keys',
    summary: '人员的 API 密钥（不含密钥本身） · A person’s API keys (never the keys themselves)',
    params: PersonParams,
    responses: {
      200: { description: '{ items: [{ id, label, createdAt, revokedAt }] }', schema: ApiKeyList },
      404: noPerson,
    },
  }),
  peopleOperation({
    method: 'post',
    path: '/api/people/{id}/api-keys',
    summary: '签发个人 API 密钥（仅显示一次） · Issue a person key (shown once)',
    params: PersonParams,
    body: CreateApiKeyBody,
    responses: {
      201: {
        description: '{ key, id, label, createdAt }：只保存其 SHA-256 · Only its SHA-256 is kept',
        schema: IssuedApiKey,
      },
      400: invalid,
      404: noPerson,
    },
  }),
  peopleOperation({
    method: 'delete',
    path: '/api/people/{id}/api-keys/{keyId}',
    summary: '吊销个人 API 密钥 · Revoke a person key',
    params: ApiKeyParams,
    responses: {
      204: { description: '已吊销 · Revoked' },
      400: invalid,
      404: failure('没有这个有效密钥 · No such active key'),
    },
  }),
  {
    method: 'get',
    path: '/links/{token}',
    summary: '审批链接将决定什么 · What a signed approval link decides',
    tags: ['approval links'],
    public: true,
    params: LinkParams,
    responses: {
      200: {
        description: '{ incident, step, stage, role, person, expiresAt, decidable }',
        schema: ApprovalLinkView,
      },
      401: linkRefused,
      403: failure('人员已停用或不再担任该角色 · The person is inactive or no longer holds the role'),
    },
  },
  {
    method: 'post',
    path: '/links/{token}/decision',
    summary: '通过审批链接作出决定 · Decide through a signed approval link',
    tags: ['approval links'],
    public: true,
    params: LinkParams,
    body: LinkDecisionBody,
    responses: {
      200: {
        description: '工作流接受了决定 · The workflow accepted the decision (its verdict)',
        schema: Verdict,
      },
      400: invalid,
      401: linkRefused,
      403: failure('人员已停用或不再担任该角色 · The person is inactive or no longer holds the role'),
      409: failure(
        '该阶段已决定或工作流拒绝，附原因 · Stage already decided, or refused by the workflow, with the reason',
      ),
    },
  },
  {
    method: 'get',
    path: '/approve/{token}',
    summary:
      '审批页面：审批人从消息中的链接打开 · The approver’s page, opened from the link in their message',
    tags: ['approval links'],
    public: true,
    params: LinkParams,
    query: z.strictObject({ lang: z.enum(['zh', 'en']).optional() }),
    responses: {
      200: {
        description:
          '待审批事项与表单，或已由谁于何时决定 · What to decide and the form, or who decided and when',
        contentType: 'text/html',
      },
      401: { description: '链接无效 · The link is not valid (a page)', contentType: 'text/html' },
      403: {
        description: '不再担任该角色 · The person no longer holds the role (a page)',
        contentType: 'text/html',
      },
      410: { description: '链接已过期 · The link has expired (a page)', contentType: 'text/html' },
    },
  },
  {
    method: 'post',
    path: '/approve/{token}',
    summary: '在审批页面提交决定 · Decide from the approver’s page',
    tags: ['approval links'],
    public: true,
    params: LinkParams,
    body: ApprovalForm,
    bodyType: 'application/x-www-form-urlencoded',
    responses: {
      200: {
        description:
          '工作流已记录的决定与下一步，或已由谁决定 · The decision the workflow stored and what happens next, or who decided',
        contentType: 'text/html',
      },
      403: {
        description: '来自其他站点的提交 · Posted from another site (a page)',
        contentType: 'text/html',
      },
      422: {
        description:
          '退回未填意见或未选择，页面保留所填内容 · A rejection without a comment, or no choice: the page again, with what was typed',
        contentType: 'text/html',
      },
      429: { description: '尝试过于频繁 · Too many tries (Retry-After)', contentType: 'text/html' },
    },
  },
  ...(['get', 'post'] as const).map(
    (method): Operation => ({
      method,
      path: '/approve',
      summary: '缺少令牌的审批链接 · An approval link cut short (no token)',
      tags: ['approval links'],
      public: true,
      responses: {
        401: { description: '链接无效 · The link is not valid (a page)', contentType: 'text/html' },
      },
    }),
  ),
  {
    method: 'get',
    path: '/incidents/{id}/review',
    summary: '复盘报告页面：阅读与打印 · The after-action review as a page, to read and print',
    tags: ['review'],
    params: IncidentParams,
    query: z.strictObject({ lang: z.enum(['zh', 'en']).optional() }),
    responses: {
      200: {
        description:
          '复盘报告：经当前代码重放的历史，含处置过程图、时限、审批、时间线与执行记录 · The review of the ' +
          'history replayed against this code: the picture, deadlines, approvals, timeline and execution record',
        contentType: 'text/html',
      },
      400: {
        description: '事件编号不合法，页面写明字段 · Not an incident id (a page naming the field)',
        contentType: 'text/html',
      },
      401: {
        description: '缺少或未知的 API 密钥（页面） · Missing or unknown API key (a page)',
        contentType: 'text/html',
      },
      404: {
        description:
          '没有这个事件，或其历史已不在 Temporal 上（页面） · No such incident, or its history is gone (a page)',
        contentType: 'text/html',
      },
      409: {
        description:
          '历史无法由当前代码重放：页面写明哪次运行、哪个事件及原因，不作分析 · The history does not replay ' +
          'against this code: a page naming the run, the event and the reason, explaining nothing else',
        contentType: 'text/html',
      },
    },
  },
  {
    method: 'get',
    path: '/assets/style.css',
    summary: '页面样式表 · The pages’ stylesheet',
    tags: ['operations'],
    public: true,
    responses: { 200: { description: 'CSS', contentType: 'text/css' } },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: '健康检查：Temporal 与数据库 · Health: Temporal and the database',
    tags: ['operations'],
    public: true,
    responses: {
      200: { description: '{ status: "ok", temporal: "ok", database: "ok" }', schema: Healthy },
      503: {
        description: '不可用，写明哪一部分及原因 · Unavailable, naming the part and the reason',
        schema: Unhealthy,
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus 指标 · Prometheus metrics',
    tags: ['operations'],
    public: true,
    responses: { 200: { description: 'Prometheus text exposition', contentType: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: '本文档 · This document',
    tags: ['operations'],
    public: true,
    responses: { 200: { description: 'OpenAPI 3.1', schema: OpenApiDocument } },
  },
  {
    method: 'get',
    path: '/docs',
    summary: '可浏览的接口文档 · Browsable API docs',
    tags: ['operations'],
    public: true,
    responses: { 200: { description: 'Swagger UI', contentType: 'text/html' } },
  },
  {
    method: 'get',
    path: '/docs/{file}',
    summary: '接口文档页面的静态文件 · Static files of the docs page',
    tags: ['operations'],
    public: true,
    params: z.strictObject({ file: z.string() }),
    responses: {
      200: { description: 'Swagger UI asset', contentType: 'application/octet-stream' },
      404: failure('不是文档页面的文件 · Not a file of the docs page'),
    },
  },
];

/** Every operation the app serves: the JSON API, the approver's page, the office's pages. */
export const operations: Operation[] = [...apiOperations, ...pageOperations];

type JsonSchema = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';

/** Request parts as the API parses them: fields with a default may be left out. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest;
}

function refsIn(json: unknown): string[] {
  if (Array.isArray(json)) return json.flatMap(refsIn);
  if (typeof json !== 'object' || json === null) return [];
  return Object.entries(json).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  );
}

/**
 * The components and every response schema of `ops`, converted together as the API writes them, so a
 * component is a reference wherever it appears, nested in another schema too.
 */
function responseSchemas(ops: readonly Operation[]) {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(components)) registry.add(schema, { id: name });
  for (const op of ops) {
    for (const [status, r] of Object.entries(op.responses)) {
      if (r.schema && !registry.has(r.schema)) {
        registry.add(r.schema, { id: `${op.method.toUpperCase()} ${op.path} ${status}` });
      }
    }
  }
  const converted = new Map<string, JsonSchema>();
  const { schemas } = z.toJSONSchema(registry, { io: 'output', uri: (id) => `${COMPONENTS}${id}` });
  for (const [id, { $schema: _dialect, $id: _id, ...rest }] of Object.entries(schemas)) {
    // Only components may be referred to: anything else zod extracts (a cycle, an unnamed schema
    // nested in another response) would be a reference the document cannot resolve.
    for (const ref of refsIn(rest)) {
      if (!ref.startsWith(COMPONENTS) || !Object.hasOwn(components, ref.slice(COMPONENTS.length))) {
        throw new Error(`${id}: refers to ${ref}; name the schema it nests under components`);
      }
    }
    converted.set(id, rest);
  }
  const convertedAs = (id: string | undefined): JsonSchema => {
    const json = id === undefined ? undefined : converted.get(id);
    if (!json) throw new Error(`no JSON Schema was made for ${id ?? 'a response schema'}`);
    return json;
  };
  return {
    components: Object.fromEntries(Object.keys(components).map((name) => [name, convertedAs(name)])),
    /** A response's schema: a reference when it is a component, else written out in place. */
    of(schema: z.ZodType): JsonSchema {
      const id = registry.get(schema)?.id;
      return id !== undefined && Object.hasOwn(components, id)
        ? { $ref: `${COMPONENTS}${id}` }
        : convertedAs(id);
    },
  };
}

function parameters(where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const converted = inputSchema(schema);
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

/** A path's `{name}` placeholders and the operation's params must agree, or the document lies. */
function checkPathParams(op: Operation): void {
  const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const declared = Object.keys(op.params?.shape ?? {}).sort();
  if (inPath.join() !== declared.join()) {
    throw new Error(
      `${op.method.toUpperCase()} ${op.path}: path names {${inPath.join(', ')}}, params declare {${declared.join(', ')}}`,
    );
  }
}

/** The OpenAPI 3.1 document for `ops`, every schema generated from the zod schemas the API parses with. */
export function openApiDocument(ops: readonly Operation[]): OpenApiDocument {
  const responses = responseSchemas(ops);
  const paths: OpenApiDocument['paths'] = {};
  for (const op of ops) {
    checkPathParams(op);
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is listed twice`);
    const params = [
      ...parameters('path', op.params),
      ...parameters('query', op.query),
      ...parameters('header', op.headers),
    ];
    item[op.method] = {
      summary: op.summary,
      tags: op.tags,
      ...(op.public ? { security: [] } : {}),
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { [op.bodyType ?? 'application/json']: { schema: inputSchema(op.body) } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? {
                  content: {
                    [r.contentType ?? 'application/json']: { schema: responses.of(r.schema) },
                  },
                }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '舆情应急处置编排服务 API · Incident orchestrator API',
      version: '0.1.0',
      description:
        '按预案处置舆情事件：上报、步骤、审批、升级与复盘 · Public-opinion incidents handled by written plans: ' +
        'intake, steps, approvals, escalation and review. Errors: `{ error: { code, message, details } }`.',
    },
    paths,
    components: {
      schemas: responses.components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key' } },
    },
    security: [{ bearer: [] }],
  };
}
