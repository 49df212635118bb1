import type { Metadata } from 'next';
import { InboxView } from '@/components/notifications/inbox-view';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  await requireUser('/notifications');
  return <InboxView />;
}
