import type { Metadata } from 'next';
import { NotAllowed } from '@/components/admin/not-allowed';
import { UsageView } from '@/components/admin/usage-view';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Usage · Admin' };

export default async function AdminUsagePage() {
  const check = await requireAdmin('/admin/usage');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <UsageView />;
}
