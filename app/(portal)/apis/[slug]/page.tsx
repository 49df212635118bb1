import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ProductPageView } from '@/components/catalog/product-page-view';
import { appChoices } from '@/lib/apps/app-choices';
import { currentUser } from '@/lib/auth/current-user';
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
  const user = await currentUser();
  const [versions, plans, apps] = await Promise.all([
    // ?version=N shows that version's document; the changelog lists them all.
    searchParams.then((q) => shownVersion(db(), product, q.version)),
    plansOfProduct(db(), product.id),
    user ? appChoices(db(), user.id, product.id) : null,
  ]);
  return <ProductPageView product={product} versions={versions} plans={plans} apps={apps} secretReadable={!!idp().readClientSecret} />;
}
