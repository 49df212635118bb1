'use client';

import { useQuery } from '@tanstack/react-query';
import type { SessionUser } from '../auth/current-user';
import { getSignedInUser } from './auth';
import { queryKeys } from './query-keys';

/**
 * Who is signed in, for pages rendered once for every reader (the public
 * catalog pages, docs/adr/0015-catalog-page-cache.md). `known` is the user a
 * page rendered for its reader already had: then nothing is fetched.
 * `user` is undefined until the answer comes.
 */
export function useSignedInUser(known?: SessionUser | null): { user: SessionUser | null | undefined } {
  const query = useQuery({ queryKey: queryKeys.signedInUser, queryFn: getSignedInUser, staleTime: 60_000, enabled: known === undefined });
  return { user: known !== undefined ? known : query.data };
}
