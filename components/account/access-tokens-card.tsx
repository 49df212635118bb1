'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { Field, selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ErrorState, Loading, Notice } from '@/components/ui/states';
import { ADMIN_SCOPES, SCOPE_LABELS, TOKEN_SCOPES, type TokenKind, type TokenScope } from '@/lib/access-tokens/scopes';
import { createTokenSchema } from '@/lib/access-tokens/schemas';
import { createToken, listTokens, revokeToken } from '@/lib/client/tokens';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';

const EXPIRY_CHOICES = [
  [7, '7 days'],
  [30, '30 days'],
  [90, '90 days'],
  [366, '1 year'],
] as const;

const day = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 10) : 'never');

/**
 * Access tokens for /api/v1 and the `lanyard` CLI (README, "Automation:
 * tokens, API and CLI"): personal ones on the account page, service ones (for
 * CI, owned by the admin who creates them) in the admin console. A new token
 * is shown once; the list shows its first characters, scopes, expiry and last use.
 */
export function AccessTokensCard({ kind, isAdmin }: { kind: TokenKind; isAdmin: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.tokens.list(kind);
  const tokens = useQuery({ queryKey: key, queryFn: () => listTokens(kind) });
  const usable = TOKEN_SCOPES.filter((s) => isAdmin || !ADMIN_SCOPES.includes(s));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['products:read']);
  const [expiresInDays, setExpiresInDays] = useState<number>(90);
  const [shown, setShown] = useState<string | null>(null);
  const form = useFieldErrors(createTokenSchema);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (input: { name: string; scopes: TokenScope[]; expiresInDays: number }) => createToken(kind, input),
    onSuccess: (created) => {
      setShown(created.token);
      setName('');
    },
    onSettled: refresh,
  });
  const revoke = useMutation({ mutationFn: (id: string) => revokeToken(kind, id), onSettled: refresh });
  const title = kind === 'personal' ? 'Access tokens' : 'Service tokens';

  return (
    <Card className="p-6" aria-labelledby={`${kind}-tokens-title`}>
      <h2 id={`${kind}-tokens-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {kind === 'personal'
          ? 'For the Lanyard API and the lanyard CLI, acting as you. A token never does more than you can: if you lose a right, so do your tokens.'
          : 'For CI pipelines. A service token is owned by the admin who creates it and stops working for admin tasks if that admin stops being one.'}
      </p>
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorState message={tokens.error.message} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.tokens.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No tokens yet.</p>
      ) : (
        <table className="mt-4 w-full text-sm" aria-label={title}>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2 font-medium">Name</th>
              <th className="py-2 font-medium">Scopes</th>
              <th className="py-2 font-medium">Expires</th>
              <th className="py-2 font-medium">Last used</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.data.tokens.map((t) => (
              <tr key={t.id} data-testid="access-token">
                <td className="py-2.5">
                  <div className="font-medium text-slate-900">{t.name}</div>
                  <code className="font-mono text-xs text-slate-500">{t.prefix}…</code>
                  {kind === 'service' && <div className="text-xs text-slate-500">owner {t.owner.email}</div>}
                </td>
                <td className="py-2.5">
                  <div className="flex flex-wrap gap-1">
                    {t.scopes.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                  </div>
                </td>
                <td className="py-2.5 text-slate-700">{day(t.expiresAt)}</td>
                <td className="py-2.5 text-slate-700">{day(t.lastUsedAt)}</td>
                <td className="py-2.5 text-right">
                  {t.status === 'active' ? (
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(t.id)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </Button>
                  ) : (
                    <Badge tone={t.status === 'revoked' ? 'red' : 'neutral'}>{t.status}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.isError && (
        <div className="mt-3">
          <Notice tone="error">{revoke.error.message}</Notice>
        </div>
      )}
      <form
        className="mt-5 space-y-3 border-t border-slate-100 pt-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = form.check({ name, scopes, expiresInDays });
          if (parsed) create.mutate(parsed);
        }}
      >
        <Field
          id={`${kind}-token-name`}
          label="New token"
          hint="A name that says where it is used."
          error={form.error('name', create.error)}
        >
          <Input id={`${kind}-token-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="CI for tracks" />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {usable.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5 h-4 w-4 accent-brand-600"
                  checked={scopes.includes(s)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
                />
                <span>
                  <code className="font-mono text-xs">{s}</code> <span className="text-slate-500">{SCOPE_LABELS[s]}</span>
                </span>
              </label>
            ))}
          </div>
          {form.error('scopes', create.error) && <p className="text-sm text-red-700">{form.error('scopes', create.error)}</p>}
        </fieldset>
        <Field id={`${kind}-token-expiry`} label="Expires after" error={form.error('expiresInDays', create.error)}>
          <select
            id={`${kind}-token-expiry`}
            className={selectClass}
            value={expiresInDays}
            onChange={(e) => setExpiresInDays(Number(e.target.value))}
          >
            {EXPIRY_CHOICES.map(([days, label]) => (
              <option key={days} value={days}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {create.isError && !form.error('name', create.error) && <Notice tone="error">{create.error.message}</Notice>}
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      <Dialog open={!!shown} onClose={() => setShown(null)} title="Your new token" dismissable={false}>
        <div className="space-y-4">
          <Notice tone="warning">
            Copy the token now. <strong>It will not be shown again</strong>: Lanyard keeps only a hash of it.
          </Notice>
          <div className="flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-sm" data-testid="new-access-token">
              {shown}
            </code>
            <CopyButton value={shown ?? ''} label="Copy token" />
          </div>
          <p className="text-sm text-slate-600">
            Use it with <code className="font-mono text-xs">npx lanyard login --token …</code> or as{' '}
            <code className="font-mono text-xs">Authorization: Bearer …</code>.
          </p>
          <div className="flex justify-end">
            <Button onClick={() => setShown(null)}>I’ve saved the token</Button>
          </div>
        </div>
      </Dialog>
    </Card>
  );
}
