import type { Client, Configuration } from 'oidc-provider';
import { appTypeOf, type LanyardClientFields } from './client-metadata';

// What the provider does differently for the portal's user-facing clients
// (web, spa and native applications):
//
// - CORS: a public client's code runs in a browser at the origin of one of its
//   redirect URIs, so the token, revocation and introspection endpoints answer
//   cross-origin requests from exactly those origins (for a native client's
//   loopback redirects, from that loopback host on any port, as RFC 8252 §7.3
//   allows any port). Everyone else, confidential clients included, gets none:
//   their calls come from servers.
// - Refresh tokens are issued to these clients whenever they may use the
//   refresh_token grant, not only with `offline_access` (which oidc-provider
//   also strips unless `prompt=consent`): without it they end with the user's
//   IdP session (`expiresWithSession`), with it they outlive it.
// - Refresh tokens of public clients rotate on every use (RFC 9700 §2.2.2);
//   presenting a used one revokes the whole grant (oidc-provider's reuse
//   detection, refresh_token.js), with no grace period. Confidential clients
//   rotate once 70% of the token's life has passed, the library's default.

type Fields = LanyardClientFields & { redirectUris?: string[]; clientAuthMethod?: string; applicationType?: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isPortalAppClient(client: Client): boolean {
  return Array.isArray((client as unknown as Fields).lanyard_api_scopes) && appTypeOf(client as unknown as Fields) !== 'service';
}

export function browserOriginAllowed(origin: string, client: Client): boolean {
  const fields = client as unknown as Fields;
  if (!Array.isArray(fields.lanyard_api_scopes) || fields.clientAuthMethod !== 'none') return false;
  const requested = URL.parse(origin);
  if (!requested) return false;
  return (fields.redirectUris ?? []).some((uri) => {
    const allowed = URL.parse(uri);
    if (!allowed) return false;
    if (allowed.origin === requested.origin) return true;
    return (
      fields.applicationType === 'native' &&
      allowed.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(allowed.hostname) &&
      requested.protocol === 'http:' &&
      requested.hostname === allowed.hostname
    );
  });
}

export const clientBasedCORS: NonNullable<Configuration['clientBasedCORS']> = (_ctx, origin, client) =>
  browserOriginAllowed(origin, client);

export const issueRefreshToken: NonNullable<Configuration['issueRefreshToken']> = (_ctx, client, source) =>
  client.grantTypeAllowed('refresh_token') && (source.scopes.has('offline_access') || isPortalAppClient(client));

export const rotateRefreshToken: NonNullable<Configuration['rotateRefreshToken']> = (ctx) => {
  const { RefreshToken: token, Client: client } = ctx.oidc.entities as {
    RefreshToken: { ttlPercentagePassed(): number; isSenderConstrained(): boolean };
    Client: Client;
  };
  if (client.clientAuthMethod === 'none' && !token.isSenderConstrained()) return true;
  return token.ttlPercentagePassed() >= 70;
};
