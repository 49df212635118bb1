import type { Metadata } from 'next';
import Link from 'next/link';
import { NotAllowed } from '@/components/admin/not-allowed';
import { PageHeader } from '@/components/admin/page-header';
import { ProductForm } from '@/components/admin/product-form';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'New API product · Admin' };

export default async function NewProductPage() {
  const check = await requireAdmin('/admin/products/new');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-500" aria-label="Breadcrumb">
        <Link href="/admin/products" className="hover:text-slate-900">
          API products
        </Link>{' '}
        / <span className="text-slate-900">New</span>
      </nav>
      <PageHeader
        title="Publish an API product"
        description="The identity provider learns the product’s scope first; then the product appears in the catalog."
      />
      <ProductForm />
    </div>
  );
}
