'use client';

import { Button } from '@/components/ui/button';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { AppTypeBadge } from '@/components/apps/app-type-badge';
import { SignInPending } from '@/components/apps/sign-in-pending';
import { useUserSignIn } from '@/components/apps/use-user-sign-in';
import { fieldError } from '@/lib/client/api';
import type { AppDetail } from '@/lib/apps/app-detail';
import { useState } from 'react';

/**
 * The try-it console's OAuth part for web, spa and native apps: the person
 * signs in to the chosen app in a pop-up (Authorization Code + PKCE through
 * the console's redirect URI), and the token they get is the one the console
 * sends to the gateway. It carries the app's subscribed products, so an
 * unsubscribed product's call is refused by the gateway, as it would be for
 * the app itself.
 */
export function TryItSignIn({
  app,
  apps,
  appId,
  onAppChange,
  onToken,
}: {
  app: AppDetail;
  apps: { id: string; name: string; subscribed: boolean }[];
  appId: string;
  onAppChange: (id: string) => void;
  onToken: (token: string) => void;
}) {
  const [secret, setSecret] = useState('');
  const signIn = useUserSignIn(app);
  const registered = app.redirectUris.includes(app.consoleRedirectUri);
  const needsSecret = app.clientAuth === 'client_secret' && !app.credentials.secretReadable;
  return (
    <>
      <form
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ clientSecret: secret }, { onSuccess: (t) => onToken(t.accessToken) });
        }}
      >
        <Field id="try-app" label="Application">
          <select id="try-app" className={selectClass} value={appId} onChange={(e) => onAppChange(e.target.value)}>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.subscribed ? '' : ' (not subscribed)'}
              </option>
            ))}
          </select>
        </Field>
        {needsSecret ? (
          <Field id="try-secret" label="Client secret" error={fieldError(signIn.error, 'clientSecret')}>
            <Input
              id="try-secret"
              type="password"
              autoComplete="off"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              placeholder="Used once, never stored"
            />
          </Field>
        ) : (
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <AppTypeBadge type={app.type} /> signs you in as yourself
          </div>
        )}
        <Button type="submit" variant="secondary" disabled={signIn.isPending || !registered}>
          {signIn.isPending ? 'Waiting for the sign-in…' : 'Sign in with this app'}
        </Button>
      </form>
      {!registered && (
        <p className="mt-3 text-sm text-slate-600">
          To try this API with your own sign-in, register the console’s redirect URI{' '}
          <code className="font-mono text-xs">{app.consoleRedirectUri}</code> on{' '}
          <a className="font-medium text-brand-700 hover:underline" href={`/apps/${app.id}`}>
            the app’s page
          </a>
          .
        </p>
      )}
      {signIn.isPending && <SignInPending onCancel={signIn.cancel} />}
      {signIn.isError && !fieldError(signIn.error, 'clientSecret') && (
        <div className="mt-3">
          <Notice tone="error">{signIn.error.message}</Notice>
        </div>
      )}
      {signIn.data && (
        <p className="mt-3 text-sm text-slate-600" data-testid="try-it-signed-in">
          Signed in: the token below carries <code className="font-mono">{signIn.data.scope || 'no API scope'}</code>.
        </p>
      )}
    </>
  );
}
