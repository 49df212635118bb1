import type { Metadata } from 'next';
import { TeamsView } from '@/components/teams/teams-view';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  await requireUser('/teams');
  return <TeamsView />;
}
