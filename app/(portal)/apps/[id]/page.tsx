import type { Metadata } from 'next';
import { AppDetailView } from '@/components/apps/app-detail-view';
import { requireUser } from '@/lib/auth/require-user';
import { db } from '@/lib/db';
import { plansByProduct } from '@/lib/plans/list-plans';
import { listProducts } from '@/lib/products/list-products';

export const metadata: Metadata = { title: 'Application' };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/apps/${id}`);
  const catalog = (await listProducts(db())).map((p) => ({
    apiProductId: p.apiProductId,
    name: p.name,
    approvalRequired: p.approvalRequired,
  }));
  return <AppDetailView id={id} catalog={catalog} plans={await plansByProduct(db())} />;
}
