import 'server-only';
import { invalid } from '../errors';
import { unavailable } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';

/**
 * The secret the token tool authenticates with: read from the IdP where its
 * API returns it, else the one the user pasted. Used for one request and
 * dropped; never stored, logged or returned.
 */
export async function clientSecretFor(idp: IdpAdapter, clientId: string, pasted?: string): Promise<string> {
  if (pasted) return pasted;
  if (idp.readClientSecret) return idp.readClientSecret(clientId);
  throw invalid('Paste the application’s client secret: this identity provider does not give it back after creation', {
    clientSecret: 'Paste the client secret you saved when the application was created',
  });
}

export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** POSTs a form to one of the IdP's OAuth endpoints as the client. */
export async function postAsClient(url: string, clientId: string, secret: string, form: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: basicAuth(clientId, secret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => {
    throw unavailable(`it did not answer at ${url}`);
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { error: 'invalid_response', error_description: text.slice(0, 200) };
  }
  return { status: res.status, body };
}
