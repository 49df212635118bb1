// The browser's side of the portal API: JSON in, JSON out, and the one error
// shape (lib/http/api-error.ts) turned into an exception forms can show.

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    const method = init.method ?? 'GET';
    res = await fetch(path, {
      method,
      // Every write is JSON, even an empty one: the server refuses anything else (lib/http/cross-site.ts).
      headers: method === 'GET' ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiClientError(0, 'network', 'The portal could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; fields?: Record<string, string> };
  } | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiClientError(res.status, e?.code ?? 'internal', e?.message ?? `The portal answered ${res.status}`, e?.fields);
  }
  return body as T;
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : 'Something went wrong');
export const fieldError = (err: unknown, field: string) => (err instanceof ApiClientError ? err.fields[field] : undefined);
