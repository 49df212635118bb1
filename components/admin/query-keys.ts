// TanStack Query keys the admin pages share, so that a change on one page
// refreshes what the others show.
export const approvalsKey = ['admin', 'approvals'] as const;
export const productsKey = ['admin', 'products'] as const;
export const productKey = (ref: string) => ['admin', 'product', ref] as const;
export const driftKey = ['admin', 'drift'] as const;
export const listKey = (kind: string, query: string) => ['admin', kind, query] as const;
