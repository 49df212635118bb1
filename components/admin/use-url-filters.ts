'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * A list page's filters and page number, kept in the URL's query string so a
 * filtered view can be bookmarked, shared and reloaded. Changing a filter
 * goes back to page 1. (Next's router follows history.replaceState.)
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const query = params.toString();
  const values = useMemo(() => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>, [params, keys]);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = params.get('pageSize') === '50' ? 50 : 25;

  const set = useCallback((changes: Partial<Record<K | 'page' | 'pageSize', string | number | null>>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '' || (key === 'page' && value === 1)) next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    const qs = next.toString();
    window.history.replaceState(null, '', qs ? `?${qs}` : window.location.pathname);
  }, []);

  /** The query string for the API: the filters, the page and the page size. */
  const apiQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const k of keys) if (values[k]) q.set(k, values[k]);
    q.set('page', String(page));
    q.set('pageSize', String(pageSize));
    return q.toString();
  }, [keys, values, page, pageSize]);

  const active = keys.some((k) => values[k]);
  return { values, page, pageSize, set, apiQuery, active, query };
}
