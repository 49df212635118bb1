import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditView } from '@/components/admin/audit-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { Loading } from '@/components/ui/states';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Audit log · Admin' };

export default async function AuditPage() {
  const check = await requireAdmin('/admin/audit');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return (
    <Suspense fallback={<Loading />}>
      <AuditView />
    </Suspense>
  );
}
