import type { Metadata } from 'next';
import { NotAllowed } from '@/components/admin/not-allowed';
import { OverviewView } from '@/components/admin/overview-view';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Admin' };

// A shell: the view fetches the figures (GET /api/admin/overview), so the page is kept (lib/server/cached-pages.ts).
export default async function AdminOverviewPage() {
  const check = await requireAdmin('/admin');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <OverviewView />;
}
