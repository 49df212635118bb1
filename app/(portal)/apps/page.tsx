import type { Metadata } from 'next';
import { AppsView } from '@/components/apps/apps-view';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'My apps' };

export default async function AppsPage() {
  await requireUser('/apps');
  return <AppsView />;
}
