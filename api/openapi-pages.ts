import { z } from 'zod';
import type { Operation } from './openapi';

// The office's pages as OpenAPI lists them: HTML for browsers, behind sign-in (a session cookie) except
// the sign-in pages themselves; every form posts urlencoded with the session's token (_csrf).

function page(method: 'get' | 'post', path: string, summary: string): Operation {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return {
    method,
    path,
    summary,
    ...(names.length > 0
      ? { params: z.strictObject(Object.fromEntries(names.map((n) => [n, z.string()]))) }
      : {}),
    tags: ['office pages'],
    public: true,
    ...(method === 'post' ? { bodyType: 'application/x-www-form-urlencoded' as const } : {}),
    responses:
      method === 'get'
        ? { 200: { description: '页面 · The page', contentType: 'text/html' } }
        : {
            303: { description: '完成后转到结果页面 · Done; on to the page that shows it' },
            403: {
              description: '表单令牌或来源不符 · Not our page’s form (a page)',
              contentType: 'text/html',
            },
          },
  };
}

export const pageOperations: Operation[] = [
  page('get', '/sign-in', '登录页面 · The sign-in page'),
  page(
    'post',
    '/sign-in/link',
    '发送一次性登录链接到本人渠道 · Send a one-time sign-in link through one’s own channel',
  ),
  page('get', '/sign-in/link/{token}', '确认使用登录链接 · Confirm a sign-in link'),
  page('post', '/sign-in/link/{token}', '使用登录链接登录（仅一次） · Sign in with the link (once)'),
  page('post', '/sign-in/key', '以个人或运维密钥登录 · Sign in with a personal or operator key'),
  page('post', '/sign-out', '退出登录（可在所有设备上） · Sign out (everywhere, on request)'),
  page('get', '/', '舆情看板 · The incident board'),
  page('get', '/incidents/new', '新建舆情表单 · The intake form'),
  page('post', '/incidents/new', '立案（或按传播数据建议级别） · Start an incident (or suggest a level)'),
  page('get', '/hazards/new', '上报舆情隐患表单（附件3） · The hazard register’s form (attachment 3)'),
  page('post', '/hazards/new', '上报一条舆情隐患 · Report a hazard'),
  page('get', '/incidents/{id}', '事件页面 · An incident’s page'),
  page('post', '/incidents/{id}/do/{input}', '以本人角色办理一项输入 · Use one input in one’s role'),
  page('get', '/plans', '预案列表 · The plans'),
  page('get', '/plans/{planId}', '预案详情与流程图 · One plan, drawn'),
  page('get', '/people', '人员与角色（运维） · People and roles (operators)'),
  page('get', '/people/new', '新增人员表单 · Add a person'),
  page('post', '/people', '新增人员 · Add a person'),
  page('get', '/people/{id}', '编辑人员 · Edit a person'),
  page('post', '/people/{id}', '保存人员 · Save a person'),
  page('post', '/people/{id}/keys', '签发个人密钥 · Issue a personal key'),
  page('post', '/people/{id}/keys/{keyId}/revoke', '停用密钥 · Revoke a key'),
  page('post', '/people/{id}/test-message', '发送测试消息 · Send a test message'),
  {
    method: 'get',
    path: '/assets/board.js',
    summary: '看板自动刷新脚本 · The board’s refresh script',
    tags: ['office pages'],
    public: true,
    responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
  },
];
