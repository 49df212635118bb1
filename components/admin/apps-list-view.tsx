'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { AppTypeBadge } from '@/components/apps/app-type-badge';
import { StatusBadge } from '@/components/apps/status-badge';
import { Badge } from '@/components/ui/badge';
import { formatDate } from './format';
import { FilterBar, PagedList, SearchFilter, SelectFilter, Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { STATUS_OPTIONS, useProductOptions } from './filter-options';
import { useUrlFilters } from './use-url-filters';

const KEYS = ['q', 'owner', 'product', 'status'] as const;

export function AppsListView() {
  const f = useUrlFilters(KEYS);
  const products = useProductOptions();
  const apps = useQuery({
    queryKey: queryKeys.admin.list('apps', f.apiQuery),
    queryFn: () => adminApi.listAllApps(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Applications"
        description="Every application in the portal, whoever owns it, with its IdP client and subscriptions."
      />
      <FilterBar active={f.active} onClear={() => f.set({ q: null, owner: null, product: null, status: null })}>
        <SearchFilter label="Search" value={f.values.q} onChange={(q) => f.set({ q })} placeholder="Name, app id or client id" />
        <SearchFilter
          label="Owner"
          value={f.values.owner}
          onChange={(owner) => f.set({ owner })}
          placeholder="Email or team"
          className="max-w-56"
        />
        <SelectFilter label="Subscribed to" value={f.values.product} onChange={(product) => f.set({ product })} options={products} />
        <SelectFilter
          label="Subscription status"
          value={f.values.status}
          onChange={(status) => f.set({ status })}
          options={STATUS_OPTIONS}
        />
      </FilterBar>
      <PagedList
        list={apps}
        filters={f}
        noun="applications"
        empty={{
          none: 'No applications yet',
          noneHint: 'Applications appear here when consumers create them.',
          noMatch: 'No application matches',
          noMatchHint: 'Try fewer or different filters.',
        }}
      >
        {(items, busy) => (
          <Table label="Applications" busy={busy}>
            <thead>
              <tr>
                <Th>Application</Th>
                <Th>Owner</Th>
                <Th>IdP client</Th>
                <Th>Subscriptions</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((a) => (
                <tr key={a.id} data-testid={`app-row-${a.id}`}>
                  <Td className="max-w-52">
                    <div className="font-medium text-slate-900">{a.name}</div>
                    <div className="truncate font-mono text-xs text-slate-500" title={a.id}>
                      {a.id}
                    </div>
                  </Td>
                  <Td>
                    {a.owner.kind === 'team' ? (
                      <Badge tone="brand">Team {a.owner.name}</Badge>
                    ) : (
                      <span title={a.owner.name ?? undefined}>{a.owner.email}</span>
                    )}
                  </Td>
                  <Td>
                    {a.clientId ? <code className="font-mono text-xs">{a.clientId}</code> : <span className="text-red-700">none</span>}
                    <div className="flex items-center gap-2 text-xs text-slate-500">
                      {a.idp} <AppTypeBadge type={a.type} />
                    </div>
                  </Td>
                  <Td>
                    <div className="flex max-w-sm flex-wrap gap-1.5">
                      {a.subscriptions.length ? (
                        a.subscriptions.map((s) => <StatusBadge key={s.apiProductId} status={s.status} label={s.name} />)
                      ) : (
                        <span className="text-slate-400">none</span>
                      )}
                    </div>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-500">
                    {formatDate(a.createdAt)}
                    <Link
                      href={`/admin/audit?target=${encodeURIComponent(a.id)}`}
                      className="block text-xs font-medium text-brand-700 hover:underline"
                      aria-label={`Audit history of ${a.name}`}
                    >
                      History
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedList>
    </div>
  );
}
