import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OpenApiViewer } from '@/components/catalog/openapi-viewer';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { db } from '@/lib/db';
import { getProductBySlug } from '@/lib/products/get-product';
import { SubscribePanel } from '@/components/catalog/subscribe-panel';
import { ProductPlans } from '@/components/catalog/product-plans';
import { plansOfProduct } from '@/lib/plans/list-plans';
import { TryIt } from '@/components/catalog/try-it';
import { currentUser } from '@/lib/auth/current-user';
import { appChoices } from '@/lib/apps/app-choices';
import { idp } from '@/lib/idp';
import { DeprecationNotice, ProductChangelog } from '@/components/versions/product-changelog';
import { shownVersion } from '@/lib/versions/shown-version';
import { cache } from 'react';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string }> };

// The title and the page read the product once between them.
const productFor = cache((slug: string) => getProductBySlug(db(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await productFor((await params).slug))?.name ?? 'API not found' };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await productFor((await params).slug);
  if (!product) notFound();
  const user = await currentUser();
  const [versions, plans, apps] = await Promise.all([
    // ?version=N shows that version's document; the changelog lists them all.
    searchParams.then((q) => shownVersion(db(), product, q.version)),
    plansOfProduct(db(), product.id),
    user ? appChoices(db(), user.id, product.id) : [],
  ]);
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
        {user && (
          <SubscribePanel apiProductId={product.apiProductId} approvalRequired={product.approvalRequired} apps={apps} plans={plans} />
        )}
      </Card>
      <ProductPlans plans={plans} />
      {user && base ? (
        <TryIt productName={product.name} slug={product.slug} gatewayBase={base} apps={apps} secretReadable={!!idp().readClientSecret} />
      ) : !user ? (
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
