// A client-credentials request exactly as a developer's curl would send it.

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

export async function clientCredentials(
  tokenEndpoint: string,
  client: { id: string; secret: string },
  params: Record<string, string> = {},
  auth: 'basic' | 'post' = 'basic',
): Promise<TokenResponse> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...params });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (auth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  } else {
    form.set('client_id', client.id);
    form.set('client_secret', client.secret);
  }
  const res = await fetch(tokenEndpoint, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
