import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AppsView } from '@/components/apps/apps-view';
import { Loading } from '@/components/ui/states';
import { requireUser } from '@/lib/auth/require-user';
import { idp } from '@/lib/idp';

export const metadata: Metadata = { title: 'My apps' };

export default async function AppsPage() {
  await requireUser('/apps');
  // What the IdP cannot do, shown in the create dialog before anyone chooses it.
  return (
    <Suspense fallback={<Loading label="Loading your applications…" />}>
      <AppsView limits={idp().features().limits} />
    </Suspense>
  );
}
