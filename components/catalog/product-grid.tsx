'use client';

import type { ProductSummary } from '@/lib/products/product-summary';
import { ProductCard } from './product-card';

// The catalog's and the home page's cards. A client component on purpose:
// the page's RSC payload then carries each product's summary fields, about
// 350 bytes a card, instead of each card's rendered element tree, about
// 1,300 (docs/architecture.md, "Catalog and lists at scale"). The HTML is the same.
export function ProductGrid({ products }: { products: ProductSummary[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p) => (
        <ProductCard key={p.slug} product={p} />
      ))}
    </div>
  );
}
