export interface ApiError {
  code: string;
  message: string;
  details: { path: string; issue: string }[];
}

export type ApiAnswer = { status: number; body: Record<string, unknown> & { error?: ApiError } };

/**
 * A JSON client for the API as integrators call it: bearer key (or none), JSON in, status and JSON out;
 * an empty answer (204) has an empty body.
 */
export function caller(baseUrl: () => string, key: string | undefined) {
  return async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    const res = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: {
        ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        'content-type': 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as ApiAnswer['body']) };
  };
}

export const apiClient = (baseUrl: () => string, key: string) => caller(baseUrl, key);
