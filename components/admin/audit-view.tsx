'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { AuditOutcomeBadge } from './audit-outcome-badge';
import { formatDate } from './format';
import { FilterBar, PagedList, SearchFilter, SelectFilter, Table, Td, Th } from './list-parts';
import { PageHeader } from './page-header';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';
import { useUrlFilters } from './use-url-filters';

const KEYS = ['action', 'actor', 'outcome', 'target', 'from', 'to'] as const;
const OUTCOMES = [
  { value: '', label: 'Any outcome' },
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
  { value: 'denied', label: 'Denied' },
];

function actionOptions(actions: string[], current: string) {
  const families = [...new Set(actions.map((a) => a.split('.')[0]!))].sort();
  const options = [{ value: '', label: 'Any action' }];
  for (const family of families) {
    const members = actions.filter((a) => a.split('.')[0] === family);
    if (members.length > 1) options.push({ value: `${family}.*`, label: `${family}.* (all ${members.length})` });
    for (const a of members) options.push({ value: a, label: members.length > 1 ? `  ${a}` : a });
  }
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}

function DateFilter({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  min?: string;
  max?: string;
}) {
  const id = useId();
  return (
    <div className="w-40 space-y-1.5">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <Input id={id} type="date" value={value} min={min} max={max} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function AuditView() {
  const f = useUrlFilters(KEYS);
  const log = useQuery({
    queryKey: queryKeys.admin.list('audit', f.apiQuery),
    queryFn: () => adminApi.listAudit(f.apiQuery),
    placeholderData: keepPreviousData,
  });
  const exportQuery = new URLSearchParams(KEYS.flatMap((k) => (f.values[k] ? [[k, f.values[k]]] : []))).toString();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every change, by anyone: people, the SPI’s callers and the reconciler. Entries are append-only. Times are UTC."
        actions={
          <a
            href={`/api/admin/audit.csv${exportQuery ? `?${exportQuery}` : ''}`}
            download
            className={buttonClass({ variant: 'secondary' })}
            data-testid="export-csv"
          >
            Export CSV{f.active ? ' (filtered)' : ''}
          </a>
        }
      />
      <FilterBar active={f.active} onClear={() => f.set({ action: null, actor: null, outcome: null, target: null, from: null, to: null })}>
        <SelectFilter
          label="Action"
          value={f.values.action}
          onChange={(action) => f.set({ action })}
          options={actionOptions(log.data?.actions ?? [], f.values.action)}
          className="w-56"
        />
        <SearchFilter label="Actor" value={f.values.actor} onChange={(actor) => f.set({ actor })} placeholder="Email or spi-caller" />
        <SelectFilter
          label="Outcome"
          value={f.values.outcome}
          onChange={(outcome) => f.set({ outcome })}
          options={OUTCOMES}
          className="w-36"
        />
        <SearchFilter
          label="Target id"
          value={f.values.target}
          onChange={(target) => f.set({ target })}
          placeholder="Exact id"
          className="max-w-56"
        />
        <DateFilter label="From" value={f.values.from} onChange={(from) => f.set({ from })} max={f.values.to || undefined} />
        <DateFilter label="To" value={f.values.to} onChange={(to) => f.set({ to })} min={f.values.from || undefined} />
      </FilterBar>
      <PagedList
        list={log}
        filters={f}
        noun="entries"
        empty={{
          none: 'The audit log is empty',
          noneHint: 'Changes are recorded here as they happen.',
          noMatch: 'No entry matches',
          noMatchHint: 'Try a wider date range or fewer filters.',
        }}
      >
        {(items, busy) => (
          <Table label="Audit log" busy={busy}>
            <thead>
              <tr>
                <Th>Time (UTC)</Th>
                <Th>Actor</Th>
                <Th>Action · outcome</Th>
                <Th>Target</Th>
                <Th>Details</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <Td className="whitespace-nowrap text-slate-500">
                    <time dateTime={e.at}>
                      <span className="block text-slate-700">{formatDate(e.at)}</span>
                      <span className="text-xs">{e.at.slice(11, 19)}</span>
                    </time>
                  </Td>
                  <Td className="max-w-40 truncate" title={e.actor}>
                    {e.actor}
                  </Td>
                  <Td>
                    <code className="block font-mono text-xs text-slate-900">{e.action}</code>
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <AuditOutcomeBadge outcome={e.outcome} />
                      {e.idpRequestId && (
                        <span className="font-mono text-xs text-slate-500" title="The IdP's request id">
                          IdP req {e.idpRequestId}
                        </span>
                      )}
                    </div>
                  </Td>
                  <Td className="max-w-44">
                    <div className="text-xs text-slate-500">{e.targetType}</div>
                    <button
                      type="button"
                      className="max-w-full truncate text-left font-mono text-xs text-brand-700 hover:underline"
                      title={`Only entries for ${e.targetId}`}
                      onClick={() => f.set({ target: e.targetId })}
                    >
                      {e.targetId}
                    </button>
                  </Td>
                  <Td className="w-56">
                    {e.detail ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-slate-600">
                          <span className="inline-block max-w-40 truncate align-bottom" title={summaryOf(e.detail)}>
                            {summaryOf(e.detail)}
                          </span>
                        </summary>
                        <pre className="mt-2 max-h-60 max-w-72 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
                          {JSON.stringify(e.detail, null, 2)}
                        </pre>
                      </details>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
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

function summaryOf(detail: Record<string, unknown>): string {
  if (typeof detail.error === 'string') return `error: ${detail.error}`;
  if (typeof detail.summary === 'string') return detail.summary;
  return Object.entries(detail)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}
