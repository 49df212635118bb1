import type { Metadata } from 'next';
import { CatalogFilters } from '@/components/catalog/catalog-filters';
import { CatalogPager } from '@/components/catalog/catalog-pager';
import { ProductGrid } from '@/components/catalog/product-grid';
import { ButtonLink } from '@/components/ui/button';
import { db } from '@/lib/db';
import { catalogHref, catalogQueryFrom, catalogTags, listCatalog, type UrlParams } from '@/lib/products/catalog';

export const metadata: Metadata = { title: 'API catalog' };

// Search, filters, sort and page all live in the URL (/apis?q=&tag=&approval=&sort=&page=):
// the page is rendered on the server from it, one page of summaries at a time
// (docs/architecture.md, "Catalog and lists at scale").
export default async function CatalogPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const query = catalogQueryFrom(await searchParams);
  const [page, tags] = await Promise.all([listCatalog(db(), query), catalogTags(db())]);
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
