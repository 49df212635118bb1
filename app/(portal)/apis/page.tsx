import type { Metadata } from 'next';
import { ProductCard } from '@/components/catalog/product-card';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { db } from '@/lib/db';
import { listProducts } from '@/lib/products/list-products';

export const metadata: Metadata = { title: 'API catalog' };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const products = await listProducts(db(), q);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">API catalog</h1>
          <p className="mt-1 text-sm text-slate-600">Every API product you can subscribe an app to.</p>
        </div>
        <form role="search" className="flex w-full max-w-sm gap-2" action="/apis">
          <label htmlFor="q" className="sr-only">
            Search APIs
          </label>
          <Input id="q" name="q" type="search" placeholder="Search by name, id or description" defaultValue={q} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      </div>
      {products.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-12 text-center">
          <p className="font-medium text-slate-900">{q ? `No API matches “${q}”` : 'No API products are published yet'}</p>
          <p className="mt-1 text-sm text-slate-600">
            {q ? 'Try a shorter or different word.' : 'An admin publishes products from the admin console.'}
          </p>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {products.map((p) => (
            <ProductCard key={p.slug} product={p} />
          ))}
        </div>
      )}
    </div>
  );
}
