import type { AppType } from './app-types';

// The ready-to-run commands the credentials card shows, per application
// type. Pure string building, shared by the card and its tests (which run the
// private_key_jwt one for real against the embedded IdP).

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

/** Single-quoted for a POSIX shell. */
const sh = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function clientCredentialsCurl(tokenEndpoint: string, clientId: string, scope: string): string {
  return [
    `curl -s -X POST ${sh(tokenEndpoint)} \\`,
    `  -u ${sh(`${clientId}:<your client secret>`)} \\`,
    `  -d grant_type=client_credentials \\`,
    `  --data-urlencode ${sh(`scope=${scope}`)}`,
  ].join('\n');
}

/**
 * Signs an RFC 7523 client assertion with Node's own crypto (no packages):
 * iss = sub = the client id, aud = the token endpoint URL (what both
 * oidc-provider and Okta accept), a fresh jti (one use only), five minutes of
 * life. RS256 for an RSA key, ES256 for an EC P-256 key. Prints the JWT.
 */
export function assertionCommand(input: {
  tokenEndpoint: string;
  clientId: string;
  kid: string;
  alg: 'RS256' | 'ES256';
  keyFile?: string;
}) {
  const script = [
    'import { createPrivateKey, randomUUID, sign } from "node:crypto";',
    'import { readFileSync } from "node:fs";',
    'const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");',
    `const key = createPrivateKey(readFileSync(${JSON.stringify(input.keyFile ?? 'private-key.pem')}));`,
    'const now = Math.floor(Date.now() / 1000);',
    `const head = b64({ alg: ${JSON.stringify(input.alg)}, kid: ${JSON.stringify(input.kid)}, typ: "JWT" });`,
    `const body = b64({ iss: ${JSON.stringify(input.clientId)}, sub: ${JSON.stringify(input.clientId)}, aud: ${JSON.stringify(input.tokenEndpoint)}, jti: randomUUID(), iat: now, exp: now + 300 });`,
    'const sig = sign("sha256", Buffer.from(head + "." + body), { key, dsaEncoding: "ieee-p1363" }).toString("base64url");',
    'console.log(head + "." + body + "." + sig);',
  ].join('\n');
  return `node --input-type=module -e ${sh(script)}`;
}

export function privateKeyJwtScript(input: {
  tokenEndpoint: string;
  clientId: string;
  kid: string;
  alg: 'RS256' | 'ES256';
  scope: string;
}) {
  return [
    '# private-key.pem: the private key whose public part you registered. It never leaves your machine.',
    `ASSERTION=$(${assertionCommand(input)})`,
    `curl -s -X POST ${sh(input.tokenEndpoint)} \\`,
    `  -d grant_type=client_credentials \\`,
    `  --data-urlencode ${sh(`scope=${input.scope}`)} \\`,
    `  -d client_assertion_type=${ASSERTION_TYPE} \\`,
    `  --data-urlencode "client_assertion=$ASSERTION"`,
  ].join('\n');
}

/** The authorization request a web, spa or native app sends (with its own state and PKCE values). */
export function authorizationRequest(input: { authorizationEndpoint: string; clientId: string; redirectUri: string; scope: string }) {
  const url = new URL(input.authorizationEndpoint);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('scope', input.scope);
  return `${url.href}&state=<random>&code_challenge=<BASE64URL(SHA-256(verifier))>&code_challenge_method=S256`;
}

export function codeExchangeCurl(input: { tokenEndpoint: string; clientId: string; redirectUri: string; type: AppType }) {
  const auth =
    input.type === 'web' ? [`  -u ${sh(`${input.clientId}:<your client secret>`)} \\`] : [`  -d client_id=${sh(input.clientId)} \\`];
  return [
    `curl -s -X POST ${sh(input.tokenEndpoint)} \\`,
    ...auth,
    `  -d grant_type=authorization_code \\`,
    `  --data-urlencode 'code=<the code>' \\`,
    `  --data-urlencode 'code_verifier=<the verifier>' \\`,
    `  --data-urlencode ${sh(`redirect_uri=${input.redirectUri}`)}`,
  ].join('\n');
}

export function tokenExchangeCurl(input: { tokenEndpoint: string; clientId: string; resource: string; assertion: boolean }) {
  const auth = input.assertion
    ? [`  -d client_assertion_type=${ASSERTION_TYPE} \\`, `  --data-urlencode "client_assertion=$ASSERTION" \\`]
    : [`  -u ${sh(`${input.clientId}:<your client secret>`)} \\`];
  return [
    `curl -s -X POST ${sh(input.tokenEndpoint)} \\`,
    ...auth,
    `  -d grant_type=${TOKEN_EXCHANGE} \\`,
    `  --data-urlencode "subject_token=$CALLERS_TOKEN" \\`,
    `  -d subject_token_type=${ACCESS_TOKEN} \\`,
    `  --data-urlencode ${sh(`resource=${input.resource}`)}`,
  ].join('\n');
}
