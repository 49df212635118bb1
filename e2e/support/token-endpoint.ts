import type { APIRequestContext } from '@playwright/test';

/** A client-credentials request straight to the IdP, as the developer's own code would send it. */
export async function clientCredentials(request: APIRequestContext, client: { id: string; secret: string }, scope?: string) {
  const discovery = await (await request.get('/oidc/.well-known/openid-configuration')).json();
  const res = await request.post(discovery.token_endpoint, {
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials', ...(scope && { scope }) },
  });
  return { status: res.status(), body: (await res.json()) as Record<string, string> };
}
