'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import type { AppDetail } from '@/lib/apps/app-detail';
import { updateAppSchema } from '@/lib/apps/schemas';
import { ApiClientError } from '@/lib/client/api';
import { deleteApp, updateApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { useFieldErrors } from '@/lib/client/use-field-errors';
import { AppTypeBadge } from './app-type-badge';
import { AppUsageCard } from './app-usage-card';
import { ClientSettingsCard } from './client-settings-card';
import { CredentialsCard } from './credentials-card';
import { SubscriptionsCard } from './subscriptions-card';
import { TokenExchangeCard } from './token-exchange-card';
import { TokenTool } from './token-tool';
import { useApp } from './use-app';

export function AppDetailView({ id }: { id: string }) {
  const app = useApp(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (app.isPending) return <Loading label="Loading the application…" />;
  if (app.isError) {
    if (app.error instanceof ApiClientError && app.error.status === 404) {
      return (
        <EmptyState
          title="Application not found"
          action={
            <Link className="text-sm font-medium text-brand-700" href="/apps">
              Back to my apps
            </Link>
          }
        >
          It does not exist, or it belongs to someone else.
        </EmptyState>
      );
    }
    return <ErrorState message={app.error.message} onRetry={() => void app.refetch()} />;
  }
  const detail = app.data;
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/apps', label: 'My apps' }]} current={detail.name} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{detail.name}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{detail.description || 'No description.'}</p>
          <div className="mt-2 flex gap-2">
            <AppTypeBadge type={detail.type} />
            <Badge>{detail.owner.kind === 'team' ? `Team ${detail.owner.name}` : 'Personal'}</Badge>
            <Badge tone="brand">IdP: {detail.credentials.idp}</Badge>
          </div>
        </div>
        {detail.canManage ? (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        ) : (
          <p className="max-w-xs text-sm text-slate-500" data-testid="member-notice">
            You are a member of this team: you can use this application. Its owners manage its credentials and subscriptions.
          </p>
        )}
      </div>
      <CredentialsCard app={detail} />
      <ClientSettingsCard app={detail} />
      <SubscriptionsCard app={detail} />
      <TokenExchangeCard app={detail} />
      <TokenTool app={detail} />
      <AppUsageCard appId={detail.id} />
      <EditAppDialog app={detail} open={editing} onClose={() => setEditing(false)} />
      <DeleteAppDialog app={detail} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function EditAppDialog({ app, open, onClose }: { app: AppDetail; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const key = queryKeys.apps.detail(app.id);
  const save = useMutation({
    mutationFn: (changes: { name: string; description: string }) => updateApp(app.id, changes),
    // Optimistic: the page shows the new name at once and rolls back if the server refuses.
    onMutate: async (changes) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<AppDetail>(key);
      queryClient.setQueryData<AppDetail>(key, (old) => (old ? { ...old, ...changes } : old));
      onClose();
      return { previous };
    },
    onError: (_err, _changes, ctx) => {
      queryClient.setQueryData(key, ctx?.previous);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all }),
  });
  const form = useFieldErrors(updateAppSchema);
  return (
    <>
      {save.isError && <Notice tone="error">Your changes were not saved: {save.error.message}</Notice>}
      <Dialog open={open} onClose={onClose} title="Edit application">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const parsed = form.check({ name: data.get('name'), description: data.get('description') });
            if (parsed) save.mutate({ name: parsed.name ?? app.name, description: parsed.description ?? app.description });
          }}
        >
          <Field id="edit-name" label="Name" error={form.error('name', save.error)}>
            <Input id="edit-name" name="name" defaultValue={app.name} aria-invalid={!!form.error('name', save.error)} />
          </Field>
          <Field id="edit-description" label="Description" error={form.error('description', save.error)}>
            <textarea id="edit-description" name="description" rows={3} defaultValue={app.description} className={textareaClass} />
          </Field>
          <div className="flex justify-end gap-3">
            <Button type="button" variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Save</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

function DeleteAppDialog({ app, open, onClose }: { app: AppDetail; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteApp(app.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.apps.detail(app.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.apps.all });
      router.push('/apps');
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={`Delete ${app.name}?`}>
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          Its OAuth client <code className="font-mono">{app.credentials.clientId}</code> is deleted from the identity provider: calls using
          its tokens stop working when they expire, and no new token is issued. Its subscriptions end.
        </p>
        {remove.isError && <Notice tone="error">{remove.error.message}</Notice>}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : 'Delete application'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
