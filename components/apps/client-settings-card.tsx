'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { updateAppSchemaFor } from '@/lib/apps/schemas';
import { updateApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { SigningKeysFields, signingKeysFrom, type KeySource } from './signing-keys-fields';
import { UriListField } from './uri-list-field';

function UriList({ label, uris, testId }: { label: string; uris: string[]; testId: string }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-3 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd>
        {uris.length ? (
          <ul className="space-y-1 font-mono" data-testid={testId}>
            {uris.map((u) => (
              <li key={u} className="break-all">
                {u}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-500">None</span>
        )}
      </dd>
    </div>
  );
}

/** What the owner can change about how the app signs people in (redirect URIs) or proves itself (its public keys). */
export function ClientSettingsCard({ app }: { app: AppDetail }) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (changes: Parameters<typeof updateApp>[1]) => updateApp(app.id, changes),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.apps.detail(app.id), detail);
      setEditing(false);
    },
  });
  const userFacing = app.type !== 'service';
  if (!userFacing && app.clientAuth !== 'private_key_jwt') return null;
  const consoleRegistered = app.redirectUris.includes(app.consoleRedirectUri);

  return (
    <Card className="p-6" aria-labelledby="client-settings-title">
      <div className="flex items-start justify-between gap-4">
        <h2 id="client-settings-title" className="text-lg font-semibold">
          {userFacing ? 'Sign-in settings' : 'Signing keys'}
        </h2>
        {app.canManage && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {userFacing ? 'Edit redirect URIs' : 'Replace keys'}
          </Button>
        )}
      </div>
      {userFacing ? (
        <dl className="mt-4 space-y-3">
          <UriList label="Redirect URIs" uris={app.redirectUris} testId="redirect-uris" />
          <UriList label="Sign-out redirect URIs" uris={app.postLogoutRedirectUris} testId="logout-uris" />
          <p className="text-xs text-slate-500">
            The identity provider matches each one exactly{app.type === 'native' ? ', except that a loopback URL works on any port' : ''}.
          </p>
          {app.canManage && !consoleRegistered && (
            <div className="flex flex-wrap items-center gap-3 rounded-lg bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
              <span>
                To try APIs with your own sign-in in the catalog, register the console’s redirect URI{' '}
                <code className="font-mono text-xs">{app.consoleRedirectUri}</code>.
              </span>
              <Button
                size="sm"
                variant="secondary"
                disabled={save.isPending}
                onClick={() => save.mutate({ redirectUris: [...app.redirectUris, app.consoleRedirectUri] })}
              >
                Register it
              </Button>
            </div>
          )}
        </dl>
      ) : (
        <dl className="mt-4 text-sm">
          {app.jwksUri ? (
            <div className="grid grid-cols-[11rem_1fr] gap-3">
              <dt className="text-slate-500">JWKS URL</dt>
              <dd className="break-all font-mono" data-testid="jwks-uri">
                {app.jwksUri}
              </dd>
            </div>
          ) : (
            <div className="grid grid-cols-[11rem_1fr] gap-3">
              <dt className="text-slate-500">Registered keys</dt>
              <dd className="font-mono" data-testid="jwks-kids">
                {(app.jwks?.keys ?? []).map((k) => `${String(k.kid)} (${String(k.kty)})`).join(', ')}
              </dd>
            </div>
          )}
        </dl>
      )}
      {save.isError && !editing && (
        <div className="mt-3">
          <Notice tone="error">{save.error.message}</Notice>
        </div>
      )}
      <EditSettingsDialog app={app} open={editing} onClose={() => setEditing(false)} save={save} />
    </Card>
  );
}

function EditSettingsDialog({
  app,
  open,
  onClose,
  save,
}: {
  app: AppDetail;
  open: boolean;
  onClose: () => void;
  save: { mutate: (changes: Parameters<typeof updateApp>[1]) => void; error: Error | null; isPending: boolean };
}) {
  const form = useFieldErrors(updateAppSchemaFor(app.type, app.clientAuth));
  const [redirectUris, setRedirectUris] = useState(app.redirectUris);
  const [logoutUris, setLogoutUris] = useState(app.postLogoutRedirectUris);
  const [keySource, setKeySource] = useState<KeySource>(app.jwksUri ? 'jwksUri' : 'jwks');
  const error = (f: string) => form.error(f, save.error);
  const userFacing = app.type !== 'service';
  return (
    <Dialog open={open} onClose={onClose} title={userFacing ? 'Redirect URIs' : 'Signing keys'}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const values = userFacing
            ? {
                redirectUris: redirectUris.map((u) => u.trim()).filter(Boolean),
                postLogoutRedirectUris: logoutUris.map((u) => u.trim()).filter(Boolean),
              }
            : signingKeysFrom(data, keySource);
          const parsed = form.check(values);
          if (parsed) save.mutate(values);
        }}
      >
        {userFacing ? (
          <>
            <UriListField id="redirectUris" label="Redirect URIs" values={redirectUris} onChange={setRedirectUris} error={error} />
            <UriListField
              id="postLogoutRedirectUris"
              label="Sign-out redirect URIs"
              values={logoutUris}
              onChange={setLogoutUris}
              error={error}
            />
          </>
        ) : (
          <>
            <SigningKeysFields
              idPrefix="edit"
              source={keySource}
              onSourceChange={setKeySource}
              error={error}
              defaults={{ jwks: app.jwks ? JSON.stringify(app.jwks, null, 2) : '', jwksUri: app.jwksUri ?? '' }}
              jwksHint="Replaces the registered keys at once: keep the old key in the set until your app signs with the new one."
            />
          </>
        )}
        {save.error && !Object.keys((save.error as { fields?: object }).fields ?? {}).length && (
          <Notice tone="error">{save.error.message}</Notice>
        )}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
