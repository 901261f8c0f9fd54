import type { BenchStack } from './stack';

/** A JSON call to the service as an integrator makes it; a status other than `expect` is an error. */
export async function call<T = Record<string, unknown>>(
  stack: BenchStack,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  expect = method === 'POST' && path === '/api/incidents' ? 201 : 200,
): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text === '' ? {} : JSON.parse(text)) as T;
}

/** An incident of the built-in P1 plan at level Ⅳ (the office leads): the benchmark's usual subject. */
export const P1_REPORT = {
  planId: 'p1-acheng-agriculture',
  title: '基准测试舆情',
  summary: 'benchmark',
  level: 'l4',
  reporter: 'bench',
};

export async function startIncident(stack: BenchStack, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await call<{ id: string }>(stack, 'POST', '/api/incidents', { ...P1_REPORT, ...extra });
  return id;
}
