'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { introspectToken, revokeToken, verifyToken } from '@/lib/client/apps';
import type { FetchedToken } from '@/lib/token-tool/issued-token';

function useCountdown(until: string | null): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  if (!until) return 'no expiry given';
  const left = Math.max(0, Math.round((Date.parse(until) - now) / 1000));
  return left === 0 ? 'expired' : `expires in ${Math.floor(left / 60)}m ${String(left % 60).padStart(2, '0')}s`;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

type Kind = 'access_token' | 'refresh_token';

/**
 * A fetched token, decoded, with what can be done with it here: verify the
 * signature; introspect and revoke the access or the refresh token where the
 * IdP supports that for the token type (and why not where it does not); and
 * refresh, for tokens from a sign-in.
 */
export function TokenView({
  app,
  token,
  auth,
  onRefresh,
  refreshing,
}: {
  app: AppDetail;
  token: FetchedToken;
  auth: { clientSecret?: string; clientAssertion?: string };
  onRefresh?: () => void;
  refreshing?: boolean;
}) {
  const c = app.credentials;
  const countdown = useCountdown(token.expiresAt);
  const verify = useMutation({ mutationFn: () => verifyToken(app.id, token.accessToken) });
  const introspect = useMutation({
    mutationFn: (kind: Kind) =>
      introspectToken(app.id, { ...auth, token: kind === 'access_token' ? token.accessToken : token.refreshToken!, tokenTypeHint: kind }),
  });
  const revoke = useMutation({
    mutationFn: (kind: Kind) =>
      revokeToken(app.id, { ...auth, token: kind === 'access_token' ? token.accessToken : token.refreshToken!, tokenTypeHint: kind }),
  });
  useEffect(() => {
    verify.reset();
    introspect.reset();
    revoke.reset();
    // A new token starts with no checks shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token.accessToken]);

  const support = {
    access_token: {
      introspect: c.introspection ? undefined : (c.limits.accessTokenIntrospection ?? `${c.idp} does not introspect these access tokens`),
      revoke: c.revocation ? undefined : (c.limits.accessTokenRevocation ?? `${c.idp} does not revoke these access tokens`),
    },
    refresh_token: {
      introspect: c.refreshTokenIntrospection
        ? undefined
        : (c.limits.refreshTokenIntrospection ?? `${c.idp} does not introspect refresh tokens`),
      revoke: c.refreshTokenRevocation ? undefined : (c.limits.refreshTokenRevocation ?? `${c.idp} does not revoke refresh tokens`),
    },
  };
  const kinds: Kind[] = token.refreshToken ? ['access_token', 'refresh_token'] : ['access_token'];
  const reasons = kinds.flatMap((k) =>
    (['introspect', 'revoke'] as const).flatMap((op) => {
      const why = support[k][op];
      return why
        ? [`${op === 'introspect' ? 'Introspection' : 'Revocation'} of the ${k === 'access_token' ? 'access' : 'refresh'} token: ${why}.`]
        : [];
    }),
  );

  return (
    <div className="mt-6 space-y-4" data-testid="token-result">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium">Scopes:</span>
        <code className="rounded bg-emerald-50 px-1.5 py-0.5 font-mono text-emerald-800" data-testid="token-scopes">
          {token.scope}
        </code>
        <span className="text-slate-500" aria-live="polite">
          {countdown}
        </span>
      </div>
      <div>
        <div className="mb-1 flex items-center justify-between">
          <span className="text-sm font-medium">Access token</span>
          <CopyButton value={token.accessToken} label="Copy token" />
        </div>
        <textarea
          readOnly
          value={token.accessToken}
          rows={4}
          className="w-full rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs"
          aria-label="Access token"
          data-testid="access-token"
        />
      </div>
      {token.refreshToken && (
        <div>
          <div className="mb-1 flex items-center justify-between">
            <span className="text-sm font-medium">Refresh token</span>
            <CopyButton value={token.refreshToken} label="Copy refresh token" />
          </div>
          <input
            readOnly
            value={token.refreshToken}
            className="w-full rounded-lg border border-slate-200 bg-slate-50 p-2 font-mono text-xs"
            aria-label="Refresh token"
            data-testid="refresh-token"
          />
          {app.clientAuth === 'none' && (
            <p className="mt-1 text-xs text-slate-500">
              {c.limits.refreshTokenRotation
                ? `This refresh token does not rotate: ${c.limits.refreshTokenRotation}.`
                : 'Each refresh returns a new refresh token; using an old one again ends the whole sign-in.'}
            </p>
          )}
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <div className="mb-1 text-sm font-medium">Header</div>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">{json(token.header)}</pre>
        </div>
        <div>
          <div className="mb-1 text-sm font-medium">Claims</div>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100" data-testid="token-claims">
            {json(token.claims)}
          </pre>
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify signature
        </Button>
        {onRefresh && token.refreshToken && (
          <Button variant="secondary" onClick={onRefresh} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </Button>
        )}
        {kinds.map((k) => {
          const which = k === 'access_token' ? '' : ' refresh token';
          return (
            <span key={k} className="contents">
              {!support[k].introspect && (
                <Button variant="secondary" onClick={() => introspect.mutate(k)} disabled={introspect.isPending}>
                  Introspect{which}
                </Button>
              )}
              {!support[k].revoke && (
                <Button variant="secondary" onClick={() => revoke.mutate(k)} disabled={revoke.isPending}>
                  Revoke{which}
                </Button>
              )}
            </span>
          );
        })}
      </div>
      {reasons.length > 0 && (
        <ul className="space-y-1 text-xs text-slate-500" data-testid="token-limits">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {verify.data && (
        <Notice tone={verify.data.valid ? 'success' : 'error'}>
          {verify.data.valid
            ? 'Valid: signed by a key in the IdP’s JWKS, issuer and expiry check out.'
            : `Not valid: ${verify.data.reason}`}
        </Notice>
      )}
      {introspect.data && (
        <pre className="overflow-x-auto rounded-lg bg-slate-50 p-3 text-xs ring-1 ring-slate-200" data-testid="introspection">
          {json(introspect.data)}
        </pre>
      )}
      {revoke.data && (
        <Notice tone="success">
          {revoke.variables === 'refresh_token'
            ? 'Revocation accepted: the refresh token no longer works.'
            : 'Revocation accepted by the IdP. Gateways that check tokens locally accept it until it expires.'}
        </Notice>
      )}
      {[verify, introspect, revoke].map((m, i) =>
        m.isError ? (
          <Notice key={i} tone="error">
            {m.error.message}
          </Notice>
        ) : null,
      )}
    </div>
  );
}
