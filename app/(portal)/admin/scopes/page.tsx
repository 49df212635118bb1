import type { Metadata } from 'next';
import { NotAllowed } from '@/components/admin/not-allowed';
import { ScopesView } from '@/components/admin/scopes-view';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Scopes · Admin' };

export default async function ScopesPage() {
  const check = await requireAdmin('/admin/scopes');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <ScopesView />;
}
