import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NotAllowed } from '@/components/admin/not-allowed';
import { ProductsView } from '@/components/admin/products-view';
import { Loading } from '@/components/ui/states';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'API products · Admin' };

export default async function AdminProductsPage() {
  const check = await requireAdmin('/admin/products');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <Suspense fallback={<Loading />}>
      <ProductsView />
    </Suspense>
  );
}
