'use client';

// Authorization Code + PKCE (RFC 7636, S256) run by the browser for one of
// the user's applications, in a pop-up window: the verifier never leaves this
// page until the code comes back; the state ties the answer to this request.
// The IdP redirects the pop-up to the portal's try-it callback
// (/try-it/callback), which hands the answer back over a BroadcastChannel
// (same origin only; it survives opener policies that cut window.opener) and
// closes itself. No inline script is involved.

export const CALLBACK_CHANNEL = 'lanyard-oauth-callback';

export interface SignInRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  /** RFC 8707: ask for one product's audience. */
  resource?: string;
}

export interface SignInResult {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface CallbackMessage {
  search: string;
}

function randomBase64url(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buf))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export class SignInError extends Error {}

/** Opens the IdP in a pop-up and resolves with the code, or rejects with the IdP's error in words. */
export async function signInWithPopup(request: SignInRequest, signal?: AbortSignal): Promise<SignInResult> {
  const codeVerifier = randomBase64url(32);
  const state = randomBase64url(16);
  const url = new URL(request.authorizationEndpoint);
  const params: Record<string, string> = {
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state,
    code_challenge: await challengeOf(codeVerifier),
    code_challenge_method: 'S256',
    ...(request.resource ? { resource: request.resource } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);

  const channel = new BroadcastChannel(CALLBACK_CHANNEL);
  const popup = window.open(url.href, 'lanyard-sign-in', 'popup,width=520,height=720');
  if (!popup) {
    channel.close();
    throw new SignInError('The sign-in window was blocked: allow pop-ups for this site and try again.');
  }
  return new Promise<SignInResult>((resolve, reject) => {
    const done = () => {
      channel.close();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      popup.close();
      reject(new SignInError('The sign-in was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort);
    channel.onmessage = (event: MessageEvent<CallbackMessage>) => {
      const answer = new URLSearchParams(event.data?.search ?? '');
      if (answer.get('state') !== state) return; // another tab's sign-in
      done();
      const error = answer.get('error');
      if (error) {
        reject(
          new SignInError(
            `The identity provider refused the sign-in (${[error, answer.get('error_description')].filter(Boolean).join(': ')}).`,
          ),
        );
        return;
      }
      const code = answer.get('code');
      if (!code) reject(new SignInError('The identity provider sent no code back.'));
      else resolve({ code, codeVerifier, redirectUri: request.redirectUri });
    };
  });
}
