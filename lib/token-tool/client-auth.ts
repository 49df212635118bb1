import 'server-only';
import { invalid } from '../errors';
import { unavailable } from '../idp/errors';
import type { IdpAdapter } from '../idp/types';

// How the token tool authenticates as an application at the IdP's OAuth
// endpoints, by how the application authenticates itself:
// - a secret: read from the IdP where its API returns it, else pasted by the
//   owner (client_secret_basic);
// - private_key_jwt: a client assertion the owner signed with their own key
//   (the portal never holds the private key; the credentials card shows the
//   command that signs one);
// - public (spa, native): nothing, only the client id, as the app itself does.
// Secrets and assertions are used for one request and dropped; never stored,
// logged or returned.

export type ClientAuth =
  | { kind: 'secret'; clientId: string; secret: string }
  | { kind: 'assertion'; clientId: string; assertion: string }
  | { kind: 'public'; clientId: string };

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export async function clientSecretFor(idp: IdpAdapter, clientId: string, pasted?: string): Promise<string> {
  if (pasted) return pasted;
  if (idp.readClientSecret) return idp.readClientSecret(clientId);
  throw invalid('Paste the application’s client secret: this identity provider does not give it back after creation', {
    clientSecret: 'Paste the client secret you saved when the application was created',
  });
}

export async function clientAuthFor(
  idp: IdpAdapter,
  app: { clientId: string | null; clientAuth: string },
  input: { clientSecret?: string; clientAssertion?: string },
): Promise<ClientAuth> {
  if (!app.clientId) throw invalid('This application has no client in the identity provider');
  if (app.clientAuth === 'none') return { kind: 'public', clientId: app.clientId };
  if (app.clientAuth === 'private_key_jwt') {
    if (!input.clientAssertion) {
      throw invalid('This application signs its requests (private_key_jwt): paste a client assertion signed with its private key', {
        clientAssertion: 'Sign one with the command on the credentials card (it is valid for 5 minutes, once)',
      });
    }
    return { kind: 'assertion', clientId: app.clientId, assertion: input.clientAssertion };
  }
  return { kind: 'secret', clientId: app.clientId, secret: await clientSecretFor(idp, app.clientId, input.clientSecret) };
}

export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** POSTs a form to one of the IdP's OAuth endpoints as the client. */
export async function postAsClient(url: string, auth: ClientAuth, form: Record<string, string>) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const body = new URLSearchParams(form);
  if (auth.kind === 'secret') headers.authorization = basicAuth(auth.clientId, auth.secret);
  else if (auth.kind === 'assertion') {
    body.set('client_assertion_type', ASSERTION_TYPE);
    body.set('client_assertion', auth.assertion);
  } else body.set('client_id', auth.clientId);
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).catch(() => {
    throw unavailable(`it did not answer at ${url}`);
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { error: 'invalid_response', error_description: text.slice(0, 200) };
  }
  return { status: res.status, body: parsed };
}

/** The IdP's refusal in one sentence, with a hint where the cause is usually the caller's credentials. */
export function refusal(what: string, res: { status: number; body: Record<string, unknown> }): string {
  const reason = [res.body.error, res.body.error_description].filter(Boolean).join(': ');
  const hint = res.body.error === 'invalid_client' ? ' Check the client secret or assertion.' : '';
  return `The identity provider refused the ${what} (${reason || `HTTP ${res.status}`}).${hint}`;
}
