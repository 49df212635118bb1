import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AppsListView } from '@/components/admin/apps-list-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { Loading } from '@/components/ui/states';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Applications · Admin' };

export default async function AdminAppsListPage() {
  const check = await requireAdmin('/admin/apps');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <Suspense fallback={<Loading />}>
      <AppsListView />
    </Suspense>
  );
}
