'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { formatDate } from './format';
import { FilterBar, PagedList, SearchFilter, Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import { useUrlFilters } from './use-url-filters';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';

const KEYS = ['q'] as const;

export function ProductsView() {
  const f = useUrlFilters(KEYS);
  const products = useQuery({
    queryKey: queryKeys.admin.list('products', f.apiQuery),
    queryFn: () => adminApi.listProducts(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title="API products"
        description="Each product has an OAuth scope in the identity provider; subscribed applications get it in their tokens."
        actions={<ButtonLink href="/admin/products/new">New product</ButtonLink>}
      />
      <FilterBar active={f.active} onClear={() => f.set({ q: null })}>
        <SearchFilter label="Search" value={f.values.q} onChange={(q) => f.set({ q })} placeholder="Name or id" />
      </FilterBar>
      <PagedList
        list={products}
        filters={f}
        noun="products"
        empty={{
          none: 'No API products yet',
          noneHint: (
            <>
              Publish a product with its OpenAPI document: the identity provider learns its scope and it appears in the catalog.{' '}
              <Link href="/admin/products/new" className="font-medium text-brand-700 hover:underline">
                Publish your first product
              </Link>
            </>
          ),
          noMatch: 'No product matches',
          noMatchHint: 'Try a different search.',
        }}
      >
        {(items, busy) => (
          <Table label="API products" busy={busy}>
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Scope</Th>
                <Th>Version</Th>
                <Th>Access</Th>
                <Th className="text-right">Subscriptions</Th>
                <Th>Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50" data-testid={`product-row-${p.apiProductId}`}>
                  <Td>
                    <Link
                      href={`/admin/products/${encodeURIComponent(p.slug)}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {p.name}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{p.apiProductId}</div>
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{p.scope ?? '—'}</code>
                  </Td>
                  <Td>v{p.version}</Td>
                  <Td>{p.approvalRequired ? <Badge tone="amber">Approval required</Badge> : <Badge tone="green">Instant</Badge>}</Td>
                  <Td className="text-right tabular-nums">
                    {p.subscriptions.approved}
                    {p.subscriptions.pending > 0 && <span className="ml-2 text-amber-700">+{p.subscriptions.pending} pending</span>}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-500">{formatDate(p.updatedAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedList>
    </div>
  );
}
