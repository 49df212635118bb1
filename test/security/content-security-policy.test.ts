import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@/lib/http/security-headers';

// The IdP's consent form ends in a redirect to the client's redirect URI, and
// Chromium checks that redirect against form-action: a spa on a loopback
// origin would otherwise be left on the consent page after "Allow".
const formAction = (policy: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith('form-action '))!
    .split(' ')
    .slice(1);

describe('Content-Security-Policy form-action', () => {
  it('lets the IdP’s forms lead to https and loopback redirect URIs, and nowhere else over http', () => {
    const targets = formAction(contentSecurityPolicy({ nonce: 'n', https: false, idp: true }));
    // Every source must be valid CSP: Chromium ignores (and reports) an IPv6 literal such as http://[::1]:*.
    expect(targets).toEqual(["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*']);
    expect(targets).not.toContain('http:');
  });

  it('keeps the portal’s own forms on the portal and the external IdP it signs in with', () => {
    const portal = formAction(contentSecurityPolicy({ nonce: 'n', https: true, formTargets: ['https://example.okta.com'] }));
    expect(portal).toEqual(["'self'", 'https://example.okta.com']);
  });
});
