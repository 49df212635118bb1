'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode, type ThHTMLAttributes, type TdHTMLAttributes } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { selectClass } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import type { Page } from '@/lib/pagination';
import { cn } from '@/lib/cn';
import { formatCount } from './format';

// The pieces every admin list is built from: a filter bar, a table, and the
// pager under it.

export function FilterBar({ children, onClear, active }: { children: ReactNode; onClear: () => void; active: boolean }) {
  return (
    <Card className="p-4">
      <form role="search" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        {children}
        <Button type="button" variant="ghost" onClick={onClear} disabled={!active} className="ml-auto">
          Clear filters
        </Button>
      </form>
    </Card>
  );
}

/** A text filter that updates the list 300 ms after typing stops. */
export function SearchFilter({
  label,
  value,
  onChange,
  placeholder,
  className,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  className?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  // The URL's value can change under the field (back, a link): adopt it
  // during render, as React recommends for state derived from props.
  const [adopted, setAdopted] = useState(value);
  if (adopted !== value) {
    setAdopted(value);
    setText(value);
  }
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => latest.current(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <div className={cn('min-w-48 flex-1 space-y-1.5', className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onChange(text.trim())}
      />
    </div>
  );
}

export function SelectFilter({
  label,
  value,
  onChange,
  options,
  className,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  className?: string;
}) {
  const id = useId();
  return (
    <div className={cn('w-44 space-y-1.5', className)}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Table({ label, children, busy }: { label: string; children: ReactNode; busy?: boolean }) {
  return (
    <Card className="overflow-hidden">
      <div className="overflow-x-auto">
        <table
          aria-label={label}
          aria-busy={busy || undefined}
          className={cn('min-w-full divide-y divide-slate-200 text-sm transition-opacity', busy && 'opacity-60')}
        >
          {children}
        </table>
      </div>
    </Card>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn('bg-slate-50 px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500', className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-4 py-3 align-top text-slate-700', className)} {...props} />;
}

export function Pager({
  page,
  pageSize,
  total,
  pageCount,
  onPage,
  onPageSize,
  noun,
}: {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  onPage: (p: number) => void;
  onPageSize: (n: number) => void;
  noun: string;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const sizeId = useId();
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="pager-summary" aria-live="polite">
        {total === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing{' '}
            <strong className="font-medium text-slate-900">
              {formatCount(first)}–{formatCount(last)}
            </strong>{' '}
            of <strong className="font-medium text-slate-900">{formatCount(total)}</strong> {noun}
          </>
        )}
      </p>
      <div className="flex items-center gap-3">
        <label htmlFor={sizeId} className="whitespace-nowrap text-xs text-slate-500">
          Per page
        </label>
        <div className="w-20">
          <select id={sizeId} className={cn(selectClass, 'h-8 px-2')} value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
            <option value={25}>25</option>
            <option value={50}>50</option>
          </select>
        </div>
        <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <span className="whitespace-nowrap tabular-nums">
          Page {formatCount(page)} of {formatCount(pageCount)}
        </span>
        <Button size="sm" variant="secondary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </div>
  );
}

/**
 * The body of a paged admin list: loading, error and empty states, then the
 * rows (`children`) and the pager. The empty state says whether the filters
 * or the portal itself have nothing to show.
 */
export function PagedList<T>({
  list,
  filters,
  noun,
  empty,
  children,
}: {
  list: UseQueryResult<Page<T>>;
  /** The page's URL filters (use-url-filters.ts): whether any is set, and where the pager writes the page. */
  filters: { active: boolean; set: (changes: { page?: number; pageSize?: number }) => void };
  noun: string;
  empty: { none: string; noneHint: ReactNode; noMatch: string; noMatchHint?: ReactNode };
  children: (items: T[], busy: boolean) => ReactNode;
}) {
  const filtered = filters.active;
  if (list.isPending) return <Loading label={`Loading ${noun}…`} />;
  if (list.isError) return <ErrorState message={list.error.message} onRetry={() => void list.refetch()} />;
  if (list.data.total === 0) {
    return (
      <EmptyState title={filtered ? empty.noMatch : empty.none}>
        {filtered ? (empty.noMatchHint ?? 'Try fewer or different filters.') : empty.noneHint}
      </EmptyState>
    );
  }
  return (
    <>
      {children(list.data.items, list.isPlaceholderData)}
      <Pager {...list.data} noun={noun} onPage={(page) => filters.set({ page })} onPageSize={(pageSize) => filters.set({ pageSize })} />
    </>
  );
}
