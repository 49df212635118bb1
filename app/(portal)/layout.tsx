import type { ReactNode } from 'react';
import { PortalFrame } from '@/components/layout/portal-frame';

// The signed-in part of the portal. The frame reads nothing of the reader, so
// the pages whose data the browser fetches (my apps, the admin lists) are the
// same for everyone with the same role and are kept (lib/server/cached-pages.ts).
export default function PortalLayout({ children }: { children: ReactNode }) {
  return <PortalFrame>{children}</PortalFrame>;
}
