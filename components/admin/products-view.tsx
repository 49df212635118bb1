'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { formatDate } from './format';
import { Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';

export function ProductsView() {
  const products = useQuery({ queryKey: queryKeys.admin.products(), queryFn: () => adminApi.listProducts() });
  return (
    <div className="space-y-6">
      <PageHeader
        title="API products"
        description="Each product has an OAuth scope in the identity provider; subscribed applications get it in their tokens."
        actions={<ButtonLink href="/admin/products/new">New product</ButtonLink>}
      />
      {products.isPending ? (
        <Loading label="Loading products…" />
      ) : products.isError ? (
        <ErrorState message={products.error.message} onRetry={() => void products.refetch()} />
      ) : products.data.length === 0 ? (
        <EmptyState title="No API products yet" action={<ButtonLink href="/admin/products/new">Publish your first product</ButtonLink>}>
          Publish a product with its OpenAPI document: the identity provider learns its scope and it appears in the catalog.
        </EmptyState>
      ) : (
        <Table label="API products">
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
            {products.data.map((p) => (
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
    </div>
  );
}
