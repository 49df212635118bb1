import Link from 'next/link';
import type { ProductSummary } from '@/lib/products/product-summary';
import { Badge } from '@/components/ui/badge';

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <Link href={`/apis/${product.slug}`} className="product-card group" data-testid="product-card">
      <div className="flex items-start justify-between gap-3">
        <h3 className="product-card-title">{product.name}</h3>
        <Badge>v{product.version}</Badge>
      </div>
      <p className="product-card-description">{product.description}</p>
      <div className="product-card-facts">
        <code className="product-card-id">{product.apiProductId}</code>
        <span>·</span>
        <span>
          {product.operationCount} operation{product.operationCount === 1 ? '' : 's'}
        </span>
        {product.approvalRequired && <Badge tone="amber">Approval required</Badge>}
        {product.sunset !== undefined && <Badge tone="red">Deprecated{product.sunset && `: ends ${product.sunset}`}</Badge>}
      </div>
      {product.tags.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
          {product.tags.slice(0, 4).map((tag) => (
            <li key={tag} className="product-card-tag">
              {tag}
            </li>
          ))}
          {product.tags.length > 4 && <li className="text-xs text-slate-500">+{product.tags.length - 4}</li>}
        </ul>
      )}
    </Link>
  );
}
