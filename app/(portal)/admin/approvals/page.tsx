import type { Metadata } from 'next';
import { ApprovalsView } from '@/components/admin/approvals-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Approvals · Admin' };

export default async function ApprovalsPage() {
  const check = await requireAdmin('/admin/approvals');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <ApprovalsView />;
}
