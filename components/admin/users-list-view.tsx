'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatDateTime } from './format';
import { FilterBar, PagedList, SearchFilter, SelectFilter, Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { useUrlFilters } from './use-url-filters';

const KEYS = ['q', 'role'] as const;
const ROLES = [
  { value: '', label: 'Any role' },
  { value: 'admin', label: 'Admins' },
  { value: 'consumer', label: 'Consumers' },
];

export function UsersListView() {
  const f = useUrlFilters(KEYS);
  const users = useQuery({
    queryKey: queryKeys.admin.list('users', f.apiQuery),
    queryFn: () => adminApi.listUsers(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        description="Everyone who has signed in. Roles come from the identity provider’s groups at each sign-in, so they are changed there."
      />
      <FilterBar active={f.active} onClear={() => f.set({ q: null, role: null })}>
        <SearchFilter label="Search" value={f.values.q} onChange={(q) => f.set({ q })} placeholder="Email or name" />
        <SelectFilter label="Role" value={f.values.role} onChange={(role) => f.set({ role })} options={ROLES} />
      </FilterBar>
      <PagedList
        list={users}
        filters={f}
        noun="users"
        empty={{
          none: 'No users yet',
          noneHint: 'People appear here after their first sign-in.',
          noMatch: 'No user matches',
          noMatchHint: 'Try a different search.',
        }}
      >
        {(items, busy) => (
          <Table label="Users" busy={busy}>
            <thead>
              <tr>
                <Th>User</Th>
                <Th>Role</Th>
                <Th>IdP groups</Th>
                <Th className="text-right">Apps</Th>
                <Th className="text-right">Teams</Th>
                <Th>Last sign-in</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((u) => (
                <tr key={u.id}>
                  <Td>
                    <div className="font-medium text-slate-900">{u.name ?? u.email}</div>
                    <div className="text-xs text-slate-500">{u.email}</div>
                  </Td>
                  <Td>{u.role === 'admin' ? <Badge tone="brand">Admin</Badge> : <Badge>Consumer</Badge>}</Td>
                  <Td>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {u.groups.length ? (
                        u.groups.map((g) => (
                          <code key={g} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                            {g}
                          </code>
                        ))
                      ) : (
                        <span className="text-slate-400">none</span>
                      )}
                    </div>
                  </Td>
                  <Td className="text-right tabular-nums">{u.apps}</Td>
                  <Td className="text-right tabular-nums">{u.teams}</Td>
                  <Td className="whitespace-nowrap text-slate-500">
                    {u.lastSignIn ? formatDateTime(u.lastSignIn) : `never (added ${formatDate(u.createdAt)})`}
                    <Link
                      href={`/admin/audit?actor=${encodeURIComponent(u.email)}`}
                      className="block text-xs font-medium text-brand-700 hover:underline"
                      aria-label={`Audit history of ${u.email}`}
                    >
                      History
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedList>
    </div>
  );
}
