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
import type { AppChoice } from '@/lib/apps/app-choices';
import type { PlanView } from '@/lib/plans/plan-view';
import type { ProductDetail } from '@/lib/products/get-product';
import type { VersionSummary } from '@/lib/versions/versions';

export interface ProductPageProps {
  product: ProductDetail;
  versions: { versions: VersionSummary[]; shown: VersionSummary | null; missing: boolean };
  plans: PlanView[];
  /** The signed-in user's apps that may subscribe, or null when nobody is signed in. */
  apps: AppChoice[] | null;
  secretReadable: boolean;
}

// The product page's markup, from what app/(portal)/apis/[slug]/page.tsx
// loaded. A client component so that the RSC payload carries these props,
// not the page's element tree (docs/adr/0014-page-markup-in-client-views.md).
export function ProductPageView({ product, versions, plans, apps, secretReadable }: ProductPageProps) {
  const signedIn = apps !== null;
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
        {signedIn && (
          <SubscribePanel apiProductId={product.apiProductId} approvalRequired={product.approvalRequired} apps={apps ?? []} plans={plans} />
        )}
      </Card>
      <ProductPlans plans={plans} />
      {signedIn && base ? (
        <TryIt productName={product.name} slug={product.slug} gatewayBase={base} apps={apps ?? []} secretReadable={secretReadable} />
      ) : !signedIn ? (
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
