import { z } from 'zod';
import { Plan } from '../plans/plan-schema';
import { inputRoutes } from './routes/incidents';
import { CreateIncidentBody, IncidentParams } from './schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

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

/** Schemas written once under components and referenced wherever an operation uses them. */
const components = new Map<z.ZodType, string>([
  [ErrorBody, 'Error'],
  [Plan, 'Plan'],
]);

const failure = (description: string) => ({ description, schema: ErrorBody });
const unauthorized = failure('缺少或未知的 API 密钥 · Missing or unknown API key');
const invalid = failure('请求不合法，details 列出每个问题 · Invalid request; details name each problem');

const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\w.:-]{1,200}$/)
    .optional()
    .describe('Repeating an input with the same key applies it once'),
});

// Keyed by the express path in `inputRoutes`; a route without a summary stops the document being built.
const inputSummaries: Record<string, string> = {
  '/:id/steps/:stepId/complete': '完成步骤 · Complete a step',
  '/:id/steps/:stepId/decision': '审批决定 · Decide an approval',
  '/:id/steps/:stepId/follow-up': '报告跟进情况 · Report a follow-up',
  '/:id/steps/:stepId/review': '提交复盘 · Submit a review',
  '/:id/level': '调整级别 · Re-classify the level',
  '/:id/metrics': '更新传播数据 · Update the metrics',
  '/:id/milestones': '承诺节点 · Promise a milestone',
  '/:id/milestones/:milestoneId/complete': '完成节点 · Complete a milestone',
  '/:id/subside': '事态平息 · Mark as subsided',
  '/:id/reopen': '重新打开 · Reopen',
  '/:id/close': '结案 · Close',
};

function inputOperation(expressPath: string, body: z.ZodType): Operation {
  const summary = inputSummaries[expressPath];
  if (summary === undefined) throw new Error(`input route ${expressPath} has no summary in openapi.ts`);
  const names = [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  return {
    method: 'post',
    path: `/api/incidents${expressPath.replace(/:(\w+)/g, '{$1}')}`,
    summary,
    tags: ['incidents'],
    params: z.strictObject(
      Object.fromEntries(names.map((n) => [n, n === 'id' ? IncidentParams.shape.id : z.string().min(1)])),
    ),
    headers: IdempotencyHeaders,
    body,
    responses: {
      200: { description: '工作流接受了输入 · The workflow accepted the input (its verdict)' },
      400: invalid,
      401: unauthorized,
      404: failure('没有运行中的事件 · No running incident with this id'),
      409: failure('工作流拒绝了输入，附原因 · The workflow refused the input, with the reason'),
    },
  };
}

export const operations: Operation[] = [
  {
    method: 'post',
    path: '/api/incidents',
    summary: '上报事件并启动处置流程 · Report an incident and start its workflow',
    tags: ['incidents'],
    body: CreateIncidentBody,
    responses: {
      201: {
        description: '已启动 · Started: { id, workflowId, level, suggestedLevel, planId, planVersion }',
      },
      400: invalid,
      401: unauthorized,
    },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}',
    summary: '事件的当前状态与时间线 · An incident’s live state and timeline',
    tags: ['incidents'],
    params: IncidentParams,
    responses: {
      200: { description: '状态与时间线 · State with its timeline' },
      400: invalid,
      401: unauthorized,
      404: failure('没有运行中的事件 · No running incident with this id'),
    },
  },
  ...inputRoutes.map((r) => inputOperation(r.path, r.schema)),
  {
    method: 'get',
    path: '/api/plans',
    summary: '预案目录 · The plan catalog',
    tags: ['plans'],
    responses: { 200: { description: '预案摘要列表 · Plan summaries' }, 401: unauthorized },
  },
  {
    method: 'get',
    path: '/api/plans/{planId}',
    summary: '一个完整预案 · One plan, whole',
    tags: ['plans'],
    params: z.strictObject({ planId: z.string().min(1) }),
    responses: {
      200: { description: '预案 · The plan', schema: Plan },
      401: unauthorized,
      404: failure('没有这个预案 · No such plan'),
    },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: '健康检查：Temporal 与数据库 · Health: Temporal and the database',
    tags: ['operations'],
    public: true,
    responses: {
      200: { description: '{ status: "ok", temporal: "ok", database: "ok" }' },
      503: { description: '不可用，写明哪一部分及原因 · Unavailable, naming the part and the reason' },
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
    responses: { 200: { description: 'OpenAPI 3.1' } },
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

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const component = components.get(schema);
  if (component !== undefined) return { $ref: `#/components/schemas/${component}` };
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

function parameters(where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const converted = jsonSchema(schema, 'input');
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

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<HttpMethod, JsonSchema>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  security: Record<string, string[]>[];
}

/** The OpenAPI 3.1 document for `ops`, every schema generated from the zod schemas the API parses with. */
export function openApiDocument(ops: readonly Operation[]): OpenApiDocument {
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
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
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
                    [r.contentType ?? 'application/json']: { schema: jsonSchema(r.schema, 'output') },
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
      schemas: Object.fromEntries(
        [...components].map(([schema, name]) => {
          const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'output' });
          return [name, rest];
        }),
      ),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key' } },
    },
    security: [{ bearer: [] }],
  };
}
