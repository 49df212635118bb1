'use client';

import { useQuery } from '@tanstack/react-query';
import type { SessionUser } from '../auth/current-user';
import { getSignedInUser } from './auth';
import { queryKeys } from './query-keys';

/**
 * Who is signed in, asked from the browser: the portal's pages are rendered
 * once for everyone with the same role and kept, so they do not carry it
 * (docs/adr/0015-catalog-page-cache.md). `user` is undefined until the answer comes.
 */
export function useSignedInUser(): { user: SessionUser | null | undefined } {
  const query = useQuery({ queryKey: queryKeys.signedInUser, queryFn: getSignedInUser, staleTime: 60_000 });
  return { user: query.data };
}
