import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotAllowed } from '@/components/admin/not-allowed';
import { PeopleView } from '@/components/admin/people-view';
import { requireAdmin } from '@/lib/auth/require-admin';
import { usesEmbeddedSignIn } from '@/lib/people/embedded-only';

export const metadata: Metadata = { title: 'People · Admin' };

export default async function PeoplePage() {
  const check = await requireAdmin('/admin/people');
  if (!check.ok) return <NotAllowed user={check.user} />;
  if (!usesEmbeddedSignIn()) notFound();
  return <PeopleView />;
}
