import Link from 'next/link';
import type { ProductSummary } from '@/lib/products/product-summary';
import { Badge } from '@/components/ui/badge';

export function ProductCard({ product }: { product: ProductSummary }) {
  return (
    <Link
      href={`/apis/${product.slug}`}
      className="group flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow-md"
      data-testid="product-card"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="font-semibold text-slate-900 group-hover:text-brand-700">{product.name}</h3>
        <Badge>v{product.version}</Badge>
      </div>
      <p className="mt-2 line-clamp-3 flex-1 text-sm leading-6 text-slate-600">{product.description}</p>
      <div className="mt-4 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{product.apiProductId}</code>
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
            <li key={tag} className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
              {tag}
            </li>
          ))}
          {product.tags.length > 4 && <li className="text-xs text-slate-500">+{product.tags.length - 4}</li>}
        </ul>
      )}
    </Link>
  );
}
