import type { Metadata } from 'next';
import { NotAllowed } from '@/components/admin/not-allowed';
import { OverviewView } from '@/components/admin/overview-view';
import { adminOverview } from '@/lib/overview/admin-overview';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminOverviewPage() {
  const check = await requireAdmin('/admin');
  if (!check.ok) return <NotAllowed user={check.user} />;
  return <OverviewView overview={await adminOverview(db())} />;
}
