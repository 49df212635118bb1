import type { CatalogQuery } from './schemas';

// Shared by the catalog page on the server and its view in the browser, so it
// imports nothing server-only.

/** The catalog URL of a query, with only what differs from the defaults. */
export function catalogHref(q: CatalogQuery, page = q.page): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.tag) params.set('tag', q.tag);
  if (q.approval) params.set('approval', q.approval);
  if (q.sort !== 'name') params.set('sort', q.sort);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/apis?${search}` : '/apis';
}
