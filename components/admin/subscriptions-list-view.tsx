'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { StatusBadge } from '@/components/apps/status-badge';
import { STATUS_OPTIONS, useProductOptions } from './filter-options';
import { formatDate, formatDateTime } from './format';
import { FilterBar, PagedList, SearchFilter, SelectFilter, Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { useUrlFilters } from './use-url-filters';

const KEYS = ['q', 'status', 'product', 'owner'] as const;

export function SubscriptionsListView() {
  const f = useUrlFilters(KEYS);
  const products = useProductOptions();
  const subs = useQuery({
    queryKey: queryKeys.admin.list('subscriptions', f.apiQuery),
    queryFn: () => adminApi.listAllSubscriptions(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-6">
      <PageHeader title="Subscriptions" description="Every application’s subscriptions, with who asked, who decided and why." />
      <FilterBar active={f.active} onClear={() => f.set({ q: null, status: null, product: null, owner: null })}>
        <SearchFilter label="Search" value={f.values.q} onChange={(q) => f.set({ q })} placeholder="Application or product name" />
        <SelectFilter label="Status" value={f.values.status} onChange={(status) => f.set({ status })} options={STATUS_OPTIONS} />
        <SelectFilter label="Product" value={f.values.product} onChange={(product) => f.set({ product })} options={products} />
        <SearchFilter
          label="Owner"
          value={f.values.owner}
          onChange={(owner) => f.set({ owner })}
          placeholder="Email or team"
          className="max-w-56"
        />
      </FilterBar>
      <PagedList
        list={subs}
        filters={f}
        noun="subscriptions"
        empty={{
          none: 'No subscriptions yet',
          noneHint: 'Subscriptions appear here when applications subscribe to products.',
          noMatch: 'No subscription matches',
          noMatchHint: 'Try fewer or different filters.',
        }}
      >
        {(items, busy) => (
          <Table label="Subscriptions" busy={busy}>
            <thead>
              <tr>
                <Th>Application</Th>
                <Th>Product</Th>
                <Th>Status</Th>
                <Th>Asked</Th>
                <Th>Decision</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((s) => (
                <tr key={s.id}>
                  <Td>
                    <div className="font-medium text-slate-900">{s.app.name}</div>
                    <div className="text-xs text-slate-500">{s.app.owner}</div>
                  </Td>
                  <Td>
                    <Link href={`/admin/products/${encodeURIComponent(s.product.slug)}`} className="hover:text-brand-700 hover:underline">
                      {s.product.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{s.product.apiProductId}</div>
                  </Td>
                  <Td>
                    <StatusBadge status={s.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <div>{formatDate(s.createdAt)}</div>
                    <div className="text-xs text-slate-500">{s.requestedBy ?? 'unknown'}</div>
                  </Td>
                  <Td className="max-w-xs">
                    {s.decidedAt ? (
                      <>
                        <div className="text-xs text-slate-500">
                          {s.decidedBy ?? 'an admin'} · {formatDateTime(s.decidedAt)}
                        </div>
                        {s.reason && <div className="mt-0.5 text-slate-700">“{s.reason}”</div>}
                      </>
                    ) : s.status === 'pending' ? (
                      <Link href="/admin/approvals" className="text-sm font-medium text-brand-700 hover:underline">
                        Decide
                      </Link>
                    ) : (
                      <span className="text-xs text-slate-500">Granted on subscribing</span>
                    )}
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
