'use client';

import Link from 'next/link';
import { portalNav } from '@/config/navigation';
import { useSignedInUser } from '@/lib/client/use-signed-in-user';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/ui/logo';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { SignOutButton } from './sign-out-button';

// The header of every page. Who is signed in comes from the browser (GET /api/account/me): the pages
// under it are rendered once for everyone with the same role and kept
// (docs/adr/0015-catalog-page-cache.md). Until it knows, the right side stays empty.
export function SiteHeader({ idpLogoutUrl }: { idpLogoutUrl?: string }) {
  const { user } = useSignedInUser();
  const items = portalNav.filter(
    (item) => item.audience === 'everyone' || (user && (item.audience === 'signed-in' || user.role === 'admin')),
  );
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-8 px-6">
        <Link href="/" aria-label="Lanyard home">
          <Logo />
        </Link>
        <nav aria-label="Main" className="flex gap-1">
          {items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3">
          {user === undefined ? (
            <div className="h-9" aria-hidden />
          ) : user ? (
            <>
              <NotificationBell />
              <Link href="/account" className="text-right leading-tight hover:opacity-80" data-testid="signed-in-user" title="Your account">
                <div className="text-sm font-medium text-slate-900">{user.name ?? user.email}</div>
                <div className="text-xs text-slate-500">{user.email}</div>
              </Link>
              <Badge tone={user.role === 'admin' ? 'brand' : 'neutral'}>{user.role === 'admin' ? 'Admin' : 'Consumer'}</Badge>
              <SignOutButton idpLogoutUrl={idpLogoutUrl} />
            </>
          ) : (
            <ButtonLink href="/signin" size="sm">
              Sign in
            </ButtonLink>
          )}
        </div>
      </div>
    </header>
  );
}
