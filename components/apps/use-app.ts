'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { AppDetail } from './types';

export const appKey = (id: string) => ['app', id] as const;

export function useApp(id: string) {
  return useQuery({
    queryKey: appKey(id),
    queryFn: () => api<AppDetail>(`/api/apps/${encodeURIComponent(id)}`),
    retry: (n, err) => n < 1 && !(err as { status?: number }).status,
  });
}
