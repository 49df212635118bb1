import type { Metadata } from 'next';
import { AppDetailView } from '@/components/apps/app-detail-view';
import { requireUser } from '@/lib/auth/require-user';
import { db } from '@/lib/db';
import { plansByProduct } from '@/lib/plans/list-plans';
import { catalogOptions } from '@/lib/products/catalog';

export const metadata: Metadata = { title: 'Application' };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireUser(`/apps/${id}`);
  const [catalog, plans] = await Promise.all([catalogOptions(db()), plansByProduct(db())]);
  return <AppDetailView id={id} catalog={catalog} plans={plans} />;
}
