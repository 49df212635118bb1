'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { fieldError } from '@/lib/client/api';
import { fetchToken as fetchTokenFor, introspectToken, revokeToken, verifyToken } from '@/lib/client/apps';

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

/**
 * The token tool: the server runs the client-credentials grant as this app.
 * A pasted secret stays in this component's memory and is sent only with
 * these requests; neither it nor the token is stored anywhere.
 */
export function TokenTool({ app }: { app: AppDetail }) {
  const c = app.credentials;
  const approved = app.subscriptions.filter((s) => s.status === 'approved');
  const [secret, setSecret] = useState('');
  const [product, setProduct] = useState('');
  const body = () => ({ clientSecret: secret || undefined });

  const fetchToken = useMutation({ mutationFn: () => fetchTokenFor(app.id, { ...body(), apiProductId: product || undefined }) });
  const token = fetchToken.data;
  const accessToken = token?.accessToken ?? '';
  const verify = useMutation({ mutationFn: () => verifyToken(app.id, accessToken) });
  const introspect = useMutation({ mutationFn: () => introspectToken(app.id, { ...body(), token: accessToken }) });
  const revoke = useMutation({ mutationFn: () => revokeToken(app.id, { ...body(), token: accessToken }) });
  const countdown = useCountdown(token?.expiresAt ?? null);
  useEffect(() => {
    verify.reset();
    introspect.reset();
    revoke.reset();
    // A new token starts with no checks shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token?.accessToken]);

  return (
    <Card className="p-6" aria-labelledby="token-tool-title">
      <h2 id="token-tool-title" className="text-lg font-semibold">
        Token tool
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Get an access token for this app, as your code would with the client-credentials grant, and look inside it.
      </p>
      <form
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          fetchToken.mutate();
        }}
      >
        {c.secretReadable ? (
          <p className="text-sm text-slate-600">The identity provider supplies the client secret for this request.</p>
        ) : (
          <Field
            id="token-secret"
            label="Client secret"
            error={fieldError(fetchToken.error, 'clientSecret')}
            hint="Used for this request only; never stored."
          >
            <Input
              id="token-secret"
              type="password"
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              placeholder="Paste the secret you saved"
            />
          </Field>
        )}
        <Field id="token-product" label="Scopes">
          <select id="token-product" className={selectClass} value={product} onChange={(e) => setProduct(e.target.value)}>
            <option value="">All approved products</option>
            {approved.map((s) => (
              <option key={s.id} value={s.product.apiProductId}>
                Only {s.product.name}
                {c.resourceIndicators ? ' (audience: this product)' : ''}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" disabled={fetchToken.isPending || approved.length === 0}>
          {fetchToken.isPending ? 'Fetching…' : 'Fetch token'}
        </Button>
      </form>
      {approved.length === 0 && (
        <p className="mt-3 text-sm text-slate-500">Subscribe to an API product first: tokens carry the scopes of approved subscriptions.</p>
      )}
      {fetchToken.isError && !fieldError(fetchToken.error, 'clientSecret') && (
        <div className="mt-3">
          <Notice tone="error">{fetchToken.error.message}</Notice>
        </div>
      )}

      {token && (
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
            {c.introspection ? (
              <Button variant="secondary" onClick={() => introspect.mutate()} disabled={introspect.isPending}>
                Introspect
              </Button>
            ) : null}
            {c.revocation ? (
              <Button variant="secondary" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
                Revoke
              </Button>
            ) : null}
          </div>
          {(!c.introspection || !c.revocation) && (
            <p className="text-xs text-slate-500">
              {c.idp} cannot {!c.introspection && !c.revocation ? 'introspect or revoke' : !c.introspection ? 'introspect' : 'revoke'} these
              access tokens: they are self-contained JWTs. Verify the signature and read the claims instead; they stop working when they
              expire.
            </p>
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
            <Notice tone="success">Revocation accepted by the IdP. Gateways that check tokens locally accept it until it expires.</Notice>
          )}
          {[verify, introspect, revoke].map((m, i) =>
            m.isError ? (
              <Notice key={i} tone="error">
                {m.error.message}
              </Notice>
            ) : null,
          )}
        </div>
      )}
    </Card>
  );
}
