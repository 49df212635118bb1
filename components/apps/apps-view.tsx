'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Pager, SearchFilter } from '@/components/admin/list-parts';
import { useUrlFilters } from '@/components/admin/use-url-filters';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { listApps } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import { listTeams } from '@/lib/client/teams';
import type { CreatedApplication } from '@/lib/apps/create-app';
import type { IdpFeature } from '@/lib/idp/types';
import { AppTypeBadge } from './app-type-badge';
import { CreateAppDialog } from './create-app-dialog';
import { SecretOnceDialog } from './secret-once-dialog';
import { StatusBadge } from './status-badge';

const KEYS = ['q'] as const;

export function AppsView({ limits }: { limits: Partial<Record<IdpFeature, string>> }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApplication | null>(null);
  // Search and page live in the URL (/apps?q=&page=); the API answers one page (docs/architecture.md, "Catalog and lists at scale").
  const f = useUrlFilters(KEYS);
  const apps = useQuery({
    queryKey: queryKeys.apps.list(f.apiQuery),
    queryFn: () => listApps(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  const teams = useQuery({ queryKey: queryKeys.teams.list(), queryFn: listTeams });

  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">My apps</h1>
          <p className="mt-1 text-sm text-slate-600">
            Applications you and your teams own. Each has its own OAuth client in the identity provider.
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>New application</Button>
      </div>

      {apps.isPending ? (
        <Loading label="Loading your applications…" />
      ) : apps.isError ? (
        <ErrorState message={apps.error.message} onRetry={() => void apps.refetch()} />
      ) : apps.data.total === 0 && !f.active ? (
        <EmptyState title="No applications yet" action={<Button onClick={() => setCreating(true)}>Create your first application</Button>}>
          Create an application to get OAuth client credentials, then subscribe it to APIs from the catalog.
        </EmptyState>
      ) : (
        <>
          <form role="search" className="max-w-md" onSubmit={(e) => e.preventDefault()}>
            <SearchFilter label="Search your apps" value={f.values.q} onChange={(q) => f.set({ q })} placeholder="Name or client id" />
          </form>
          {apps.data.total === 0 ? (
            <EmptyState title="No application matches">Try a different search.</EmptyState>
          ) : (
            <Card className={apps.isPlaceholderData ? 'divide-y divide-slate-100 opacity-60' : 'divide-y divide-slate-100'}>
              {apps.data.items.map((app) => (
                <Link key={app.id} href={`/apps/${app.id}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50">
                  <div className="min-w-0 flex-1">
                    <div className="font-medium text-slate-900">{app.name}</div>
                    <div className="truncate text-sm text-slate-500">{app.description || 'No description'}</div>
                  </div>
                  <div className="flex flex-wrap justify-end gap-1.5">
                    {app.subscriptions.map((s) => (
                      <StatusBadge key={s.product} status={s.status} label={s.name} />
                    ))}
                    {app.subscriptionCount > app.subscriptions.length && (
                      <Badge>+{app.subscriptionCount - app.subscriptions.length} more</Badge>
                    )}
                  </div>
                  <AppTypeBadge type={app.type} />
                  <Badge>{app.owner.kind === 'team' ? `Team ${app.owner.name}` : 'Personal'}</Badge>
                </Link>
              ))}
            </Card>
          )}
          <Pager {...apps.data} noun="applications" onPage={(page) => f.set({ page })} onPageSize={(pageSize) => f.set({ pageSize })} />
        </>
      )}

      <CreateAppDialog
        open={creating}
        onClose={() => setCreating(false)}
        teams={teams.data ?? []}
        limits={limits}
        onCreated={(app) => {
          setCreating(false);
          // Public and private_key_jwt apps have no secret to show once.
          if (app.clientSecret) setCreated(app);
          else router.push(`/apps/${app.id}`);
        }}
      />
      <SecretOnceDialog
        title="Application created"
        clientId={created?.clientId ?? ''}
        secret={created?.clientSecret ?? null}
        onDone={() => {
          const id = created?.id;
          setCreated(null);
          if (id) router.push(`/apps/${id}`);
        }}
      />
    </div>
  );
}
