import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

// The security headers of every response on the portal's origin, set once in
// server.ts (docs/architecture.md, "Security headers"):
//
// - A nonce-based Content-Security-Policy (CSP Level 3): scripts run only with
//   this response's nonce, or when a nonced script loaded them
//   ('strict-dynamic'), so an injected <script> does not run. Next puts the
//   nonce on its own scripts when the request carries the policy (server.ts
//   hands it to Next that way); the IdP's own HTML pages use it too. Inline
//   style attributes stay allowed: Swagger UI and the charts set them, and a
//   style cannot run code.
// - frame-ancestors 'none' and X-Frame-Options: no page can be framed, so no
//   click can be stolen through an invisible frame.
// - nosniff, a referrer policy (none at all on the IdP's pages, whose URLs
//   carry codes and state), a permissions policy that turns off powerful
//   features, and HSTS when the portal is served over https.

export interface HeaderOptions {
  nonce: string;
  /** LANYARD_URL is https: add HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `next dev` evaluates code for fast refresh. */
  dev?: boolean;
  /** Extra origins forms may post to or redirect through (an external IdP's sign-in). */
  formTargets?: string[];
  /** The response is one of the embedded IdP's pages. */
  idp?: boolean;
}

// base64url (CSP's nonce grammar allows - and _): a nonce is then one plain
// run of text in a page, which the page cache swaps for another as it is.
export const newNonce = () => randomBytes(18).toString('base64url');

// A consent or sign-in form on the IdP's pages ends in a redirect to the
// client's redirect URI, and browsers hold that redirect to form-action too.
// Redirect URIs are https, or http on a loopback address for native and
// local apps (docs/adr/0008-application-types-and-token-exchange.md), so
// those are what the IdP's forms may lead to.
// (CSP host sources cannot name an IPv6 literal, so http://[::1] is not among them.)
const REDIRECT_URI_TARGETS = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'];

export function contentSecurityPolicy({ nonce, https, dev, formTargets = [], idp }: HeaderOptions): string {
  const targets = [...formTargets, ...(idp ? REDIRECT_URI_TARGETS : [])];
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${targets.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': options.idp ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    'cross-origin-opener-policy': 'same-origin-allow-popups',
    ...(options.https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

// The nonce travels with the response, so that code deep in a request (the
// IdP's page renderers) can put it on the markup it writes.
const NONCE = Symbol.for('lanyard.cspNonce');

export function setResponseNonce(res: ServerResponse, nonce: string): void {
  (res as unknown as Record<symbol, string>)[NONCE] = nonce;
}

export function responseNonce(res: { [key: symbol]: unknown } | ServerResponse): string | undefined {
  return (res as unknown as Record<symbol, string | undefined>)[NONCE];
}
