'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { fieldError } from '@/lib/client/api';
import { fetchToken as fetchTokenFor, refreshToken } from '@/lib/client/apps';
import type { FetchedToken } from '@/lib/token-tool/issued-token';
import { SignInPending } from './sign-in-pending';
import { TokenView } from './token-view';
import { useUserSignIn } from './use-user-sign-in';

/**
 * The token tool. A service app: the server runs the client-credentials
 * grant as the app. An app that signs people in: the browser runs
 * Authorization Code + PKCE in a pop-up as the current person, and the server
 * redeems the code as the app. A pasted secret or assertion stays in this
 * component's memory and goes only with these requests; neither it nor any
 * token is stored anywhere.
 */
export function TokenTool({ app }: { app: AppDetail }) {
  const c = app.credentials;
  const approved = app.subscriptions.filter((s) => s.status === 'approved');
  const [secret, setSecret] = useState('');
  const [assertion, setAssertion] = useState('');
  const [product, setProduct] = useState('');
  const [token, setToken] = useState<FetchedToken | null>(null);
  const auth = { clientSecret: secret || undefined, clientAssertion: assertion || undefined };
  const userFacing = app.type !== 'service';

  const clientCredentials = useMutation({
    mutationFn: () => fetchTokenFor(app.id, { ...auth, apiProductId: product || undefined }),
    onSuccess: setToken,
  });
  const signIn = useUserSignIn(app);
  const refresh = useMutation({
    mutationFn: () => refreshToken(app.id, { refreshToken: token!.refreshToken!, clientSecret: auth.clientSecret }),
    onSuccess: setToken,
  });
  const get = userFacing ? signIn : clientCredentials;
  const needsSecret = app.clientAuth === 'client_secret' && !c.secretReadable;

  return (
    <Card className="p-6" aria-labelledby="token-tool-title">
      <h2 id="token-tool-title" className="text-lg font-semibold">
        Token tool
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {userFacing
          ? 'Sign in as yourself, as this app’s users will (Authorization Code + PKCE), and look inside the token you get.'
          : 'Get an access token for this app, as your code would with the client-credentials grant, and look inside it.'}
      </p>
      <form
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (userFacing) signIn.mutate({ apiProductId: product || undefined, clientSecret: secret }, { onSuccess: setToken });
          else clientCredentials.mutate();
        }}
      >
        {app.clientAuth === 'private_key_jwt' ? (
          <Field
            id="token-assertion"
            label="Client assertion"
            error={fieldError(get.error, 'clientAssertion')}
            hint="A JWT signed with the app’s private key (the command on the credentials card prints one); valid once."
          >
            <textarea
              id="token-assertion"
              rows={2}
              className={`${textareaClass} font-mono text-xs`}
              value={assertion}
              onChange={(e) => setAssertion(e.target.value)}
            />
          </Field>
        ) : needsSecret ? (
          <Field
            id="token-secret"
            label="Client secret"
            error={fieldError(get.error, 'clientSecret')}
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
        ) : (
          <p className="text-sm text-slate-600">
            {app.clientAuth === 'none'
              ? 'A public client: no secret is needed.'
              : 'The identity provider supplies the client secret for this request.'}
          </p>
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
        <Button type="submit" disabled={get.isPending || (!userFacing && approved.length === 0)}>
          {get.isPending ? (userFacing ? 'Waiting for the sign-in…' : 'Fetching…') : userFacing ? 'Sign in and get a token' : 'Fetch token'}
        </Button>
      </form>
      {signIn.isPending && <SignInPending onCancel={signIn.cancel} />}
      {approved.length === 0 && (
        <p className="mt-3 text-sm text-slate-500">
          {userFacing
            ? 'Not subscribed to any API product yet: a sign-in gives a token without API scopes.'
            : 'Subscribe to an API product first: tokens carry the scopes of approved subscriptions.'}
        </p>
      )}
      {get.isError && !fieldError(get.error, 'clientSecret') && !fieldError(get.error, 'clientAssertion') && (
        <div className="mt-3">
          <Notice tone="error">{get.error.message}</Notice>
        </div>
      )}
      {refresh.isError && (
        <div className="mt-3">
          <Notice tone="error">{refresh.error.message}</Notice>
        </div>
      )}
      {token && <TokenView app={app} token={token} auth={auth} onRefresh={() => refresh.mutate()} refreshing={refresh.isPending} />}
    </Card>
  );
}
