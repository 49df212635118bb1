'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/cn';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';

const items = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/products', label: 'API products' },
  { href: '/admin/scopes', label: 'Scopes' },
  { href: '/admin/approvals', label: 'Approvals', badge: true },
  { href: '/admin/apps', label: 'Applications' },
  { href: '/admin/subscriptions', label: 'Subscriptions' },
  { href: '/admin/usage', label: 'Usage' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/people', label: 'People', embeddedOnly: true },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/drift', label: 'Drift' },
  { href: '/admin/tokens', label: 'Service tokens' },
];

export function AdminNav({ embeddedIdp }: { embeddedIdp: boolean }) {
  const pathname = usePathname();
  const pending = useQuery({ queryKey: queryKeys.admin.approvals(), queryFn: () => adminApi.listApprovals(), staleTime: 10_000 });
  return (
    <nav aria-label="Admin" className="lg:sticky lg:top-6">
      <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Admin console</p>
      <ul className="mt-2 flex flex-wrap gap-1 lg:flex-col">
        {items
          .filter((item) => embeddedIdp || !item.embeddedOnly)
          .map((item) => {
            const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
            const count = item.badge ? (pending.data?.total ?? 0) : 0;
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm font-medium',
                    active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                  )}
                >
                  {item.label}
                  {count > 0 && (
                    <span
                      className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800"
                      aria-label={`${count} pending`}
                    >
                      {count}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
