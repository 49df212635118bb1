'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState, Loading } from '@/components/ui/states';
import { CallsChart, ErrorsChart, formatCount, formatMs, LatencyChart, RangePicker, Stat } from '@/components/usage/usage-charts';
import { appUsageCsvUrl, getAppUsage } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';
import type { AppUsage, ProductUsage } from '@/lib/usage/app-usage';
import { GRANULARITY_MS } from '@/lib/usage/buckets';
import type { UsageRange } from '@/lib/usage/schemas';

// The app page's usage: per product, calls over the chosen range (stacked
// by how they ended, with the plan's allowance drawn in), errors, p95
// latency and the quota used in its current window. It refreshes every
// 10 s, since the gateway writes what it counted every few seconds.

const WINDOW_MS = { second: 1_000, minute: 60_000 } as const;

function limitLine(p: ProductUsage, usage: AppUsage): { value: number; label: string } | undefined {
  const rate = p.plan?.rate;
  if (!rate || usage.granularity !== 'minute') return undefined;
  const perBucket = (rate.limit * GRANULARITY_MS.minute) / WINDOW_MS[rate.window];
  return { value: perBucket, label: `Plan limit ${formatCount(rate.limit)}/${rate.window}` };
}

function until(iso: string): string {
  const ms = Date.parse(iso) - Date.now();
  const h = Math.floor(ms / 3_600_000);
  if (h >= 48) return `${Math.round(h / 24)} days`;
  if (h >= 1) return `${h} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
  return `${Math.max(1, Math.ceil(ms / 60_000))} min`;
}

function QuotaMeter({ quota }: { quota: NonNullable<ProductUsage['quota']> }) {
  const share = Math.min(1, quota.used / quota.limit);
  const tone = share >= 1 ? 'bg-red-600' : share >= 0.8 ? 'bg-amber-500' : 'bg-brand-600';
  return (
    <div className="space-y-1.5" data-testid="quota-meter">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">
          Quota this {quota.window}:{' '}
          <span data-testid="quota-used">
            {formatCount(quota.used)} of {formatCount(quota.limit)}
          </span>
        </span>
        <span className="text-xs text-slate-500">
          resets in {until(quota.resetsAt)} (UTC {quota.window === 'day' ? 'midnight' : 'month start'})
        </span>
      </div>
      <div
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={quota.used}
        aria-label={`Quota used this ${quota.window}`}
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.max(share * 100, quota.used ? 1 : 0)}%` }} />
      </div>
    </div>
  );
}

function ProductSection({ p, usage }: { p: ProductUsage; usage: AppUsage }) {
  return (
    <section
      className="space-y-4 border-t border-slate-100 pt-5 first:border-t-0 first:pt-0"
      aria-label={`Usage of ${p.name}`}
      data-testid={`usage-${p.apiProductId}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold text-slate-900">{p.name}</h3>
        {p.plan ? <Badge tone="brand">{`${p.plan.name} · ${p.plan.limits}`}</Badge> : <Badge>No plan: no limits</Badge>}
        {!p.subscribed && <Badge tone="amber">not subscribed now</Badge>}
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Stat label="Calls" value={formatCount(p.totals.calls)} testId={`usage-calls-${p.apiProductId}`} />
        <Stat label="4xx errors" value={formatCount(p.totals.clientErrors)} tone={p.totals.clientErrors ? 'amber' : undefined} />
        <Stat
          label="Limited (429)"
          value={formatCount(p.totals.limited)}
          tone={p.totals.limited ? 'amber' : undefined}
          testId={`usage-limited-${p.apiProductId}`}
        />
        <Stat label="5xx errors" value={formatCount(p.totals.serverErrors)} tone={p.totals.serverErrors ? 'red' : undefined} />
        <Stat label="p95 latency" value={formatMs(p.totals.p95)} />
      </div>
      {p.quota && <QuotaMeter quota={p.quota} />}
      <CallsChart
        points={p.points}
        granularity={usage.granularity}
        range={usage.range}
        limit={limitLine(p, usage)}
        title={`Calls to ${p.name}`}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Errors</h4>
          <ErrorsChart points={p.points} granularity={usage.granularity} range={usage.range} />
        </div>
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">p95 latency</h4>
          <LatencyChart points={p.points} granularity={usage.granularity} range={usage.range} />
        </div>
      </div>
    </section>
  );
}

export function AppUsageCard({ appId }: { appId: string }) {
  const [range, setRange] = useState<UsageRange>('1h');
  const usage = useQuery({
    queryKey: queryKeys.apps.usage(appId, range),
    queryFn: () => getAppUsage(appId, range),
    refetchInterval: 10_000,
  });
  const data = usage.data;
  const subscribed = data?.products.filter((p) => p.subscribed && p.slug) ?? [];
  return (
    <Card className="p-6" aria-labelledby="usage-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="usage-title" className="text-lg font-semibold">
            Usage
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Calls through the gateway with this app’s tokens, per product. Times are UTC; new calls show within a few seconds.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <RangePicker value={range} onChange={setRange} />
          <a href={appUsageCsvUrl(appId, range)} download className={buttonClass({ variant: 'secondary', size: 'sm' })}>
            Download CSV
          </a>
        </div>
      </div>
      <div className="mt-5">
        {usage.isPending ? (
          <Loading label="Loading usage…" />
        ) : usage.isError ? (
          <ErrorState message={usage.error.message} onRetry={() => void usage.refetch()} />
        ) : !data!.hasCalls ? (
          <div className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center" data-testid="usage-empty">
            <p className="font-medium text-slate-900">No calls yet{range === '1h' ? ' in the last hour' : ' in this range'}: try it</p>
            <p className="mt-1 text-sm text-slate-600">
              {subscribed.length
                ? 'Send a request from a product’s try-it console, or call the gateway with a token from the token tool above.'
                : 'Subscribe this app to an API product above, then send a request from its try-it console.'}
            </p>
            {subscribed.length > 0 && (
              <div className="mt-4 flex flex-wrap justify-center gap-2">
                {subscribed.map((p) => (
                  <Link key={p.apiProductId} href={`/apis/${p.slug}`} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
                    Try {p.name}
                  </Link>
                ))}
              </div>
            )}
          </div>
        ) : (
          <div className="space-y-6">
            {data!.products
              .filter((p) => p.totals.calls > 0 || p.subscribed)
              .map((p) => (
                <ProductSection key={p.apiProductId} p={p} usage={data!} />
              ))}
          </div>
        )}
      </div>
    </Card>
  );
}
