import type { Metadata } from 'next';
import { AppsView } from '@/components/apps/apps-view';
import { requireUser } from '@/lib/auth/require-user';
import { idp } from '@/lib/idp';

export const metadata: Metadata = { title: 'My apps' };

export default async function AppsPage() {
  await requireUser('/apps');
  // What the IdP cannot do, shown in the create dialog before anyone chooses it.
  return <AppsView limits={idp().features().limits} />;
}
