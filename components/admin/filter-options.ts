'use client';

import { useQuery } from '@tanstack/react-query';
import * as adminApi from '@/lib/client/admin';
import { queryKeys } from '@/lib/client/query-keys';

export const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

/** The product filter's options: every product's id and name. */
export function useProductOptions(): { value: string; label: string }[] {
  const products = useQuery({ queryKey: queryKeys.admin.productOptions(), queryFn: adminApi.listProductOptions });
  return [{ value: '', label: 'Any product' }, ...(products.data ?? []).map((p) => ({ value: p.apiProductId, label: p.name }))];
}
