import type { ProductSummary } from '@/lib/products/product-summary';
import { ProductCard } from './product-card';

// The catalog's and the home page's cards, inside their client views
// (docs/adr/0014-page-markup-in-client-views.md).
export function ProductGrid({ products }: { products: ProductSummary[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p) => (
        <ProductCard key={p.slug} product={p} />
      ))}
    </div>
  );
}
