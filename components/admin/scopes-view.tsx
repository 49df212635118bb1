'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import type { ScopesView as Scopes } from '@/lib/drift/scopes-view';

type Holder = Scopes['rows'][number]['holders'][number];

function Holders({ holders }: { holders: Holder[] }) {
  if (!holders.length) return <span className="text-slate-400">no client</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {holders.map((h) => (
        <li key={h.clientId}>
          {h.app ? (
            <Badge tone="brand" className="max-w-64 truncate">
              <span title={`${h.app.owner} · client ${h.clientId}`}>{h.app.name}</span>
            </Badge>
          ) : (
            <Badge tone="red">
              <span title={`client ${h.clientId}`}>{h.clientName} (no app)</span>
            </Badge>
          )}
        </li>
      ))}
    </ul>
  );
}

export function ScopesView() {
  const scopes = useQuery({ queryKey: queryKeys.admin.scopes(), queryFn: () => adminApi.getScopes() });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Scopes"
        description="Each product’s scope as the identity provider reports it, and the applications whose clients hold it, read from the IdP itself."
        actions={
          <Button variant="secondary" onClick={() => void scopes.refetch()} disabled={scopes.isFetching}>
            {scopes.isFetching ? 'Reading the IdP…' : 'Refresh'}
          </Button>
        }
      />
      {scopes.isPending ? (
        <Loading label="Asking the identity provider…" />
      ) : scopes.isError ? (
        <ErrorState message={scopes.error.message} onRetry={() => void scopes.refetch()} />
      ) : scopes.data.rows.length === 0 ? (
        <EmptyState title="The IdP knows no product scopes yet">Publish a product and its scope appears here.</EmptyState>
      ) : (
        <>
          <Table label="Product scopes">
            <thead>
              <tr>
                <Th>Product</Th>
                <Th>Scope in the IdP ({scopes.data.idp})</Th>
                <Th>Held by</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {scopes.data.rows.map((r) => (
                <tr key={r.apiProductId} data-testid={`scope-row-${r.apiProductId}`}>
                  <Td>
                    {r.product ? (
                      <Link
                        href={`/admin/products/${encodeURIComponent(r.product.slug)}`}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {r.product.name}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900">Not in the portal</span>
                    )}
                    <div className="font-mono text-xs text-slate-500">{r.apiProductId}</div>
                  </Td>
                  <Td>
                    {r.idpScope ? (
                      <code className="font-mono text-xs text-slate-900">{r.idpScope}</code>
                    ) : (
                      <Badge tone="red">missing in the IdP</Badge>
                    )}
                    {r.idpScope && r.portalScope && r.portalScope !== r.idpScope && (
                      <div className="mt-1 text-xs text-amber-800">portal recorded {r.portalScope}</div>
                    )}
                  </Td>
                  <Td>
                    <Holders holders={r.holders} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {scopes.data.unknownScopes.length > 0 && (
            <Card className="space-y-3 p-6">
              <h2 className="text-lg font-semibold">Scopes of no listed product</h2>
              <Notice tone="warning">Clients hold these scopes, but the IdP lists no product for them.</Notice>
              <ul className="space-y-2 text-sm">
                {scopes.data.unknownScopes.map((u) => (
                  <li key={u.scope} className="flex flex-wrap items-center gap-3">
                    <code className="font-mono">{u.scope}</code>
                    <Holders holders={u.holders} />
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <p className="text-sm text-slate-500">
            Something looks different from what the portal expects?{' '}
            <Link href="/admin/drift" className="font-medium text-brand-700 hover:underline">
              The drift report
            </Link>{' '}
            lists every difference and can fix it.
          </p>
        </>
      )}
    </div>
  );
}
