import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SubscriptionsListView } from '@/components/admin/subscriptions-list-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { Loading } from '@/components/ui/states';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Subscriptions · Admin' };

export default async function AdminSubscriptionsListPage() {
  const check = await requireAdmin('/admin/subscriptions');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <Suspense fallback={<Loading />}>
      <SubscriptionsListView />
    </Suspense>
  );
}
