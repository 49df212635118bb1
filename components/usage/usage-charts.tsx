'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { cn } from '@/lib/cn';
import type { Granularity } from '@/lib/usage/buckets';
import type { UsageRange } from '@/lib/usage/schemas';
import type { UsageCounts } from '@/lib/usage/summarize';

// The usage charts, on Recharts (docs/adr/0007-usage-charts-with-recharts.md):
// calls over time stacked by how they ended, errors over time and p95
// latency. Colours: calls that went well in the brand colour, client errors
// (4xx, 429s from the plan, 401/403) amber, server errors red.

export type Point = { t: string } & UsageCounts;

const COLORS = { ok: '#4f46e5', clientErrors: '#f59e0b', serverErrors: '#dc2626', limited: '#b45309', p95: '#0f766e' };
const RANGES: { value: UsageRange; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
];

export function RangePicker({ value, onChange }: { value: UsageRange; onChange: (range: UsageRange) => void }) {
  return (
    <div role="radiogroup" aria-label="Time range" className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-sm">
      {RANGES.map((r) => (
        <button
          key={r.value}
          type="button"
          role="radio"
          aria-checked={value === r.value}
          onClick={() => onChange(r.value)}
          className={cn(
            'rounded-md px-3 py-1.5 text-xs font-medium',
            value === r.value ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}

export function tickFormatter(granularity: Granularity, range: UsageRange) {
  return (iso: string) => {
    const d = new Date(iso);
    if (granularity === 'minute') return d.toISOString().slice(11, 16);
    if (granularity === 'hour' && range === '24h') return `${d.toISOString().slice(11, 13)}:00`;
    if (granularity === 'hour')
      return `${d.toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })} ${d.toISOString().slice(11, 13)}h`;
    return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function labelOf(granularity: Granularity) {
  return (iso: unknown) => {
    const d = new Date(String(iso));
    const when = d
      .toISOString()
      .replace('T', ' ')
      .slice(0, granularity === 'day' ? 10 : 16);
    return `${when} UTC`;
  };
}

/** Calls per bucket, stacked by outcome; `limit` draws the plan's allowance per bucket. */
export function CallsChart({
  points,
  granularity,
  range,
  limit,
  title,
}: {
  points: Point[];
  granularity: Granularity;
  range: UsageRange;
  limit?: { value: number; label: string };
  title: string;
}) {
  const total = points.reduce((n, p) => n + p.calls, 0);
  return (
    <figure aria-label={`${title}: ${count(total)} calls`} className="h-56 w-full" data-testid="calls-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 16, right: 12, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickFormatter(granularity, range)} minTickGap={24} tick={{ fontSize: 11, fill: '#64748b' }} />
          <YAxis
            allowDecimals={false}
            width={40}
            tick={{ fontSize: 11, fill: '#64748b' }}
            domain={[0, (max: number) => Math.max(max, limit?.value ?? 0, 1)]}
          />
          <Tooltip labelFormatter={labelOf(granularity)} formatter={(v) => count(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name="Succeeded" stackId="calls" fill={COLORS.ok} isAnimationActive={false} />
          <Bar dataKey="clientErrors" name="4xx (incl. 429)" stackId="calls" fill={COLORS.clientErrors} isAnimationActive={false} />
          <Bar dataKey="serverErrors" name="5xx" stackId="calls" fill={COLORS.serverErrors} isAnimationActive={false} />
          {limit && (
            <ReferenceLine
              y={limit.value}
              stroke={COLORS.limited}
              strokeDasharray="6 3"
              label={{ value: limit.label, position: 'insideTopLeft', fontSize: 11, fill: COLORS.limited }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** 4xx and 5xx per bucket. */
export function ErrorsChart({ points, granularity, range }: { points: Point[]; granularity: Granularity; range: UsageRange }) {
  return (
    <figure aria-label="Errors over time" className="h-56 w-full" data-testid="errors-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 12, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickFormatter(granularity, range)} minTickGap={24} tick={{ fontSize: 11, fill: '#64748b' }} />
          <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11, fill: '#64748b' }} />
          <Tooltip labelFormatter={labelOf(granularity)} formatter={(v) => count(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            type="monotone"
            dataKey="clientErrors"
            name="4xx (incl. 429)"
            stroke={COLORS.clientErrors}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="limited"
            name="429 from plans"
            stroke={COLORS.limited}
            dot={false}
            strokeDasharray="4 2"
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="serverErrors"
            name="5xx"
            stroke={COLORS.serverErrors}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** p95 latency per bucket (gaps where there were no calls). */
export function LatencyChart({ points, granularity, range }: { points: Point[]; granularity: Granularity; range: UsageRange }) {
  return (
    <figure aria-label="p95 latency" className="h-40 w-full" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 12, right: 12, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="t" tickFormatter={tickFormatter(granularity, range)} minTickGap={24} tick={{ fontSize: 11, fill: '#64748b' }} />
          <YAxis width={56} tick={{ fontSize: 11, fill: '#64748b' }} unit=" ms" />
          <Tooltip labelFormatter={labelOf(granularity)} formatter={(v) => `${Number(v).toFixed(1)} ms`} />
          <Line
            type="monotone"
            dataKey="p95"
            name="p95 latency"
            stroke={COLORS.p95}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: 'amber' | 'red'; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2">
      <p className="text-xs text-slate-500">{label}</p>
      <p
        className={cn(
          'mt-0.5 text-lg font-semibold tabular-nums',
          tone === 'amber' ? 'text-amber-700' : tone === 'red' ? 'text-red-700' : 'text-slate-900',
        )}
        data-testid={testId}
      >
        {value}
      </p>
    </div>
  );
}

export const formatCount = count;
export const formatMs = (ms: number | null) => (ms === null ? '–' : ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);
