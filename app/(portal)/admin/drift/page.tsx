import type { Metadata } from 'next';
import { DriftView } from '@/components/admin/drift-view';
import { NotAllowed } from '@/components/admin/not-allowed';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Drift · Admin' };

export default async function DriftPage() {
  const check = await requireAdmin('/admin/drift');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <DriftView />;
}
