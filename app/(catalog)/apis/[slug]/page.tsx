import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ProductPageView } from '@/components/catalog/product-page-view';
import { db } from '@/lib/db';
import { idp } from '@/lib/idp';
import { plansOfProduct } from '@/lib/plans/list-plans';
import { getProductBySlug } from '@/lib/products/get-product';
import { shownVersion } from '@/lib/versions/shown-version';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string }> };

// The title and the page read the product once between them.
const productFor = cache((slug: string) => getProductBySlug(db(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await productFor((await params).slug))?.name ?? 'API not found' };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await productFor((await params).slug);
  if (!product) notFound();
  const [versions, plans] = await Promise.all([
    // ?version=N shows that version's document; the changelog lists them all.
    searchParams.then((q) => shownVersion(db(), product, q.version)),
    plansOfProduct(db(), product.id),
  ]);
  // Nothing of the reader: the page is rendered once for everyone, and the
  // browser asks for the reader's apps (docs/adr/0015-catalog-page-cache.md).
  return <ProductPageView product={product} versions={versions} plans={plans} secretReadable={!!idp().readClientSecret} />;
}
