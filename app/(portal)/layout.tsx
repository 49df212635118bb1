import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { currentUser } from '@/lib/auth/current-user';
import { idpLogoutUrl } from '@/lib/auth/options';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <>
      <SiteHeader user={user} idpLogoutUrl={idpLogoutUrl()} />
      <main className="mx-auto max-w-6xl px-6 py-10">{children}</main>
    </>
  );
}
