export interface ApiError {
  code: string;
  message: string;
  details: { path: string; issue: string }[];
}

export type ApiAnswer = { status: number; body: Record<string, unknown> & { error?: ApiError } };

/** A JSON client for the API as integrators call it: bearer key, JSON in, status and JSON out. */
export function apiClient(baseUrl: () => string, key: string) {
  return async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    const res = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as ApiAnswer['body'] };
  };
}
