import type { Metadata } from 'next';
import { TeamView } from '@/components/teams/team-view';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/teams/${id}`);
  return <TeamView id={id} viewerId={user.id} />;
}
