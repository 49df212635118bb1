import type { Metadata } from 'next';
import { CatalogView } from '@/components/catalog/catalog-view';
import { db } from '@/lib/db';
import { catalogQueryFrom, catalogTags, listCatalog, type UrlParams } from '@/lib/products/catalog';

export const metadata: Metadata = { title: 'API catalog' };

// Search, filters, sort and page all live in the URL (/apis?q=&tag=&approval=&sort=&page=):
// the page is rendered on the server from it, one page of summaries at a time
// (docs/architecture.md, "Catalog and lists at scale").
export default async function CatalogPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const query = catalogQueryFrom(await searchParams);
  const [page, tags] = await Promise.all([listCatalog(db(), query), catalogTags(db())]);
  return <CatalogView query={query} page={page} tags={tags} />;
}
