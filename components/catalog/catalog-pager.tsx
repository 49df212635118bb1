import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import type { Page } from '@/lib/pagination';

// Pages of the catalog as plain links: /apis?…&page=n, so they work without JavaScript.

export function CatalogPager({ page, href }: { page: Omit<Page<unknown>, 'items'>; href: (page: number) => string }) {
  if (page.pageCount <= 1) return null;
  const link = (n: number, label: string, rel: 'prev' | 'next') =>
    n < 1 || n > page.pageCount ? (
      <span aria-disabled="true" className={buttonClass({ variant: 'secondary', size: 'sm' }, 'pointer-events-none opacity-50')}>
        {label}
      </span>
    ) : (
      <Link href={href(n)} rel={rel} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
        {label}
      </Link>
    );
  return (
    <nav aria-label="Catalog pages" className="flex items-center justify-center gap-3 text-sm text-slate-600">
      {link(page.page - 1, 'Previous', 'prev')}
      <span className="tabular-nums" data-testid="catalog-page">
        Page {page.page.toLocaleString('en-US')} of {page.pageCount.toLocaleString('en-US')}
      </span>
      {link(page.page + 1, 'Next', 'next')}
    </nav>
  );
}
