import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { idpLogoutUrl } from '@/lib/auth/options';

// The header and the page's column, for the catalog's pages and the rest of
// the portal alike. It reads nothing of the reader: the header asks the
// browser who is signed in, so that a page can be rendered once for everyone
// with the same role and kept (docs/adr/0015-catalog-page-cache.md).
export function PortalFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader idpLogoutUrl={idpLogoutUrl()} />
      <main className="mx-auto max-w-6xl px-6 py-10">{children}</main>
    </>
  );
}
