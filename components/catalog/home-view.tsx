'use client';

import Link from 'next/link';
import { ProductGrid } from '@/components/catalog/product-grid';
import { ButtonLink } from '@/components/ui/button';
import { useSignedInUser } from '@/lib/client/use-signed-in-user';
import type { ProductSummary } from '@/lib/products/product-summary';

const steps = [
  { title: 'Find an API', body: 'Browse the catalog and read each product’s reference.' },
  { title: 'Create an app', body: 'Get a client id and a secret, shown once, from your company’s IdP.' },
  { title: 'Subscribe and call', body: 'Your token carries the product’s scope; the gateway lets you in.' },
];

// The home page's markup, from what app/(catalog)/page.tsx loaded. A client
// component so that the RSC payload carries these props, not the page's
// element tree (docs/adr/0014-page-markup-in-client-views.md).
export function HomeView({ products }: { products: ProductSummary[] }) {
  // The page is the same for every reader (docs/adr/0015-catalog-page-cache.md): "Sign in" shows once the browser knows nobody is.
  const { user } = useSignedInUser();
  return (
    <div className="space-y-14">
      <section className="rounded-2xl bg-gradient-to-br from-brand-600 to-indigo-800 px-10 py-14 text-white shadow-lg">
        <p className="text-sm font-medium text-brand-100">Lanyard developer portal</p>
        <h1 className="mt-2 max-w-2xl text-4xl font-semibold tracking-tight">Credentials that work the moment you get them.</h1>
        <p className="mt-4 max-w-2xl text-brand-100">
          Sign in with your company account, subscribe an app to an API product and leave with OAuth client credentials whose tokens the
          gateway accepts.
        </p>
        <div className="mt-8 flex gap-3">
          <ButtonLink href="/apis" variant="secondary" size="lg">
            Browse APIs
          </ButtonLink>
          {user === null && (
            <ButtonLink href="/signin" size="lg" className="bg-white/10 ring-1 ring-white/30 hover:bg-white/20">
              Sign in
            </ButtonLink>
          )}
        </div>
      </section>
      <section className="grid gap-6 sm:grid-cols-3">
        {steps.map((step, i) => (
          <div key={step.title}>
            <div className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
              {i + 1}
            </div>
            <h2 className="mt-3 font-semibold">{step.title}</h2>
            <p className="mt-1 text-sm text-slate-600">{step.body}</p>
          </div>
        ))}
      </section>
      <section className="space-y-4">
        <div className="flex items-baseline justify-between gap-4">
          <h2 className="text-lg font-semibold">Recently updated APIs</h2>
          <Link href="/apis" className="text-sm font-medium text-brand-700 hover:underline">
            See the whole catalog →
          </Link>
        </div>
        <ProductGrid products={products} />
      </section>
    </div>
  );
}
