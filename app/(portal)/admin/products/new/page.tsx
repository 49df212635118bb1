import type { Metadata } from 'next';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { NotAllowed } from '@/components/admin/not-allowed';
import { PageHeader } from '@/components/admin/page-header';
import { ProductForm } from '@/components/admin/product-form';
import { requireAdmin } from '@/lib/auth/require-admin';
import { maxOpenApiBytes } from '@/lib/products/openapi';

export const metadata: Metadata = { title: 'New API product · Admin' };

export default async function NewProductPage() {
  const check = await requireAdmin('/admin/products/new');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[{ href: '/admin/products', label: 'API products' }]} current="New" />
      <PageHeader
        title="Publish an API product"
        description="The identity provider learns the product’s scope first; then the product appears in the catalog."
      />
      <ProductForm maxBytes={maxOpenApiBytes()} />
    </div>
  );
}
