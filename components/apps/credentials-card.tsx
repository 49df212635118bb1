'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { assertionAlgFor } from '@/lib/apps/signing-keys';
import { authorizationRequest, clientCredentialsCurl, codeExchangeCurl, privateKeyJwtScript } from '@/lib/apps/snippets';
import { retireSecret, rotateSecret } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { SecretOnceDialog } from './secret-once-dialog';
import { Snippet } from './snippet';

/** The commands that get this app a token, by how it authenticates. */
function Snippets({ app }: { app: AppDetail }) {
  const c = app.credentials;
  const products = c.grantedScopes.join(' ') || '<subscribe to a product first>';
  const clientId = c.clientId ?? '<client id>';
  if (app.type !== 'service') {
    const redirectUri = app.redirectUris[0] ?? '<your redirect URI>';
    return (
      <>
        <Snippet
          title="Sign-in request"
          testId="authorize-snippet"
          code={authorizationRequest({
            authorizationEndpoint: c.authorizationEndpoint,
            clientId,
            redirectUri,
            scope: [...c.userScopes, ...c.grantedScopes].join(' '),
          })}
        />
        <Snippet
          title="Exchange the code"
          code={codeExchangeCurl({ tokenEndpoint: c.tokenEndpoint, clientId, redirectUri, type: app.type })}
        />
      </>
    );
  }
  if (app.clientAuth === 'private_key_jwt') {
    const key = app.jwks?.keys[0];
    return (
      <Snippet
        title="Get a token with a signed assertion"
        testId="assertion-snippet"
        code={privateKeyJwtScript({
          tokenEndpoint: c.tokenEndpoint,
          clientId,
          kid: String(key?.kid ?? '<your key id>'),
          alg: key ? assertionAlgFor(key) : 'RS256',
          scope: products,
        })}
      />
    );
  }
  return <Snippet title="Get a token with curl" testId="curl-snippet" code={clientCredentialsCurl(c.tokenEndpoint, clientId, products)} />;
}

const date = (iso: string) => new Date(iso).toLocaleString();

export function CredentialsCard({ app }: { app: AppDetail }) {
  const queryClient = useQueryClient();
  const [fresh, setFresh] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.apps.detail(app.id) });
  const rotate = useMutation({
    mutationFn: () => rotateSecret(app.id),
    onSuccess: (r) => setFresh(r.clientSecret),
    onSettled: refresh,
  });
  const retire = useMutation({
    mutationFn: (secretId: string) => retireSecret(app.id, secretId),
    onSettled: refresh,
  });
  const c = app.credentials;
  const rows: [string, string][] = [
    ['Client ID', c.clientId ?? '—'],
    ['Issuer', c.issuer],
    ...(app.type !== 'service' ? ([['Authorization endpoint', c.authorizationEndpoint]] as [string, string][]) : []),
    ['Token endpoint', c.tokenEndpoint],
    ['JWKS', c.jwksUri],
  ];
  return (
    <Card className="p-6" aria-labelledby="credentials-title">
      <h2 id="credentials-title" className="text-lg font-semibold">
        Credentials
      </h2>
      {app.clientRecreatedAt && (
        <div className="mt-3">
          <Notice tone="warning">
            An admin recreated this app’s OAuth client on {date(app.clientRecreatedAt)} to repair it. Its old secret no longer works, and
            the new one was shown to no one: rotate the secret below, then retire the old one.
          </Notice>
        </div>
      )}
      <dl className="mt-4 grid gap-3 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[9rem_1fr_auto] items-center gap-3">
            <dt className="text-slate-500">{label}</dt>
            <dd className="truncate font-mono text-slate-900" data-testid={`credential-${label.toLowerCase().replace(/ /g, '-')}`}>
              {value}
            </dd>
            <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
          </div>
        ))}
        <div className="grid grid-cols-[9rem_1fr] gap-3">
          <dt className="text-slate-500">Granted scopes</dt>
          <dd className="flex flex-wrap gap-1.5 font-mono" data-testid="granted-scopes">
            {c.grantedScopes.length ? (
              c.grantedScopes.map((s) => (
                <code key={s} className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800">
                  {s}
                </code>
              ))
            ) : (
              <span className="font-sans text-slate-500">None yet: subscribe to an API product</span>
            )}
            <span className="font-sans text-xs text-slate-500">
              (in the token’s <code>{c.scopeClaim}</code> claim)
            </span>
          </dd>
        </div>
      </dl>

      {app.clientAuth === 'client_secret' ? (
        <>
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Client secrets</h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Client secrets">
            {c.secrets.map((s, i) => (
              <li key={s.id} className="flex items-center gap-4 px-4 py-3 text-sm">
                <code className="font-mono">••••••••{s.hint}</code>
                <span className="text-slate-500">
                  {i === 0 ? 'Created' : 'Rotated'} {date(s.createdAt)}
                </span>
                {app.canManage && c.secrets.length > 1 && (
                  <Button
                    className="ml-auto"
                    size="sm"
                    variant="secondary"
                    disabled={retire.isPending}
                    onClick={() => retire.mutate(s.id)}
                    aria-label={`Retire secret ending ${s.hint}`}
                  >
                    Retire
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            {!app.canManage ? null : c.rotation === 'dual' ? (
              <>
                <Button variant="secondary" disabled={rotate.isPending || c.secrets.length > 1} onClick={() => rotate.mutate()}>
                  {rotate.isPending ? 'Rotating…' : 'Rotate secret'}
                </Button>
                <span className="text-xs text-slate-500">
                  {c.secrets.length > 1
                    ? 'Both secrets work now. Retire the old one once your app uses the new one.'
                    : 'Adds a second secret; the current one keeps working until you retire it.'}
                </span>
              </>
            ) : (
              <span className="text-xs text-slate-500">
                This identity provider holds one secret per client: rotating means creating a new application.
              </span>
            )}
          </div>
          {(rotate.isError || retire.isError) && (
            <div className="mt-3">
              <Notice tone="error">{(rotate.error ?? retire.error)?.message}</Notice>
            </div>
          )}
        </>
      ) : app.clientAuth === 'none' ? (
        <div className="mt-6">
          <Notice tone="info">
            A public client: it holds no secret, because code in a browser or on a device cannot keep one. It proves each sign-in with PKCE,
            and the identity provider answers its browser only from the origins of its redirect URIs.
          </Notice>
        </div>
      ) : (
        <div className="mt-6">
          <Notice tone="info">
            This app holds no secret: it signs each token request with its private key (private_key_jwt), and the identity provider checks
            the signature against the public keys registered below.
          </Notice>
        </div>
      )}
      <Snippets app={app} />
      <SecretOnceDialog title="New client secret" clientId={c.clientId ?? ''} secret={fresh} onDone={() => setFresh(null)} />
    </Card>
  );
}
