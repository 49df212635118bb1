import { randomBytes } from 'node:crypto';
import { CODE_TTL, matchingRule, OIDC_SCOPES } from './oauth';
import type { Org } from './org';

// /oauth2/{as}/v1/authorize for the code flow. The stand-in has no sign-in
// page: its one person (org.person) is always signed in, and consent is
// implicit (Lanyard's product scopes are `consent: IMPLICIT`). Everything
// else is decided as Okta decides it:
// - unknown client, or a redirect_uri that is not registered exactly: an
//   error page (400), never a redirect;
// - then, to the redirect URI: unsupported_response_type for anything but
//   `code`; invalid_request for a missing or non-S256 PKCE challenge when the
//   app requires PKCE; access_denied when the person is not assigned to the
//   app ("User is not assigned to the client application."); invalid_scope
//   for scopes the server does not define; access_denied when no access
//   policy rule grants authorization_code for every requested scope.

export interface AuthorizeReply {
  status: number;
  location?: string;
  body?: Record<string, unknown>;
}

export function authorizeEndpoint(url: URL, org: Org): AuthorizeReply {
  const q = url.searchParams;
  const app = [...org.apps.values()].find((a) => a.credentials.oauthClient.client_id === q.get('client_id'));
  const page = (error: string, description: string): AuthorizeReply => ({
    status: 400,
    body: { errorCode: error, errorSummary: description },
  });
  if (!app || app.status !== 'ACTIVE') return page('invalid_client', "Invalid value for 'client_id' parameter.");
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.settings.oauthClient.redirect_uris.includes(redirectUri)) {
    return page('invalid_request', "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
  }
  const back = (params: Record<string, string>): AuthorizeReply => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries({ ...params, ...(q.get('state') ? { state: q.get('state')! } : {}) }))
      target.searchParams.set(k, v);
    return { status: 302, location: target.href };
  };
  const fail = (error: string, error_description: string) => back({ error, error_description });

  if (q.get('response_type') !== 'code' || !app.settings.oauthClient.response_types.includes('code')) {
    return fail('unsupported_response_type', 'The response type is not supported by the authorization server.');
  }
  const challenge = q.get('code_challenge') ?? undefined;
  if (challenge && q.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', "The 'code_challenge_method' parameter must be 'S256'.");
  }
  if (app.credentials.oauthClient.pkce_required && !challenge) {
    return fail('invalid_request', 'PKCE code challenge is required when the token endpoint authentication method is \u0027NONE\u0027.');
  }
  if (!org.groups.some((g) => app.groups.includes(g.id) && g.profile.name === 'Everyone')) {
    return fail('access_denied', 'User is not assigned to the client application.');
  }
  const scopes = [...new Set((q.get('scope') ?? '').split(' ').filter(Boolean))];
  if (!scopes.includes('openid') && !scopes.length) return fail('invalid_scope', "The 'scope' parameter is required.");
  if (scopes.some((s) => !OIDC_SCOPES.has(s) && !org.server.scopes.some((known) => known.name === s))) {
    return fail('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  }
  const clientId = app.credentials.oauthClient.client_id;
  if (!matchingRule(org.server.policies, clientId, scopes, 'authorization_code')) {
    return fail('access_denied', 'Policy evaluation failed for this request, please check the policy configurations.');
  }
  const code = randomBytes(24).toString('base64url');
  org.codes.set(code, {
    clientId,
    scopes,
    userId: org.person.id,
    redirectUri,
    codeChallenge: challenge,
    expiresAt: Math.floor(Date.now() / 1000) + CODE_TTL,
  });
  return back({ code });
}
