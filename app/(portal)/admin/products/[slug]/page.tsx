import type { Metadata } from 'next';
import { NotAllowed } from '@/components/admin/not-allowed';
import { ProductDetailView } from '@/components/admin/product-detail-view';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'API product · Admin' };

export default async function AdminProductPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const check = await requireAdmin(`/admin/products/${encodeURIComponent(slug)}`);
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <ProductDetailView slug={slug} />;
}
