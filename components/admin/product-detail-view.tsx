'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { StatusBadge } from '@/components/apps/status-badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink, buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading, Notice } from '@/components/ui/states';
import { ApiClientError } from '@/lib/client/api';
import { formatDateTime, plural } from './format';
import { PlansCard, RateLimitDownloads } from './plans-card';
import { ProductCallsCard } from './product-calls-card';
import { DeprecationCard } from '@/components/versions/deprecation-card';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { AdminProductDetail } from '@/lib/products/admin-products';

export function ProductDetailView({ slug }: { slug: string }) {
  const product = useQuery({
    queryKey: queryKeys.admin.product(slug),
    queryFn: () => adminApi.getProduct(slug),
    retry: false,
  });
  const [deleting, setDeleting] = useState(false);

  if (product.isPending) return <Loading label="Loading the product…" />;
  if (product.isError) {
    return product.error instanceof ApiClientError && product.error.status === 404 ? (
      <EmptyState
        title="Product not found"
        action={
          <ButtonLink href="/admin/products" variant="secondary">
            All products
          </ButtonLink>
        }
      >
        It may have been deleted.
      </EmptyState>
    ) : (
      <ErrorState message={product.error.message} onRetry={() => void product.refetch()} />
    );
  }
  const p = product.data;
  const facts: [string, ReactNode][] = [
    [
      'API product id',
      <code key="id" className="font-mono">
        {p.apiProductId}
      </code>,
    ],
    [
      'Scope (recorded at publishing)',
      <code key="scope" className="font-mono">
        {p.scope ?? '—'}
      </code>,
    ],
    ['OpenAPI', `${p.openapiTitle || 'Untitled'} · OpenAPI ${p.openapiVersion} · ${plural(p.operationCount, 'operation')}`],
    ['Published', formatDateTime(p.createdAt)],
    ['Last changed', formatDateTime(p.updatedAt)],
  ];
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/admin/products', label: 'API products' }]} current={p.name} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{p.name}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{p.description || 'No description.'}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Badge>v{p.version}</Badge>
            {p.approvalRequired ? <Badge tone="amber">Approval required</Badge> : <Badge tone="green">Instant access</Badge>}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/apis/${encodeURIComponent(p.slug)}`} variant="ghost">
            View in catalog
          </ButtonLink>
          <ButtonLink href={`/admin/products/${encodeURIComponent(p.slug)}/edit`} variant="secondary">
            Edit
          </ButtonLink>
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </div>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="p-6">
          <h2 className="text-lg font-semibold">Details</h2>
          <dl className="mt-4 grid gap-3 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="grid gap-1 sm:grid-cols-[13rem_1fr]">
                <dt className="text-slate-500">{label}</dt>
                <dd className="text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <GatewayPolicyCard slug={p.slug} />
      </div>

      <PlansCard productRef={p.slug} productName={p.name} />

      <Card className="p-6" aria-labelledby="subscribers-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="subscribers-title" className="text-lg font-semibold">
            Subscribed applications
          </h2>
          <p className="text-sm text-slate-500">
            {p.subscriptions.approved} approved · {p.subscriptions.pending} pending · {p.subscriptions.rejected} rejected
          </p>
        </div>
        {p.subscribers.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No application has subscribed yet.</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {p.subscribers.map((s) => (
              <li key={s.subscriptionId} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <span className="font-medium text-slate-900">{s.app.name}</span>
                <span className="text-slate-500">{s.app.owner}</span>
                <span className="ml-auto">
                  <StatusBadge status={s.status} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ProductCallsCard productRef={p.slug} apiProductId={p.apiProductId} />
      <DeprecationCard productRef={p.slug} sunset={p.sunset} />
      <DeleteProductDialog product={p} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function GatewayPolicyCard({ slug }: { slug: string }) {
  const [namespace, setNamespace] = useState('');
  const [server, setServer] = useState('');
  const query = new URLSearchParams();
  if (namespace.trim()) query.set('namespace', namespace.trim());
  if (server.trim()) query.set('server', server.trim());
  const href = `/api/admin/products/${encodeURIComponent(slug)}/gateway-policy${query.size ? `?${query}` : ''}`;
  return (
    <Card className="p-6" aria-labelledby="policy-title">
      <h2 id="policy-title" className="text-lg font-semibold">
        Gateway policy
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A Gloo ExtAuthPolicy and its OPA module: the gateway admits a request only when the token carries this product’s scope.
      </p>
      <div className="mt-4 space-y-3">
        <Field id="policy-namespace" label="Namespace" hint="Default: gloo-mesh">
          <Input id="policy-namespace" value={namespace} onChange={(e) => setNamespace(e.target.value)} placeholder="gloo-mesh" />
        </Field>
        <Field id="policy-server" label="ExtAuthServer" hint="Default: ext-auth-server">
          <Input id="policy-server" value={server} onChange={(e) => setServer(e.target.value)} placeholder="ext-auth-server" />
        </Field>
        <a href={href} download className={buttonClass({ variant: 'secondary' }, 'w-full')} data-testid="download-gateway-policy">
          Download policy (YAML)
        </a>
        <RateLimitDownloads slug={slug} query={query} />
      </div>
    </Card>
  );
}

function DeleteProductDialog({ product, open, onClose }: { product: AdminProductDetail; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const n = product.subscribers.length;
  const remove = useMutation({
    mutationFn: () => adminApi.deleteProduct(product.slug, n > 0),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.admin.product(product.slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.products() });
      router.push('/admin/products');
      router.refresh();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={`Delete ${product.name}?`}>
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          The scope <code className="font-mono">{product.scope ?? product.apiProductId}</code> is removed from every client and from the
          identity provider, and the product leaves the catalog.
        </p>
        {n > 0 ? (
          <div>
            <Notice tone="warning">
              {plural(n, 'application')} {n === 1 ? 'is' : 'are'} subscribed.{' '}
              {n === 1 ? 'Its subscription ends' : 'Their subscriptions end'}, and new tokens no longer carry the scope.
            </Notice>
            <ul
              className="mt-3 max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200"
              aria-label="Subscribed applications"
            >
              {product.subscribers.map((s) => (
                <li key={s.subscriptionId} className="flex items-center gap-3 px-3 py-2">
                  <span className="font-medium text-slate-900">{s.app.name}</span>
                  <span className="text-slate-500">{s.app.owner}</span>
                  <span className="ml-auto">
                    <StatusBadge status={s.status} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-slate-500">No application is subscribed.</p>
        )}
        {remove.isError && <Notice tone="error">{remove.error.message}</Notice>}
        <div className="flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={onClose} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : n ? `Delete and end ${plural(n, 'subscription')}` : 'Delete product'}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
