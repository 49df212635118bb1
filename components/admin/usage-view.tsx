'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { ErrorsChart, formatCount, formatMs, RangePicker, Stat } from '@/components/usage/usage-charts';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import type { UsageRange } from '@/lib/usage/schemas';
import { PageHeader } from './page-header';

// The admin console's usage page: totals, errors over time across every
// product, and the busiest products and applications in the range.

type TopRow = { name: string; calls: number; ok: number; clientErrors: number; serverErrors: number; p95: number | null };

function TopChart({ rows, label }: { rows: TopRow[]; label: string }) {
  return (
    <>
      <TopFigure rows={rows} label={label} />
      <table className="mt-3 w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="py-1 font-medium">Name</th>
            <th className="py-1 text-right font-medium">Calls</th>
            <th className="py-1 text-right font-medium">4xx</th>
            <th className="py-1 text-right font-medium">5xx</th>
            <th className="py-1 text-right font-medium">p95</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.name}>
              <td className="py-1.5 pr-2 text-slate-900">{r.name}</td>
              <td className="py-1.5 text-right tabular-nums">{formatCount(r.calls)}</td>
              <td className="py-1.5 text-right tabular-nums text-amber-700">{formatCount(r.clientErrors)}</td>
              <td className="py-1.5 text-right tabular-nums text-red-700">{formatCount(r.serverErrors)}</td>
              <td className="py-1.5 text-right tabular-nums text-slate-600">{formatMs(r.p95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TopFigure({ rows, label }: { rows: TopRow[]; label: string }) {
  return (
    <figure aria-label={label} className="w-full" style={{ height: Math.max(120, rows.length * 34 + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, left: 8, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#64748b' }} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12, fill: '#334155' }} />
          <Tooltip formatter={(v) => formatCount(Number(v))} />
          <Bar dataKey="ok" name="Succeeded" stackId="c" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="clientErrors" name="4xx (incl. 429)" stackId="c" fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="serverErrors" name="5xx" stackId="c" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function UsageView() {
  const [range, setRange] = useState<UsageRange>('24h');
  const usage = useQuery({ queryKey: queryKeys.admin.usage(range), queryFn: () => adminApi.getUsage(range), refetchInterval: 15_000 });
  const data = usage.data;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Usage"
        description="Calls through the data path across every product: the busiest products and applications, and errors over time. Times are UTC."
        actions={
          <>
            <RangePicker value={range} onChange={setRange} />
            <a href={adminApi.usageCsvUrl(range)} download className={buttonClass({ variant: 'secondary', size: 'sm' })}>
              Download CSV
            </a>
          </>
        }
      />
      {usage.isPending ? (
        <Loading label="Loading usage…" />
      ) : usage.isError ? (
        <ErrorState message={usage.error.message} onRetry={() => void usage.refetch()} />
      ) : data!.totals.calls === 0 ? (
        <EmptyState
          title="No calls in this range yet"
          action={
            <Link href="/apis" className={buttonClass({ variant: 'secondary' })}>
              Open the catalog and try an API
            </Link>
          }
        >
          Calls appear here a few seconds after the gateway sees them: through the portal’s try-it console, or through an authz process that
          reports to this portal (LANYARD_DATA_PATH_TOKEN).
        </EmptyState>
      ) : (
        <>
          <section aria-label="Totals" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            <Stat label="Calls" value={formatCount(data!.totals.calls)} testId="admin-usage-calls" />
            <Stat label="4xx errors" value={formatCount(data!.totals.clientErrors)} tone="amber" />
            <Stat label="Limited (429)" value={formatCount(data!.totals.limited)} tone="amber" />
            <Stat label="5xx errors" value={formatCount(data!.totals.serverErrors)} tone="red" />
            <Stat label="p95 latency" value={formatMs(data!.totals.p95)} />
          </section>
          <Card className="p-6">
            <h2 className="text-lg font-semibold">Errors over time</h2>
            <ErrorsChart points={data!.points} granularity={data!.granularity} range={data!.range} />
          </Card>
          <div className="grid gap-6 xl:grid-cols-2">
            <Card className="p-6" data-testid="top-products">
              <h2 className="text-lg font-semibold">Top products</h2>
              <TopChart label="Top products by calls" rows={data!.topProducts.map((p) => ({ ...p, name: p.name }))} />
            </Card>
            <Card className="p-6" data-testid="top-apps">
              <h2 className="text-lg font-semibold">Top applications</h2>
              <TopChart
                label="Top applications by calls"
                rows={data!.topApps.map((a) => ({
                  ...a,
                  name: a.app ? a.app.name : a.clientId ? `client ${a.clientId}` : 'Unidentified callers',
                }))}
              />
              <p className="mt-2 text-xs text-slate-500">
                “Unidentified callers” were refused before a client could be known (no token, or an invalid one).
              </p>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
