import type { ReactNode } from 'react';
import { PortalFrame } from '@/components/layout/portal-frame';

// The public catalog pages (home, catalog, product pages) read nothing of
// their reader, not even in their pages: each is rendered once for everyone
// without cookies and kept (lib/server/cached-pages.ts, docs/adr/0015-catalog-page-cache.md).
export default function CatalogLayout({ children }: { children: ReactNode }) {
  return <PortalFrame>{children}</PortalFrame>;
}
