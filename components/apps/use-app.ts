'use client';

import { useQuery } from '@tanstack/react-query';
import { getApp } from '@/lib/client/apps';
import { queryKeys } from '@/lib/client/query-keys';

export function useApp(id: string) {
  return useQuery({
    queryKey: queryKeys.apps.detail(id),
    queryFn: () => getApp(id),
    retry: (n, err) => n < 1 && !(err as { status?: number }).status,
  });
}
