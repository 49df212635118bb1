import type { Metadata } from 'next';
import { Suspense } from 'react';
import { UsersListView } from '@/components/admin/users-list-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { Loading } from '@/components/ui/states';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Users · Admin' };

export default async function AdminUsersListPage() {
  const check = await requireAdmin('/admin/users');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <Suspense fallback={<Loading />}>
      <UsersListView />
    </Suspense>
  );
}
