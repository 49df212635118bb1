'use client';

import Link from 'next/link';
import { OpenApiViewer } from '@/components/catalog/openapi-viewer';
import { ProductPlans } from '@/components/catalog/product-plans';
import { SubscribePanel } from '@/components/catalog/subscribe-panel';
import { TryIt } from '@/components/catalog/try-it';
import { Badge } from '@/components/ui/badge';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { DeprecationNotice, ProductChangelog } from '@/components/versions/product-changelog';
import { useQuery } from '@tanstack/react-query';
import { getAppChoices } from '@/lib/client/catalog';
import { queryKeys } from '@/lib/client/query-keys';
import { useSignedInUser } from '@/lib/client/use-signed-in-user';
import type { PlanView } from '@/lib/plans/plan-view';
import type { ProductDetail } from '@/lib/products/get-product';
import type { VersionSummary } from '@/lib/versions/versions';

export interface ProductPageProps {
  product: ProductDetail;
  versions: { versions: VersionSummary[]; shown: VersionSummary | null; missing: boolean };
  plans: PlanView[];
  secretReadable: boolean;
}

// The product page's markup, from what app/(catalog)/apis/[slug]/page.tsx
// loaded. A client component so that the RSC payload carries these props,
// not the page's element tree (docs/adr/0014-page-markup-in-client-views.md).
// The page is the same for every reader; the reader's apps, for the subscribe
// and try-it menus, come from the browser (docs/adr/0015-catalog-page-cache.md).
export function ProductPageView({ product, versions, plans, secretReadable }: ProductPageProps) {
  const { user } = useSignedInUser();
  const signedIn = !!user;
  const { data: apps } = useQuery({
    queryKey: queryKeys.apps.choices(product.slug),
    queryFn: () => getAppChoices(product.slug),
    enabled: signedIn,
  });
  const base = product.gatewayBase;
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/apis', label: 'API catalog' }]} current={product.name} />
      {product.sunset !== undefined && <DeprecationNotice name={product.name} sunset={product.sunset} />}
      <Card className="p-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{product.name}</h1>
            <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-600">{product.description}</p>
          </div>
          <div className="flex gap-2">
            <Badge>v{product.version}</Badge>
            {product.approvalRequired ? <Badge tone="amber">Approval required</Badge> : <Badge tone="green">Instant access</Badge>}
          </div>
        </div>
        <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">API product id</dt>
            <dd className="mt-1 font-mono text-slate-900">{product.apiProductId}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Scope in access tokens</dt>
            <dd className="mt-1 font-mono text-slate-900">{product.scope ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Operations</dt>
            <dd className="mt-1 text-slate-900">
              {product.operationCount}
              <span className="ml-3 text-slate-500">
                OpenAPI:{' '}
                <a href={`/apis/${encodeURIComponent(product.slug)}/openapi.json`} className="font-medium text-brand-700 hover:underline">
                  JSON
                </a>{' '}
                ·{' '}
                <a href={`/apis/${encodeURIComponent(product.slug)}/openapi.yaml`} className="font-medium text-brand-700 hover:underline">
                  YAML
                </a>
              </span>
            </dd>
          </div>
        </dl>
        {apps && (
          <SubscribePanel apiProductId={product.apiProductId} approvalRequired={product.approvalRequired} apps={apps} plans={plans} />
        )}
      </Card>
      <ProductPlans plans={plans} />
      {apps && base ? (
        <TryIt productName={product.name} slug={product.slug} gatewayBase={base} apps={apps} secretReadable={secretReadable} />
      ) : user === null ? (
        <Card className="p-6 text-sm text-slate-600">
          <Link href={`/signin?callbackUrl=/apis/${product.slug}`} className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>{' '}
          to subscribe an application and try this API.
        </Card>
      ) : null}
      <ProductChangelog slug={product.slug} {...versions} />
      <Card className="overflow-hidden">
        {/* The document is fetched by the renderer, not embedded in the page: it reaches the browser once. */}
        <OpenApiViewer
          url={`/apis/${encodeURIComponent(product.slug)}/openapi.json${versions.shown ? `?version=${versions.shown.number}` : ''}`}
        />
      </Card>
    </div>
  );
}
