'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, textareaClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import { updateAppSchema } from '@/lib/apps/schemas';
import { api, ApiClientError, fieldError } from '@/lib/client/api';
import { fieldErrors } from '@/lib/field-errors';
import { CredentialsCard } from './credentials-card';
import { SubscriptionsCard } from './subscriptions-card';
import { TokenTool } from './token-tool';
import type { AppDetail, CatalogOption } from './types';
import { appKey, useApp } from './use-app';

export function AppDetailView({ id, catalog }: { id: string; catalog: CatalogOption[] }) {
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
      <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
        <Link href="/apps" className="hover:text-slate-900">
          My apps
        </Link>{' '}
        / <span className="text-slate-900">{detail.name}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{detail.name}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{detail.description || 'No description.'}</p>
          <div className="mt-2 flex gap-2">
            <Badge>{detail.owner.kind === 'team' ? `Team ${detail.owner.name}` : 'Personal'}</Badge>
            <Badge tone="brand">IdP: {detail.credentials.idp}</Badge>
          </div>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          {detail.canDelete && (
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )}
        </div>
      </div>
      <CredentialsCard app={detail} />
      <SubscriptionsCard app={detail} catalog={catalog} />
      <TokenTool app={detail} />
      <EditAppDialog app={detail} open={editing} onClose={() => setEditing(false)} />
      <DeleteAppDialog app={detail} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function EditAppDialog({ app, open, onClose }: { app: AppDetail; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (changes: { name: string; description: string }) =>
      api<AppDetail>(`/api/apps/${app.id}`, { method: 'PATCH', body: changes }),
    // Optimistic: the page shows the new name at once and rolls back if the server refuses.
    onMutate: async (changes) => {
      await queryClient.cancelQueries({ queryKey: appKey(app.id) });
      const previous = queryClient.getQueryData<AppDetail>(appKey(app.id));
      queryClient.setQueryData<AppDetail>(appKey(app.id), (old) => (old ? { ...old, ...changes } : old));
      onClose();
      return { previous };
    },
    onError: (_err, _changes, ctx) => {
      queryClient.setQueryData(appKey(app.id), ctx?.previous);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: appKey(app.id) });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
    },
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  return (
    <>
      {save.isError && <Notice tone="error">Your changes were not saved: {save.error.message}</Notice>}
      <Dialog open={open} onClose={onClose} title="Edit application">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            // The same schema the API enforces, so the messages match.
            const parsed = updateAppSchema.safeParse({ name: form.get('name'), description: form.get('description') });
            setLocal(parsed.success ? {} : fieldErrors(parsed.error));
            if (parsed.success)
              save.mutate({ name: parsed.data.name ?? app.name, description: parsed.data.description ?? app.description });
          }}
        >
          <Field id="edit-name" label="Name" error={local.name ?? fieldError(save.error, 'name')}>
            <Input id="edit-name" name="name" defaultValue={app.name} aria-invalid={!!local.name} />
          </Field>
          <Field id="edit-description" label="Description" error={local.description}>
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
    mutationFn: () => api<void>(`/api/apps/${app.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: appKey(app.id) });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
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
