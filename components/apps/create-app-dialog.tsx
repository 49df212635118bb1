'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/states';
import { APP_TYPE_INFO, APP_TYPES, type AppType } from '@/lib/apps/app-types';
import type { CreatedApplication } from '@/lib/apps/create-app';
import { createAppSchema, type ClientAuthentication } from '@/lib/apps/schemas';
import { ApiClientError } from '@/lib/client/api';
import { createApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import type { IdpFeature } from '@/lib/idp/types';
import type { TeamSummary } from '@/lib/teams/manage-teams';
import { SigningKeysFields, signingKeysFrom, type KeySource } from './signing-keys-fields';
import { UriListField } from './uri-list-field';

const URI_HINTS: Record<Exclude<AppType, 'service'>, string> = {
  web: 'Where your server receives the code, e.g. https://app.example.com/oauth/callback. Matched exactly.',
  spa: 'Where your app’s page receives the code, e.g. https://app.example.com/callback or http://127.0.0.1:5173/callback while developing. Matched exactly, port included.',
  native: 'A loopback URL (http://127.0.0.1/callback works on any port) or a claimed https URL on a domain you own.',
};

export function CreateAppDialog({
  open,
  onClose,
  teams,
  limits,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  teams: TeamSummary[];
  /** What the portal's IdP cannot do, and why (private_key_jwt on Cognito). */
  limits: Partial<Record<IdpFeature, string>>;
  onCreated: (app: CreatedApplication) => void;
}) {
  const queryClient = useQueryClient();
  const form = useFieldErrors(createAppSchema);
  const [type, setType] = useState<AppType>('service');
  const [auth, setAuth] = useState<ClientAuthentication>('client_secret');
  const [keySource, setKeySource] = useState<KeySource>('jwks');
  const [redirectUris, setRedirectUris] = useState<string[]>(['']);
  const [logoutUris, setLogoutUris] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: createApp,
    onSuccess: (app) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all });
      onCreated(app);
    },
  });
  const error = (f: string) => form.error(f, create.error);
  const userFacing = type !== 'service';
  const pkjwtUnsupported = limits.privateKeyJwt;

  return (
    <Dialog open={open} onClose={onClose} title="New application">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const pkjwt = type === 'service' && auth === 'private_key_jwt';
          const parsed = form.check({
            name: data.get('name'),
            description: data.get('description'),
            ownerTeamId: String(data.get('owner') ?? '') || null,
            type,
            redirectUris: userFacing ? redirectUris.map((u) => u.trim()).filter((u, i) => u || i === 0) : [],
            postLogoutRedirectUris: userFacing ? logoutUris.map((u) => u.trim()).filter(Boolean) : [],
            clientAuthentication: type === 'service' ? auth : 'client_secret',
            ...(pkjwt ? signingKeysFrom(data, keySource) : {}),
          });
          if (parsed) create.mutate(parsed);
        }}
      >
        <Field id="app-name" label="Name" error={error('name')}>
          <Input
            id="app-name"
            name="name"
            autoFocus
            aria-invalid={!!error('name')}
            aria-describedby="app-name-error"
            placeholder="Route planner"
          />
        </Field>
        <Field
          id="app-description"
          label="Description"
          error={error('description')}
          hint="What the app does, for your team and the API owners."
        >
          <textarea id="app-description" name="description" rows={2} className={textareaClass} aria-invalid={!!error('description')} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Type</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {APP_TYPES.map((t) => (
              <label
                key={t}
                className={`flex cursor-pointer gap-2 rounded-lg border p-3 text-sm ${type === t ? 'border-brand-500 bg-brand-50' : 'border-slate-200 hover:bg-slate-50'}`}
              >
                <input type="radio" name="type" value={t} checked={type === t} onChange={() => setType(t)} className="mt-0.5" />
                <span>
                  <span className="font-medium text-slate-900">{APP_TYPE_INFO[t].label}</span>
                  <span className="mt-0.5 block text-xs text-slate-600">{APP_TYPE_INFO[t].summary}</span>
                </span>
              </label>
            ))}
          </div>
          {error('type') && <p className="text-sm text-red-700">{error('type')}</p>}
          <p className="text-xs text-slate-500">
            The type cannot change later. Implicit and password grants are not offered: OAuth 2.1 removes them.
          </p>
        </fieldset>

        {userFacing && (
          <>
            <UriListField
              id="redirectUris"
              label="Redirect URIs"
              hint={URI_HINTS[type]}
              values={redirectUris}
              onChange={setRedirectUris}
              error={error}
              placeholder={type === 'spa' ? 'http://127.0.0.1:5173/callback' : 'https://app.example.com/oauth/callback'}
            />
            <UriListField
              id="postLogoutRedirectUris"
              label="Sign-out redirect URIs (optional)"
              hint="Where the identity provider may send people after they sign out."
              values={logoutUris}
              onChange={setLogoutUris}
              error={error}
            />
          </>
        )}

        {type === 'service' && (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">How it authenticates</legend>
            <label className="flex gap-2 text-sm">
              <input type="radio" name="auth" checked={auth === 'client_secret'} onChange={() => setAuth('client_secret')} />
              <span>Client secret (shown once)</span>
            </label>
            <label className={`flex gap-2 text-sm ${pkjwtUnsupported ? 'text-slate-400' : ''}`}>
              <input
                type="radio"
                name="auth"
                disabled={!!pkjwtUnsupported}
                checked={auth === 'private_key_jwt'}
                onChange={() => setAuth('private_key_jwt')}
              />
              <span>Signed JWT (private_key_jwt, RFC 7523): no secret; you register public keys and sign each request</span>
            </label>
            {pkjwtUnsupported && <Notice tone="info">Not available with this identity provider: {pkjwtUnsupported}.</Notice>}
            {error('clientAuthentication') && <p className="text-sm text-red-700">{error('clientAuthentication')}</p>}
            {auth === 'private_key_jwt' && !pkjwtUnsupported && (
              <div className="space-y-3 rounded-lg border border-slate-200 p-3">
                <SigningKeysFields
                  idPrefix="app"
                  source={keySource}
                  onSourceChange={setKeySource}
                  error={error}
                  jwksHint='{"keys": [{"kty": "RSA", "kid": "…", "n": "…", "e": "AQAB"}]} — public keys only, RSA 2048+ or EC P-256.'
                />
              </div>
            )}
          </fieldset>
        )}

        <Field id="app-owner" label="Owner" error={error('ownerTeamId')}>
          <select id="app-owner" name="owner" className={selectClass} defaultValue="">
            <option value="">Me</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                Team: {t.name}
              </option>
            ))}
          </select>
        </Field>
        {create.error && !(create.error instanceof ApiClientError && Object.keys(create.error.fields).length) && (
          <Notice tone="error">{create.error.message}</Notice>
        )}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create application'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
