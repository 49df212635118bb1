'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { AuditOutcomeBadge } from '@/components/admin/audit-outcome-badge';
import { formatCount, formatDateTime } from '@/components/admin/format';
import { PageHeader } from '@/components/admin/page-header';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState, Loading } from '@/components/ui/states';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { AdminOverview } from '@/lib/overview/admin-overview';

// The admin console's first page. The page is a shell, the same for every
// admin and kept (docs/adr/0015-catalog-page-cache.md): the figures come from
// GET /api/admin/overview.
export function OverviewView() {
  const overview = useQuery({ queryKey: queryKeys.admin.overview(), queryFn: () => adminApi.getOverview() });
  if (overview.isPending) return <Loading label="Counting…" />;
  if (overview.isError) return <ErrorState message={overview.error.message} onRetry={() => void overview.refetch()} />;
  return <OverviewFigures overview={overview.data} />;
}

function OverviewFigures({ overview: o }: { overview: AdminOverview }) {
  const stats = [
    { label: 'API products', value: o.products, href: '/admin/products', note: 'published in the catalog' },
    {
      label: 'Pending approvals',
      value: o.subscriptions.pending,
      href: '/admin/approvals',
      note: 'waiting for a decision',
      highlight: o.subscriptions.pending > 0,
    },
    { label: 'Applications', value: o.apps, href: '/admin/apps', note: 'each with its own IdP client' },
    {
      label: 'Subscriptions',
      value: o.subscriptions.approved,
      href: '/admin/subscriptions?status=approved',
      note: `approved · ${formatCount(o.subscriptions.rejected)} rejected`,
    },
    { label: 'Users', value: o.users, href: '/admin/users', note: `${formatCount(o.admins)} admin${o.admins === 1 ? '' : 's'}` },
    {
      label: 'Audit events, 24 h',
      value: o.audit.last24h,
      href: '/admin/audit',
      note: `${formatCount(o.audit.failures24h)} failed or denied`,
    },
  ];
  return (
    <div className="space-y-8">
      <PageHeader
        title="Admin console"
        description="Publish API products, decide on subscriptions, and check that the portal and the identity provider agree."
        actions={
          <>
            <ButtonLink href="/admin/drift" variant="secondary">
              Check drift
            </ButtonLink>
            <ButtonLink href="/admin/products/new">Publish a product</ButtonLink>
          </>
        }
      />
      <section aria-label="At a glance" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {stats.map((s) => (
          <Link
            key={s.label}
            href={s.href}
            className={`group rounded-xl border bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow-md ${s.highlight ? 'border-amber-300' : 'border-slate-200'}`}
          >
            <p className="text-sm font-medium text-slate-600 group-hover:text-brand-700">{s.label}</p>
            <p
              className="mt-2 text-3xl font-semibold tabular-nums tracking-tight text-slate-900"
              data-testid={`stat-${s.label.toLowerCase().replace(/[^a-z]+/g, '-')}`}
            >
              {formatCount(s.value)}
            </p>
            <p className="mt-1 text-xs text-slate-500">{s.note}</p>
          </Link>
        ))}
      </section>
      <section className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Recent activity</h2>
          <Link href="/admin/audit" className="text-sm font-medium text-brand-700 hover:underline">
            Full audit log
          </Link>
        </div>
        <Card className="divide-y divide-slate-100">
          {o.recent.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-slate-500">Nothing has happened yet.</p>
          ) : (
            o.recent.map((e) => (
              <div key={e.id} className="flex items-center gap-4 px-5 py-3 text-sm">
                <code className="w-44 shrink-0 truncate font-mono text-xs text-slate-800">{e.action}</code>
                <span className="w-48 shrink-0 truncate text-slate-600" title={e.actor}>
                  {e.actor}
                </span>
                <span className="min-w-0 flex-1 truncate text-slate-500" title={`${e.targetType} ${e.targetId}`}>
                  {e.targetType} {e.targetId}
                </span>
                <span className="flex shrink-0 items-center gap-3">
                  <AuditOutcomeBadge outcome={e.outcome} />
                  <time dateTime={e.at} className="text-xs text-slate-500">
                    {formatDateTime(e.at)}
                  </time>
                </span>
              </div>
            ))
          )}
        </Card>
      </section>
    </div>
  );
}
