'use client';

import { CatalogFilters } from '@/components/catalog/catalog-filters';
import { CatalogPager } from '@/components/catalog/catalog-pager';
import { ProductGrid } from '@/components/catalog/product-grid';
import { ButtonLink } from '@/components/ui/button';
import type { Page } from '@/lib/pagination';
import type { CatalogTag } from '@/lib/products/catalog';
import { catalogHref } from '@/lib/products/catalog-href';
import type { ProductSummary } from '@/lib/products/product-summary';
import type { CatalogQuery } from '@/lib/products/schemas';

// The catalog's markup, from the page app/(catalog)/apis/page.tsx loaded. A
// client component so that the RSC payload carries these props, not the
// page's element tree (docs/adr/0014-page-markup-in-client-views.md).
export function CatalogView({ query, page, tags }: { query: CatalogQuery; page: Page<ProductSummary>; tags: CatalogTag[] }) {
  const filtered = !!(query.q || query.tag || query.approval);
  const first = (page.page - 1) * page.pageSize + 1;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API catalog</h1>
        <p className="mt-1 text-sm text-slate-600">Every API product you can subscribe an app to.</p>
      </div>
      <CatalogFilters query={query} tags={tags} />
      {page.total === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center">
          <p className="font-medium text-slate-900">
            {filtered ? (query.q ? `No API matches “${query.q}”` : 'No API matches these filters') : 'No API products are published yet'}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? 'Try a shorter or different word, or fewer filters.' : 'An admin publishes products from the admin console.'}
          </p>
        </div>
      ) : page.items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center">
          <p className="font-medium text-slate-900">There is no page {page.page.toLocaleString('en-US')}</p>
          <ButtonLink href={catalogHref(query, 1)} variant="secondary" className="mt-4">
            Go to the first page
          </ButtonLink>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-600" data-testid="catalog-summary" aria-live="polite">
            Showing{' '}
            <strong className="font-medium text-slate-900">
              {first.toLocaleString('en-US')}–{(first + page.items.length - 1).toLocaleString('en-US')}
            </strong>{' '}
            of <strong className="font-medium text-slate-900">{page.total.toLocaleString('en-US')}</strong> API
            {page.total === 1 ? '' : 's'}
          </p>
          <ProductGrid products={page.items} />
          <CatalogPager page={page} href={(n) => catalogHref(query, n)} />
        </>
      )}
    </div>
  );
}
