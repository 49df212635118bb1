import { z } from 'zod';
import { invalid } from '../errors';

// Cursor pagination for /api/v1 lists: `?cursor=&limit=` in, `{ items,
// nextCursor }` out. Rows are read in id order (ids grow with time; the audit log reads newest first) past the cursor's id, so a
// page never repeats or skips a row while others are added; the cursor is
// opaque (base64url of the last id) so that its form can change.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const cursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be between 1 and ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
});

export type CursorQuery = z.infer<typeof cursorQuery>;

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function afterId(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w-]{1,100}$/.test(id)) throw invalid('The cursor is not one this API gave out', { cursor: 'Not a cursor from a previous page' });
  return id;
}

/** Prisma arguments for one page: `take` is one more than asked, to know whether another page follows. */
export function pageArgs(q: CursorQuery, order: 'asc' | 'desc' = 'asc') {
  const after = afterId(q.cursor);
  return { ...(after && { where: { id: order === 'asc' ? { gt: after } : { lt: after } } }), orderBy: { id: order }, take: q.limit + 1 };
}

export function toCursorPage<R extends { id: string }, T>(rows: R[], q: CursorQuery, map: (row: R) => T): CursorPage<T> {
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: more && last ? Buffer.from(last.id).toString('base64url') : null };
}
