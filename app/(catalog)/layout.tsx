import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { idpLogoutUrl } from '@/lib/auth/options';

// The public catalog pages (home, catalog, product pages) read nothing of
// their reader: each is rendered once for everyone and kept (server.ts,
// lib/server/page-cache.ts, docs/adr/0015-catalog-page-cache.md). The header,
// and what a page shows its reader alone, come from the browser.
export default function CatalogLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader idpLogoutUrl={idpLogoutUrl()} />
      <main className="mx-auto max-w-6xl px-6 py-10">{children}</main>
    </>
  );
}
