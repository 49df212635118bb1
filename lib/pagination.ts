import { z } from 'zod';

// Server-side pagination for lists: offset pages of 25 to 50 rows,
// with the total count, ordered by an indexed column plus the id so that a
// page never repeats or skips a row that ties on the first.

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 50;

export const pageSchema = z.object({
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).default(1),
  pageSize: z.coerce
    .number()
    .int('must be a whole number')
    .min(DEFAULT_PAGE_SIZE, `must be between ${DEFAULT_PAGE_SIZE} and ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be between ${DEFAULT_PAGE_SIZE} and ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
});

export type PageRequest = z.infer<typeof pageSchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function skipFor({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

export function toPage<T>(items: T[], total: number, { page, pageSize }: PageRequest): Page<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A blank text filter is no filter. */
export const optionalText = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max, `must be at most ${max} characters`).optional(),
  );
