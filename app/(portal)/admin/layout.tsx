import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { usesEmbeddedSignIn } from '@/lib/people/embedded-only';
import { currentUser } from '@/lib/auth/current-user';

// The admin console's frame. It shows the admin navigation to admins only;
// each page still checks the role itself (requireAdmin) before reading data,
// since a layout is not re-run on every navigation.

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (user?.role !== 'admin') return <>{children}</>;
  return (
    <div className="grid gap-8 lg:grid-cols-[12rem_minmax(0,1fr)]">
      <aside>
        <AdminNav embeddedIdp={usesEmbeddedSignIn()} />
      </aside>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
