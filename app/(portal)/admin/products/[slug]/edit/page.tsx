import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { NotAllowed } from '@/components/admin/not-allowed';
import { PageHeader } from '@/components/admin/page-header';
import { ProductForm } from '@/components/admin/product-form';
import { getAdminProduct } from '@/lib/products/admin-products';
import { requireAdmin } from '@/lib/auth/require-admin';
import { maxOpenApiBytes } from '@/lib/products/openapi';
import { db } from '@/lib/db';
import { isDomainError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Edit API product · Admin' };

export default async function EditProductPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const check = await requireAdmin(`/admin/products/${encodeURIComponent(slug)}/edit`);
  if (!check.ok) return <NotAllowed user={check.user} />;
  const product = await getAdminProduct(db(), slug).catch((err: unknown) => {
    if (isDomainError(err, 'not_found')) notFound();
    throw err;
  });
  return (
    <div className="space-y-6">
      <Breadcrumbs
        trail={[
          { href: '/admin/products', label: 'API products' },
          { href: `/admin/products/${encodeURIComponent(product.slug)}`, label: product.name },
        ]}
        current="Edit"
      />
      <PageHeader
        title={`Edit ${product.name}`}
        description="Catalog details, the approval rule and the OpenAPI document. The id, and so the scope, stays as it is."
      />
      <ProductForm product={product} maxBytes={maxOpenApiBytes()} />
    </div>
  );
}
